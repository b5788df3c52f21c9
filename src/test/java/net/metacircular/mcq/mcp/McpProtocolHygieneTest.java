package net.metacircular.mcq.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import net.metacircular.mcq.http.Json;
import net.metacircular.mcq.testing.RawHttp;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The MCP endpoint's answers to malformed, foreign and oversized requests, over real HTTP. */
class McpProtocolHygieneTest {

    @TempDir
    static Path dir;

    private static TestMcq mcq;
    private static RawMcp alice;
    private static String session;

    @BeforeAll
    static void start() {
        mcq = TestMcq.start(dir);
        alice = new RawMcp(mcq.baseUrl(), mcq.aliceToken());
        session = alice.initialize();
    }

    @AfterAll
    static void stop() {
        mcq.close();
    }

    @Test
    void errorAnswersAreCleanJsonRpcErrorsWithoutStackTraces() {
        List<HttpResponse<String>> answers = List.of(
                alice.post(session, "not json"),
                alice.post(session, "{\"jsonrpc\":\"2.0\",\"id\":13}"),
                alice.post(session, "[{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/list\"}]"),
                alice.post(session, "{\"jsonrpc\":\"2.0\",\"id\":{\"x\":1},\"method\":\"ping\"}"),
                // Passes MCQ's own checks, fails in the SDK's reading of the client info.
                alice.post(null, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"initialize\",\"params\":{"
                        + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":{\"a\":[1]}}}}"),
                // Refused by the SDK: an Accept header without text/event-stream, a GET without a session.
                alice.send("POST", null, Map.of("Accept", "application/json"), RawMcp.initializeBody(4, "probe")),
                alice.send("GET", null, Map.of("Accept", "text/event-stream"), null),
                alice.send("DELETE", null, Map.of(), null));
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).as(answer.body()).isBetween(400, 499);
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            assertThat(answer.body()).doesNotContain("stackTrace", ".java", "Exception", "io.modelcontextprotocol",
                    "tools.jackson", "lineNumber");
            JsonNode message = RawMcp.message(answer);
            assertThat(message.path("jsonrpc").asText()).isEqualTo("2.0");
            assertThat(message.has("id")).isTrue();
            assertThat(message.path("error").path("code").isInt()).as(answer.body()).isTrue();
            assertThat(message.path("error").path("message").asText()).isNotBlank();
            assertThat(message.path("error").size()).as(answer.body()).isEqualTo(2);
        }
        assertThat(RawMcp.message(answers.get(0)).path("error").path("code").asInt()).isEqualTo(JsonRpcRefusal.PARSE_ERROR);
        assertThat(RawMcp.message(answers.get(2)).path("error").path("message").asText()).contains("batches");
    }

    @Test
    void callsWithArgumentsThatAreNoObjectOrWithoutParamsGetInvalidParams() {
        Map<Integer, String> calls = Map.of(
                21, "{\"jsonrpc\":\"2.0\",\"id\":21,\"method\":\"tools/call\",\"params\":{\"name\":\"list_documents\",\"arguments\":\"x\"}}",
                22, "{\"jsonrpc\":\"2.0\",\"id\":22,\"method\":\"tools/call\",\"params\":{\"name\":\"list_documents\",\"arguments\":[1]}}",
                23, "{\"jsonrpc\":\"2.0\",\"id\":23,\"method\":\"tools/call\"}",
                24, "{\"jsonrpc\":\"2.0\",\"id\":24,\"method\":\"tools/call\",\"params\":\"list_documents\"}",
                25, "{\"jsonrpc\":\"2.0\",\"id\":25,\"method\":\"tools/call\",\"params\":{\"arguments\":{}}}",
                26, "{\"jsonrpc\":\"2.0\",\"id\":26,\"method\":\"tools/call\",\"params\":{\"name\":\"list_documents\",\"_meta\":\"x\"}}",
                27, "{\"jsonrpc\":\"2.0\",\"id\":27,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"clientInfo\":\"me\"}}");
        calls.forEach((id, body) -> {
            HttpResponse<String> answer = alice.post(session, body);
            assertThat(answer.statusCode()).as(body).isEqualTo(200);
            JsonNode message = RawMcp.message(answer);
            assertThat(message.path("id").asInt()).as(body).isEqualTo(id);
            assertThat(message.path("error").path("code").asInt()).as(body).isEqualTo(JsonRpcRefusal.INVALID_PARAMS);
            assertThat(message.path("error").path("message").asText()).as(body).startsWith("invalid params:");
        });
        // The same call with object arguments is served, in the same session.
        HttpResponse<String> valid = alice.post(session,
                "{\"jsonrpc\":\"2.0\",\"id\":28,\"method\":\"tools/call\",\"params\":{\"name\":\"list_documents\",\"arguments\":{}}}");
        assertThat(RawMcp.message(valid).path("result").path("isError").asBoolean()).as(valid.body()).isFalse();
    }

    @Test
    void onlyRequestsWithoutOriginOrFromMcqsOwnOriginAreServed() {
        String own = mcq.baseUrl();
        String port = own.substring(own.lastIndexOf(':') + 1);
        for (String foreign : List.of("http://evil.example", "http://evil.com@127.0.0.1:" + port,
                "https://127.0.0.1:" + port, "http://127.0.0.1:1", "http://localhost:" + port, "null", "")) {
            HttpResponse<String> refused = alice.send("POST", null, Map.of("Origin", foreign),
                    RawMcp.initializeBody(5, "from a web page"));
            assertThat(refused.statusCode()).as(foreign).isEqualTo(403);
            assertThat(refused.headers().firstValue("Mcp-Session-Id")).as(foreign).isEmpty();
            assertThat(RawMcp.message(refused).path("error").path("message").asText()).contains("Origin");
        }
        // Refused before the token is even looked at.
        HttpResponse<String> anonymous = new RawMcp(own, null).send("POST", null, Map.of("Origin", "http://evil.example"),
                RawMcp.initializeBody(6, "x"));
        assertThat(anonymous.statusCode()).isEqualTo(403);

        HttpResponse<String> sameOrigin = alice.send("POST", null, Map.of("Origin", own), RawMcp.initializeBody(7, "ok"));
        assertThat(sameOrigin.statusCode()).as(sameOrigin.body()).isEqualTo(200);
        assertThat(sameOrigin.headers().firstValue("Mcp-Session-Id")).isPresent();
        assertThat(alice.post(null, RawMcp.initializeBody(8, "no origin")).statusCode()).isEqualTo(200);
    }

    @Test
    void anEightMebibyteClientNameIsRefusedWithAJsonRpcErrorByTheRealServer() throws Exception {
        // Over a socket of its own, sending the head and the start of the body only: the server refuses
        // on the declared length without reading the rest, and closes the connection. A client that
        // insisted on sending all 8 MiB first could have the connection reset under it before it read
        // the answer.
        byte[] body = RawMcp.initializeBody(9, "x".repeat(8 * 1024 * 1024)).getBytes(StandardCharsets.UTF_8);
        RawHttp.Response refused = RawHttp.exchange(URI.create(mcq.baseUrl()).getPort(),
                "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Accept: application/json, text/event-stream\r\nAuthorization: Bearer " + mcq.aliceToken()
                        + "\r\nContent-Length: " + body.length, java.util.Arrays.copyOf(body, 64 * 1024));
        assertThat(refused.status()).isEqualTo(413);
        JsonNode message = Json.MAPPER.readTree(refused.body());
        assertThat(message.path("error").path("code").asInt()).isEqualTo(JsonRpcRefusal.INVALID_REQUEST);
        assertThat(message.path("error").path("message").asText()).contains("larger than");
        assertThat(alice.listTools(session).statusCode()).isEqualTo(200);
    }
}
