package net.metacircular.mcq.mcp;

import net.metacircular.mcq.testing.TestMcq;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Hand-made MCP requests over HTTP, for what the SDK client never sends:
 * malformed messages, foreign origins, huge client names, many sessions.
 */
final class RawMcp {

    static final String PROTOCOL_VERSION = "2025-06-18";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String endpoint;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RawMcp(String baseUrl, String token) {
        this.endpoint = baseUrl + McpSurface.PATH;
        this.token = token;
    }

    static String initializeBody(int id, String clientName) {
        return JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", "initialize")
                .set("params", JSON.createObjectNode().put("protocolVersion", PROTOCOL_VERSION)
                        .<com.fasterxml.jackson.databind.node.ObjectNode>set("capabilities", JSON.createObjectNode())
                        .set("clientInfo", JSON.createObjectNode().put("name", clientName).put("version", "1")))
                .toString();
    }

    /** Opens a session and returns its id. */
    String initialize() {
        HttpResponse<String> response = post(null, initializeBody(1, "raw-test-client"));
        if (response.statusCode() != 200) {
            throw new AssertionError("initialize failed: " + response.statusCode() + " " + response.body());
        }
        String sessionId = response.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(sessionId, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return sessionId;
    }

    /** {@code tools/list} in a session; the answer's status and body (an event stream when served). */
    HttpResponse<String> listTools(String sessionId) {
        return post(sessionId, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
    }

    HttpResponse<String> post(String sessionId, String body) {
        return send("POST", sessionId, Map.of(), body);
    }

    HttpResponse<String> send(String method, String sessionId, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, text/event-stream")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (sessionId != null) {
            request.header("Mcp-Session-Id", sessionId);
        }
        headers.forEach(request::setHeader);
        return TestMcq.exchange(http, request.build());
    }

    /** The JSON-RPC message in an answer: a plain JSON body, or the data of the first event of a stream. */
    static JsonNode message(HttpResponse<String> response) {
        String body = response.body();
        if (response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
            body = body.lines().filter(line -> line.startsWith("data: ")).findFirst()
                    .map(line -> line.substring("data: ".length()))
                    .orElseThrow(() -> new AssertionError("an event stream without a message: " + response.body()));
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
