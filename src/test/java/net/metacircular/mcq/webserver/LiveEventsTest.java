package net.metacircular.mcq.webserver;

import net.metacircular.mcq.testing.RawHttp;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        Socket socket = RawHttp.connect(mcq.app.httpPort(), null);
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
    void withoutASessionThereIsNoStream() throws Exception {
        try (Socket socket = openStream(null)) {
            RawHttp.Response response = RawHttp.read(socket.getInputStream());
            assertThat(response.status()).isIn(302, 303, 401);
            assertThat(response.header("Content-Type")).doesNotContain("event-stream");
        }
    }

    @Test
    void anAccountHoldsABoundedNumberOfStreamsAndOneMoreIs429() throws Exception {
        String admin = mcq.login("admin", "admin-dev-password");
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < LiveEvents.MAX_STREAMS_PER_ACCOUNT; i++) {
                Socket socket = openStream(admin);
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.UTF_8));
                assertThat(lineStartingWith(in, "retry:")).as("stream " + (i + 1)).isNotEmpty();
                open.add(socket);
            }
            try (Socket oneMore = openStream(admin)) {
                assertThat(RawHttp.read(oneMore.getInputStream()).status()).isEqualTo(429);
            }
            // Another account is not held back by admin's streams.
            try (Socket alices = openStream(mcq.aliceToken())) {
                BufferedReader in = new BufferedReader(new InputStreamReader(alices.getInputStream(),
                        StandardCharsets.UTF_8));
                assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
            }
        } finally {
            for (Socket socket : open) {
                socket.close();
            }
        }
    }
}
