package net.metacircular.mcq.server;
import net.metacircular.mcq.testing.RawHttp;
import net.metacircular.mcq.http.Json;

import com.fasterxml.jackson.databind.JsonNode;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP protocol hygiene on every surface: no method echoes the request, a
 * method override header cannot turn a GET into a DELETE, and REST errors
 * for unknown routes are exactly one JSON object.
 */
class ProtocolHygieneTest {

    @TempDir
    static Path dir;
    static TestMcq mcq;
    static String token;

    @BeforeAll
    static void start() {
        mcq = TestMcq.start(dir);
        token = mcq.aliceToken();
    }

    @AfterAll
    static void stop() {
        mcq.close();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "TRACE, /mcp", "TRACE, /v1/health", "TRACE, /", "TRACE, /login", "TRACE, /v1/documents/x",
            "TRACK, /mcp", "TRACK, /v1/health", "TRACK, /",
            "PROPFIND, /mcp", "FOO, /v1/documents", "DEBUG, /v1/health"})
    void unservedMethodsAre405WithoutEcho(String method, String path) throws Exception {
        RawHttp.Response response = RawHttp.exchange(mcq.app.httpPort(), method + " " + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Authorization: Bearer secret-token-value\r\n"
                + "Cookie: mcq_session=secret-cookie-value\r\n"
                + "Connection: close", null);

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).contains("GET").doesNotContain("TRACE");
        assertThat(response.body()).doesNotContain("secret-token-value").doesNotContain("secret-cookie-value");
        JsonNode body = Json.MAPPER.readTree(response.body());
        // REST's {"error": "..."}; on /mcp a JSON-RPC error object.
        String message = path.equals("/mcp") ? body.path("error").path("message").asText() : body.path("error").asText();
        assertThat(message).isNotEmpty();
    }

    @Test
    void methodOverrideHeaderDoesNotDelete() throws Exception {
        assertThat(mcq.push("kept", "Kept", "still here", token).statusCode()).isEqualTo(201);

        RawHttp.Response response = RawHttp.exchange(mcq.app.httpPort(), "GET /v1/documents/kept HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + "X-HTTP-Method-Override: DELETE\r\n"
                + "Connection: close", null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(mcq.get("/v1/documents/kept", token).statusCode()).isEqualTo(200);
        assertThat(TestMcq.json(mcq.get("/v1/documents/kept", token)).path("body").asText()).isEqualTo("still here");
    }

    @Test
    void unknownRestRouteIsExactlyOneJsonObject() throws Exception {
        var response = mcq.get("/v1/nope", token);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        // readTree fails on trailing text after the object (FAIL_ON_TRAILING_TOKENS).
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertThat(body.path("error").asText()).contains("/v1/nope");
        assertThat(body.size()).isEqualTo(1);
    }

    /**
     * Jetty closes the connection after a request it refuses itself (here a
     * path with an encoded NUL); the answer must say so, or a client that
     * pools connections sends its next request into the closed socket and
     * sees "no bytes" instead of an answer.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"GET /v1/documents/x/files/a%00b.png", "PUT /v1/documents/x/files/a%00b.png"})
    void aRequestJettyRefusesItselfSaysTheConnectionCloses(String request) throws Exception {
        byte[] body = request.startsWith("PUT") ? new byte[3000] : null;
        try (java.net.Socket socket = RawHttp.connect(mcq.app.httpPort(), null)) {
            String head = request + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n"
                    + (body == null ? "" : "Content-Type: image/png\r\nContent-Length: " + body.length + "\r\n");
            socket.getOutputStream().write((head + "\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            if (body != null) {
                socket.getOutputStream().write(body);
            }
            RawHttp.Response response = RawHttp.read(socket.getInputStream());

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(socket.getInputStream().read()).as("the server closed the connection").isEqualTo(-1);
        }
    }

    @Test
    void wrongMethodOnRestRouteIsExactlyOneJsonObject() throws Exception {
        var response = mcq.send("PATCH", "/v1/documents/kept", token, "application/json", "{}");
        // PATCH is not served at all: the method gate answers.
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(Json.MAPPER.readTree(response.body()).path("error").asText()).isNotEmpty();

        var wrongMethod = mcq.send("POST", "/v1/health", token, "application/json", "{}");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        JsonNode body = Json.MAPPER.readTree(wrongMethod.body());
        assertThat(body.path("error").asText()).contains("POST");
        assertThat(body.size()).isEqualTo(1);
    }
}
