package net.metacircular.mcq.server;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import net.metacircular.mcq.testing.RawHttp;
import net.metacircular.mcq.http.HttpServer;
import net.metacircular.mcq.http.BodyLimits;
import net.metacircular.mcq.http.Json;

import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-route body limits checked before the body is read, the shared body
 * budget (503 with Retry-After when it is taken), and the cap on
 * connections per client address.
 */
class RequestLimitsTest {

    static final int MAX_DOCUMENT_BYTES = 1000;
    /** The default push limit for that document limit: document + a quarter + 64 KiB. */
    static final int PUSH_BYTES = MAX_DOCUMENT_BYTES + MAX_DOCUMENT_BYTES / 4 + 64 * 1024;
    static final int IN_FLIGHT_BYTES = 100_000;
    static final int PER_ADDRESS = 5;

    @TempDir
    static Path dir;
    static TestMcq mcq;
    static String token;
    static int port;

    @BeforeAll
    static void start() {
        mcq = TestMcq.start(dir, """
                [limits]
                max_document_bytes = %d
                in_flight_body_bytes = %d
                max_connections_per_address = %d
                """.formatted(MAX_DOCUMENT_BYTES, IN_FLIGHT_BYTES, PER_ADDRESS));
        token = mcq.aliceToken();
        port = mcq.app.httpPort();
    }

    @AfterAll
    static void stop() {
        mcq.close();
    }

    /** Only the headers are sent: a 413 that arrives proves the body was never waited for. */
    static RawHttp.Response headersOnly(String method, String path, long contentLength, String extraHeaders) {
        return RawHttp.exchange(port, method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + contentLength + extraHeaders, null);
    }

    @Test
    void loginOverItsLimitIs413BeforeTheBodyIsRead() throws Exception {
        RawHttp.Response response = headersOnly("POST", "/v1/auth/login", 100_000, "");

        assertThat(response.status()).isEqualTo(413);
        assertThat(Json.MAPPER.readTree(response.body()).path("error").asText()).contains("8192");
        // A body of megabytes is never read, so the connection closes, and the answer says so.
        RawHttp.Response huge = headersOnly("POST", "/v1/auth/login", 30L << 20, "");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.header("Connection")).isEqualTo("close");
        // The login limit is small whatever the document limit is.
        assertThat(headersOnly("POST", "/v1/auth/login", BodyLimits.SMALL_BODY_BYTES + 1, "").status()).isEqualTo(413);
    }

    @Test
    void chunkedLoginIsCutOffAtItsLimit() throws Exception {
        try (Socket socket = RawHttp.connect(port, null)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String chunk = "\\u0001".repeat(1000);
            // Up to 100 KB in chunks; the server answers (and stops reading) after 8 KiB.
            try {
                out.write("d\r\n{\"username\":\"\r\n".getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 16; i++) {
                    out.write((Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (SocketException e) {
                // The server closed the connection after answering: expected.
            }
            RawHttp.Response response = RawHttp.read(socket.getInputStream());
            assertThat(response.status()).isEqualTo(413);
            assertThat(Json.MAPPER.readTree(response.body()).path("error").asText()).isNotEmpty();
        }
    }

    @Test
    void pushUpToTheEnvelopeIsReadAndOneByteMoreIsNot() throws Exception {
        String document = "{\"title\":\"Padded\",\"body\":\"" + "line\\n".repeat(150) + "\"}";
        byte[] exact = (document + " ".repeat(PUSH_BYTES - document.length())).getBytes(StandardCharsets.US_ASCII);
        assertThat(exact).hasSize(PUSH_BYTES);

        assertThat(mcq.sendBytes("PUT", "/v1/documents/padded", token, "application/json", exact).statusCode())
                .isEqualTo(201);
        RawHttp.Response over = headersOnly("PUT", "/v1/documents/padded", PUSH_BYTES + 1,
                "\r\nAuthorization: Bearer " + token);
        assertThat(over.status()).isEqualTo(413);
        assertThat(Json.MAPPER.readTree(over.body()).path("error").asText()).contains(Integer.toString(PUSH_BYTES));
    }

    @Test
    void mcpAndWebFormsHaveTheirLimits() throws Exception {
        assertThat(headersOnly("POST", "/mcp", PUSH_BYTES + 1, "").status()).isEqualTo(413);
        assertThat(Json.MAPPER.readTree(headersOnly("POST", "/mcp", PUSH_BYTES + 1, "").body()).has("error")).isTrue();
        assertThat(headersOnly("POST", "/login", BodyLimits.SMALL_BODY_BYTES + 1, "").status()).isEqualTo(413);
        assertThat(headersOnly("POST", "/d/x/delete", BodyLimits.SMALL_BODY_BYTES + 1, "").status()).isEqualTo(413);
        // A document-sized body is only for a push.
        assertThat(headersOnly("POST", "/v1/documents/x/read", BodyLimits.SMALL_BODY_BYTES + 1, "").status())
                .isEqualTo(413);
    }

    @Test
    void takenBudgetAnswers503WithRetryAfterAndSmallRequestsStillPass() throws Exception {
        // A push that has declared 66,000 bytes and sends none holds that much of the 100,000.
        try (Socket holder = RawHttp.connect(port, null)) {
            holder.getOutputStream().write(("PUT /v1/documents/held HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 66000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            holder.getOutputStream().flush();
            awaitBudgetTaken();

            long started = System.nanoTime();
            RawHttp.Response refused = headersOnly("PUT", "/v1/documents/other", 60_000, "");
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isEqualTo("2");
            assertThat(refused.header("Connection")).isEqualTo("close");
            assertThat(waitedMillis).isBetween(HttpServer.ADMISSION_WAIT.toMillis() - 100,
                    HttpServer.ADMISSION_WAIT.toMillis() + 3000);

            // Small bodies still fit beside the held one.
            assertThat(mcq.push("small", "Small", "fits", token).statusCode()).isEqualTo(201);
        }
        // Closing the holder gives its share back: a large push is admitted again.
        String body = "x".repeat(MAX_DOCUMENT_BYTES);
        long deadline = System.nanoTime() + 5_000_000_000L;
        int status;
        do {
            status = mcq.push("after", "After", body, token).statusCode();
        } while (status == 503 && System.nanoTime() < deadline);
        assertThat(status).isEqualTo(201);
    }

    /** A request that fits gets in while the holder waits for its body; one that does not, waits. */
    /**
     * Waits (bounded) until the held request has taken its share of the body
     * budget, and checks that health is still served meanwhile.
     */
    private static void awaitBudgetTaken() throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (mcq.app.bodyBytesAvailable() > IN_FLIGHT_BYTES - 66_000) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the held request never took its share of the body budget");
            }
            Thread.sleep(10);
        }
        RawHttp.Response probe = RawHttp.exchange(port, "GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close", null);
        assertThat(probe.status()).as("health while a body is awaited").isEqualTo(200);
    }

    @Test
    void oneAddressCannotHoldMoreThanItsConnections() throws Exception {
        InetAddress crowded = InetAddress.getByName("127.0.0.5");
        List<Socket> held = new ArrayList<>();
        Logger refusals = (Logger) LoggerFactory.getLogger("net.metacircular.mcq.http.ConnectionsPerAddress");
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        refusals.addAppender(warnings);
        try {
            for (int i = 0; i < PER_ADDRESS; i++) {
                held.add(RawHttp.connect(port, crowded));
            }
            // Each held connection works.
            assertThat(healthOver(held.get(0))).isEqualTo(200);

            for (int i = 0; i < 10; i++) {
                try (Socket extra = RawHttp.connect(port, crowded)) {
                    assertThat(closedByServer(extra)).isTrue();
                }
            }
            // A client that keeps reconnecting does not flood the log: one line for the address.
            assertThat(warnings.list).hasSize(1);
            assertThat(warnings.list.get(0).getKeyValuePairs().toString()).contains("127.0.0.5");
            // Another address is not affected.
            try (Socket other = RawHttp.connect(port, InetAddress.getByName("127.0.0.6"))) {
                assertThat(healthOver(other)).isEqualTo(200);
            }
        } finally {
            refusals.detachAppender(warnings);
            for (Socket socket : held) {
                socket.close();
            }
        }
        // Closed connections are given back.
        long deadline = System.nanoTime() + 5_000_000_000L;
        boolean served = false;
        while (!served && System.nanoTime() < deadline) {
            try (Socket again = RawHttp.connect(port, crowded)) {
                served = healthOver(again) == 200;
            } catch (Exception e) {
                Thread.sleep(50);
            }
        }
        assertThat(served).isTrue();
    }

    private static int healthOver(Socket socket) throws Exception {
        socket.getOutputStream().write("GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return RawHttp.read(socket.getInputStream()).status();
    }

    private static boolean closedByServer(Socket socket) throws Exception {
        socket.setSoTimeout(5000);
        try {
            socket.getOutputStream().write("GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            return in.read() == -1;
        } catch (SocketException e) {
            return true; // reset
        } catch (SocketTimeoutException e) {
            return false;
        }
    }
}
