package net.metacircular.mcq.server;

import net.metacircular.mcq.testing.RawHttp;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9's slow clients, without an account: 200 connections that send a
 * login body slowly (half a byte a second, which the minimum data rate cuts
 * off; half nothing after the first byte, which stay open, their bodies
 * read without a worker thread) and 200 that send their headers a byte a
 * second, from several client addresses, while {@code /v1/health} is
 * polled. Every health answer must come within a second throughout.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SlowClientsTest {

    static final int SLOW_BODIES = 200;
    static final int SLOW_HEADERS = 200;
    /** 127.0.0.2 to 127.0.0.9: the connections are spread so that the per-address cap does not refuse them. */
    static final int ADDRESSES = 8;
    static final Duration HOLD = Duration.ofSeconds(10);

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

    @Test
    void healthAnswersWithinASecondWhileSlowClientsHoldConnections() throws Exception {
        int port = mcq.app.httpPort();
        List<Socket> bodies = new ArrayList<>();
        List<Socket> stalled = new ArrayList<>();
        List<Socket> headers = new ArrayList<>();
        byte[] headerText = ("POST /v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 4000\r\n" + "X-Padding: " + "p".repeat(200) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(mcq.baseUrl() + "/v1/health"))
                .timeout(Duration.ofSeconds(1)).build();
        // A warm server: the first request's class loading is not what is measured.
        assertThat(http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        try {
            for (int i = 0; i < SLOW_BODIES + SLOW_HEADERS; i++) {
                InetAddress from = InetAddress.getByName("127.0.0." + (2 + i % ADDRESSES));
                Socket socket = RawHttp.connect(port, from);
                if (i % 2 == 0) {
                    // A login body under the login limit, so it is admitted and then trickles.
                    socket.getOutputStream().write(headerText);
                    socket.getOutputStream().write('{');
                    (i % 4 == 0 ? bodies : stalled).add(socket);
                } else {
                    socket.getOutputStream().write(headerText, 0, 1);
                    headers.add(socket);
                }
                socket.getOutputStream().flush();
            }

            long slowestMillis = 0;
            int polls = 0;
            long end = System.nanoTime() + HOLD.toNanos();
            long nextByte = System.nanoTime() + 1_000_000_000L;
            int headerOffset = 1;
            while (System.nanoTime() < end) {
                if (System.nanoTime() >= nextByte) {
                    trickle(bodies, (byte) ' ');
                    trickle(headers, headerText[headerOffset++]);
                    nextByte += 1_000_000_000L;
                }
                long started = System.nanoTime();
                HttpResponse<String> answer = http.send(health, HttpResponse.BodyHandlers.ofString());
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(millis).as("health answer %d took %d ms", polls, millis).isLessThan(1000);
                slowestMillis = Math.max(slowestMillis, millis);
                polls++;
                Thread.sleep(50);
            }
            assertThat(polls).isGreaterThan(20);
            // The stalled bodies are still being waited for, each without a thread (there are 64).
            int open = 0;
            for (Socket socket : stalled) {
                open += stillOpen(socket) ? 1 : 0;
            }
            assertThat(open).isEqualTo(stalled.size());
            System.out.printf("health polls: %d, slowest %d ms%n", polls, slowestMillis);
        } finally {
            for (Socket socket : bodies) {
                socket.close();
            }
            for (Socket socket : headers) {
                socket.close();
            }
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    /** True when the server has neither answered nor closed the connection. */
    private static boolean stillOpen(Socket socket) throws IOException {
        socket.setSoTimeout(1);
        try {
            socket.getInputStream().read();
            return false; // an answer, or the end of the stream
        } catch (java.net.SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** One byte to each connection; a connection the server has closed is skipped. */
    private static void trickle(List<Socket> sockets, byte b) {
        for (Socket socket : sockets) {
            try {
                socket.getOutputStream().write(b);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // Closed by the server (too slow): that is allowed.
            }
        }
    }
}
