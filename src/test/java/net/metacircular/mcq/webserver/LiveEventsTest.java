package net.metacircular.mcq.webserver;

import net.metacircular.mcq.testing.RawHttp;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /events over raw sockets: what a stream says, who may open one, and how many. */
class LiveEventsTest {

    @TempDir
    static Path dir;
    static TestMcq mcq;

    @BeforeAll
    static void start() {
        mcq = TestMcq.start(dir);
    }

    @AfterAll
    static void stop() {
        mcq.close();
    }

    private static Socket openStream(String token) throws Exception {
        return openStream(mcq.app.httpPort(), token);
    }

    private static Socket openStream(int port, String token) throws Exception {
        Socket socket = RawHttp.connect(port, null);
        socket.getOutputStream().write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                + (token == null ? "" : "Cookie: mcq_session=" + token + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    /** Reads lines until one starts with {@code prefix}; the socket's read timeout bounds the wait. */
    private static String lineStartingWith(BufferedReader in, String prefix) throws Exception {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("the stream ended before a line starting with " + prefix);
    }

    @Test
    void aStreamTellsOfPushesAndDeletionsBySlugOnly() throws Exception {
        String alice = mcq.aliceToken();
        try (Socket socket = openStream(alice)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(lineStartingWith(in, "Content-Type:")).contains("text/event-stream");
            assertThat(lineStartingWith(in, "retry:")).isEqualTo("retry: 2000");

            mcq.push("streamed", "Streamed", "secret body text", mcq.systemToken());
            assertThat(lineStartingWith(in, "event:")).isEqualTo("event: document");
            assertThat(lineStartingWith(in, "data:")).isEqualTo("data: {\"slug\":\"streamed\"}");
            mcq.send("DELETE", "/v1/documents/streamed", mcq.systemToken(), null, null);
            assertThat(lineStartingWith(in, "event:")).isEqualTo("event: deleted");
            assertThat(lineStartingWith(in, "data:")).isEqualTo("data: {\"slug\":\"streamed\"}");
        }
    }

    @Test
    void aBrowserThatStopsReadingHoldsUpNoOtherStreamAndIsEnded() throws Exception {
        String alice = mcq.aliceToken();
        // About 8 MB of events: more than the kernel buffers a stalled connection (4 MB here) plus the
        // stream's own backlog bound. Published directly, as a flood of pushes would be, only faster.
        String slug = "backlog-" + "x".repeat(110);
        int events = 45_000;
        LiveEvents live = mcq.app.web().liveEvents();
        try (Socket stalled = openStream(alice); Socket reading = openStream(alice)) {
            stalled.setSoTimeout(10_000);
            BufferedReader stalledIn = new BufferedReader(new InputStreamReader(stalled.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(lineStartingWith(stalledIn, "retry:")).isEqualTo("retry: 2000");
            BufferedReader readingIn = new BufferedReader(new InputStreamReader(reading.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(lineStartingWith(readingIn, "retry:")).isEqualTo("retry: 2000");
            BlockingQueue<String> read = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try {
                    for (String line = readingIn.readLine(); line != null; line = readingIn.readLine()) {
                        read.add(line);
                    }
                } catch (IOException closed) {
                    // The test closed the socket.
                }
            });
            reader.setDaemon(true);
            reader.start();

            // The stalled stream is never read while the events go out.
            for (int i = 0; i < events; i++) {
                live.publish("document", slug);
            }
            live.publish("document", "after-the-backlog");
            // The reading stream hears every event, the last one included, while the other lags.
            // Well under the 30 s a blocked write would take to time out.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int heard = 0;
            while (true) {
                String line = read.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertThat(line).as("the reading stream stopped after " + heard + " events").isNotNull();
                if (line.equals("data: {\"slug\":\"" + slug + "\"}")) {
                    heard++;
                }
                if (line.equals("data: {\"slug\":\"after-the-backlog\"}")) {
                    break;
                }
            }
            assertThat(heard).isEqualTo(events);

            // The stalled stream was ended: reading it now gives what fitted, then the end of the response
            // (the connection closes); had it been kept, the read would wait for the next heartbeat and time out.
            int delivered = 0;
            for (String line = stalledIn.readLine(); line != null && !"0".equals(line); line = stalledIn.readLine()) {
                if (line.startsWith("data:")) {
                    delivered++;
                }
            }
            assertThat(delivered).isLessThan(events);
        }
    }

    @Test
    void withoutASessionThereIsNoStream() throws Exception {
        try (Socket socket = openStream(null)) {
            RawHttp.Response response = RawHttp.read(socket.getInputStream());
            assertThat(response.status()).isIn(302, 303, 401);
            assertThat(response.header("Content-Type")).doesNotContain("event-stream");
        }
    }

    @Test
    void theConfiguredBoundsHoldStreamsPerAccountAndInAllAndOneMoreIs429(@TempDir Path own) throws Exception {
        // A server of its own: streams closed by other tests stay counted until the next heartbeat.
        try (TestMcq bounded = TestMcq.start(own, """

                [limits]
                max_live_streams_per_account = 3
                max_live_streams = 4
                """)) {
            int port = bounded.app.httpPort();
            String admin = bounded.login("admin", "admin-dev-password");
            String alice = bounded.aliceToken();
            List<Socket> open = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    open.add(openStreamTo(port, admin, "admin's stream " + (i + 1)));
                }
                assertIsRefused(port, admin, "admin's 4th stream (3 per account)");
                // Another account is not held back by admin's streams...
                open.add(openStreamTo(port, alice, "alice's stream"));
                // ...until all of them together reach the bound over all accounts.
                assertIsRefused(port, alice, "alice's 2nd stream, the 5th in all (4 in all)");
            } finally {
                for (Socket socket : open) {
                    socket.close();
                }
            }
        }
    }

    /** A stream that has started: its answer's first event, {@code retry:}, has arrived. */
    private static Socket openStreamTo(int port, String token, String which) throws Exception {
        Socket socket = openStream(port, token);
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        assertThat(in.readLine()).as(which).isEqualTo("HTTP/1.1 200 OK");
        assertThat(lineStartingWith(in, "retry:")).as(which).isEqualTo("retry: 2000");
        return socket;
    }

    private static void assertIsRefused(int port, String token, String which) throws Exception {
        try (Socket socket = openStream(port, token)) {
            RawHttp.Response response = RawHttp.read(socket.getInputStream());
            assertThat(response.status()).as(which).isEqualTo(429);
            assertThat(response.header("Retry-After")).as(which).isEqualTo("2");
            assertThat(response.header("Content-Type")).as(which).doesNotContain("event-stream");
        }
    }
}
