package net.metacircular.mcq.mcp;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import net.metacircular.mcq.http.Access;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MCP over Streamable HTTP at /mcp, driven by the MCP Java SDK's own client.
 * One MCQ for the class; each test uses slugs of its own.
 */
class McpHttpTest {

    private static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
            "capabilities":{},"clientInfo":{"name":"probe","version":"1"}}}""";

    @TempDir
    static Path dir;

    private static TestMcq mcq;
    private final List<McpSyncClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        // A public address, so push answers carry web_url.
        mcq = TestMcq.startWithServerKeys(dir, "public_url = \"https://mcq.example.net/\"", "");
    }

    @AfterAll
    static void stop() {
        mcq.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(McpSyncClient::closeGracefully);
    }

    private McpSyncClient connect(String token) {
        return connectTo(mcq, token);
    }

    private McpSyncClient connectTo(TestMcq server, String token) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(server.baseUrl())
                .endpoint(McpSurface.PATH)
                .addHttpRequestCustomizer((request, method, uri, body, context) ->
                        request.header("Authorization", "Bearer " + token))
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
        clients.add(client);
        client.initialize();
        return client;
    }

    @Test
    void listsAndRunsEveryToolAsTheTokensUser() {
        String token = mcq.aliceToken();
        McpToolChecks checks = new McpToolChecks(connect(token), mcq, token);
        checks.listsEveryToolWithSchemasAndDescriptions();
        checks.everyToolWorksAndAgreesWithRest("http-plan", TestMcq.ALICE);
        checks.pushWithFilesStoresThem("http-pictures");
    }

    @Test
    void toolErrorsNameTheProblem() {
        String token = mcq.aliceToken();
        new McpToolChecks(connect(token), mcq, token).badInputComesBackAsToolErrors();
    }

    @Test
    void eachCallActsAsTheCallerOfItsOwnToken() {
        String alice = mcq.aliceToken();
        McpToolChecks asAlice = new McpToolChecks(connect(alice), mcq, alice);
        McpToolChecks asBot = new McpToolChecks(connect(mcq.systemToken()), mcq, alice);

        assertThat(asAlice.call(McqTools.PUSH_DOCUMENT, Map.of("slug", "by-alice", "title", "A", "body", "a"))
                .isError()).isFalse();
        assertThat(asBot.call(McqTools.PUSH_DOCUMENT, Map.of("slug", "by-bot", "title", "B", "body", "b"))
                .isError()).isFalse();

        assertThat(asAlice.restGet("by-alice").path("pushed_by").asText()).isEqualTo(TestMcq.ALICE);
        assertThat(asAlice.restGet("by-bot").path("pushed_by").asText()).isEqualTo(TestMcq.SYSTEM_ACCOUNT);
    }

    @Test
    void aOneMegabyteDocumentSurvivesExactly() {
        String token = mcq.aliceToken();
        McpToolChecks checks = new McpToolChecks(connect(token), mcq, token);
        StringBuilder body = new StringBuilder();
        while (body.length() < 1_000_000) {
            body.append("Zeile ").append(body.length()).append(": \"ü\" \\ 🚀 <tag> &amp;\n");
        }
        CallToolResult pushed = checks.call(McqTools.PUSH_DOCUMENT,
                Map.of("slug", "big", "title", "Big", "body", body.toString()));
        assertThat(pushed.isError()).as(McpToolChecks.text(pushed)).isFalse();
        assertThat(checks.restGet("big").path("body").asText()).isEqualTo(body.toString());
        CallToolResult fetched = checks.call(McqTools.GET_DOCUMENT, Map.of("slug", "big"));
        assertThat(((McpSchema.TextContent) fetched.content().get(1)).text()).isEqualTo(body.toString());
    }

    @Test
    void aDocumentOverTheSizeLimitIsAToolErrorWithTheLimit(@TempDir Path smallDir) {
        try (TestMcq small = TestMcq.start(smallDir, "\n[limits]\nmax_document_bytes = 1000\n")) {
            String token = small.aliceToken();
            McpSyncClient client = connectTo(small, token);
            McpToolChecks checks = new McpToolChecks(client, small, token);
            CallToolResult tooBig = checks.call(McqTools.PUSH_DOCUMENT,
                    Map.of("slug", "too-big", "title", "Too big", "body", "x".repeat(1001)));
            assertThat(tooBig.isError()).isTrue();
            assertThat(McpToolChecks.text(tooBig)).contains("1001 bytes").contains("limit is 1000 bytes")
                    .contains("Shorten the document");
            assertThat(small.get("/v1/documents/too-big", token).statusCode()).isEqualTo(404);
            clients.remove(client);
            client.closeGracefully();
        }
    }

    @Test
    void withoutAValidTokenMcpIsRefusedBeforeAnyProcessing() throws Exception {
        HttpResponse<String> none = postInitialize(null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(TestMcq.json(none).path("error").asText()).contains("missing bearer token");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"mcq\"");
        assertThat(none.headers().firstValue("Mcp-Session-Id")).isEmpty();

        HttpResponse<String> invalid = postInitialize("not-a-real-token");
        assertThat(invalid.statusCode()).isEqualTo(401);
        assertThat(TestMcq.json(invalid).path("error").asText()).isEqualTo("invalid or expired token");
        assertThat(invalid.headers().firstValue("Mcp-Session-Id")).isEmpty();
        assertThat(invalid.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        // The same request with a valid token is served, so the refusals above came from the token check.
        HttpResponse<String> valid = postInitialize(mcq.aliceToken());
        assertThat(valid.statusCode()).isEqualTo(200);
        assertThat(valid.headers().firstValue("Mcp-Session-Id")).isPresent();
        assertThat(valid.body()).contains("\"serverInfo\"").contains("\"mcq\"");
    }

    @Test
    void everyBearerPathInTheAccessTableRefusesARequestWithoutAToken() throws Exception {
        assertThat(McpAccessTable.PATHS.rules()).containsKey(McpSurface.PATH);
        for (Map.Entry<String, Access> entry : McpAccessTable.PATHS.rules().entrySet()) {
            HttpResponse<String> none = postInitialize(entry.getKey(), null);
            if (entry.getValue() == Access.AUTHENTICATED) {
                assertThat(none.statusCode()).as(entry.getKey()).isEqualTo(401);
            } else {
                assertThat(none.statusCode()).as(entry.getKey()).isNotEqualTo(401);
            }
        }
    }

    private HttpResponse<String> postInitialize(String token) throws Exception {
        return postInitialize(McpSurface.PATH, token);
    }

    private HttpResponse<String> postInitialize(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(mcq.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
