package net.metacircular.mcq.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import net.metacircular.mcq.config.Config;
import net.metacircular.mcq.config.ListenAddress;
import net.metacircular.mcq.http.HttpServer;
import net.metacircular.mcq.http.Json;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review tools over Streamable HTTP with the SDK's client: the wait
 * answers after a verdict and sends progress while it lasts (every 100 ms
 * here, through the surface's constructor), replies land in the thread, and
 * bad input or an unknown document comes back as a tool error.
 */
class McpFeedbackTest {

    private static final String SLUG = "agent-plan";
    private static final Duration PROGRESS = Duration.ofMillis(100);

    @TempDir
    Path dir;

    private TestMcq mcq;
    private HttpServer server;
    private McpSyncClient client;
    private final AtomicInteger progress = new AtomicInteger();
    private final CountDownLatch someProgress = new CountDownLatch(2);

    @BeforeEach
    void start() {
        mcq = TestMcq.start(dir);
        McpSurface surface = new McpSurface(mcq.app.documents(), mcq.app.reviews(), mcq.app.attachments(), mcq.app.search(), mcq.app.auth(),
                McpLimits.defaults(1 << 20), mcq.clock, PROGRESS);
        server = new HttpServer(new ListenAddress("127.0.0.1", 0), null,
                new Config.Limits(4L << 20, 1 << 20, 10_000, 64L << 20, 256, 200), List.of(surface)).start();
        String token = mcq.systemToken();
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder("http://127.0.0.1:" + server.port())
                .endpoint(McpSurface.PATH)
                .addHttpRequestCustomizer((request, method, uri, body, context) ->
                        request.header("Authorization", "Bearer " + token))
                .build();
        client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
                .progressConsumer(notification -> {
                    progress.incrementAndGet();
                    someProgress.countDown();
                })
                .build();
        CallToolResult pushed = call(McqTools.PUSH_DOCUMENT,
                Map.of("slug", SLUG, "title", "Plan", "body", "# Plan\n\nShip it on Friday.\n"));
        assertThat(pushed.isError()).as(pushed.toString()).isFalse();
    }

    @AfterEach
    void stop() {
        client.closeGracefully();
        server.stop();
        mcq.close();
    }

    private CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
    }

    private HttpResponse<String> asAlice(String method, String path, String json) {
        return mcq.send(method, path, mcq.aliceToken(), json == null ? null : "application/json", json);
    }

    private static String markdown(CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    private static JsonNode structured(CallToolResult result) {
        return Json.MAPPER.valueToTree(result.structuredContent());
    }

    @Test
    void waitForFeedbackReturnsAfterTheVerdictWithProgressOnTheWay() throws Exception {
        CompletableFuture<CallToolResult> waiting = CompletableFuture.supplyAsync(() -> client.callTool(
                McpSchema.CallToolRequest.builder(McqTools.WAIT_FOR_FEEDBACK)
                        .arguments(Map.of("slug", SLUG, "revision", 1, "timeout_seconds", 60))
                        .progressToken("wait-1")
                        .build()));
        assertThat(someProgress.await(20, TimeUnit.SECONDS)).as("progress notifications while waiting").isTrue();
        assertThat(waiting).as("still waiting: no verdict yet").isNotDone();
        assertThat(threadsBlockedInTheSdkTransport()).as("no request thread is held by the wait").isEmpty();

        HttpResponse<String> commented = asAlice("POST", "/v1/documents/" + SLUG + "/comments",
                "{\"kind\": \"deletion\", \"text\": \"Not on a Friday.\", \"quote\": \"Ship it on Friday.\","
                        + " \"start_line\": 3, \"end_line\": 3}");
        assertThat(commented.statusCode()).as(commented.body()).isEqualTo(201);
        assertThat(asAlice("POST", "/v1/documents/" + SLUG + "/review",
                "{\"verdict\": \"request_changes\"}").statusCode()).isEqualTo(200);

        CallToolResult result = waiting.get(20, TimeUnit.SECONDS);
        assertThat(result.isError()).as(result.toString()).isFalse();
        JsonNode feedback = structured(result);
        assertThat(feedback.path("status").asText()).isEqualTo("changes_requested");
        assertThat(feedback.path("pending").asBoolean()).isFalse();
        assertThat(feedback.path("comments").get(0).path("quote").asText()).isEqualTo("Ship it on Friday.");
        assertThat(feedback.path("comments").get(0).path("kind").asText()).isEqualTo("deletion");
        JsonNode rest = TestMcq.json(mcq.get("/v1/documents/" + SLUG + "/feedback?revision=1", mcq.systemToken()));
        assertThat(markdown(result)).isEqualTo(rest.path("markdown").asText()).contains("Not on a Friday.");
        assertThat(feedback).isEqualTo(rest);

        // The agent answers in the thread; the reviewer sees the reply there.
        long id = feedback.path("comments").get(0).path("id").asLong();
        CallToolResult replied = call(McqTools.REPLY_TO_COMMENT,
                Map.of("slug", SLUG, "comment_id", id, "text", "Moved to Monday."));
        assertThat(replied.isError()).as(replied.toString()).isFalse();
        assertThat(structured(replied).path("text").asText()).isEqualTo("Moved to Monday.");
        JsonNode comments = TestMcq.json(mcq.get("/v1/documents/" + SLUG + "/comments", mcq.aliceToken()));
        assertThat(comments.path("comments").get(0).path("replies").get(0).path("text").asText())
                .isEqualTo("Moved to Monday.");
    }

    /** Threads parked inside the SDK's servlet transport, as a blocking tool call would leave one. */
    private static List<String> threadsBlockedInTheSdkTransport() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(entry -> java.util.Arrays.stream(entry.getValue()).anyMatch(frame ->
                        frame.getClassName().endsWith("HttpServletStreamableServerTransportProvider")
                                && frame.getMethodName().equals("doPost")))
                .map(entry -> entry.getKey().getName())
                .toList();
    }

    @Test
    void aWaitThatEndsWithoutAVerdictSaysPending() {
        CallToolResult result = call(McqTools.WAIT_FOR_FEEDBACK,
                Map.of("slug", SLUG, "timeout_seconds", 1));
        assertThat(result.isError()).as(result.toString()).isFalse();
        assertThat(structured(result).path("pending").asBoolean()).isTrue();
        assertThat(structured(result).path("status").asText()).isEqualTo("pending");
        assertThat(progress.get()).as("no progress token, no progress").isZero();
    }

    @Test
    void anAgentMayNeitherResolveNorGiveAVerdictButAPersonMay() {
        HttpResponse<String> added = asAlice("POST", "/v1/documents/" + SLUG + "/comments",
                "{\"kind\": \"comment\", \"text\": \"Which Friday?\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        long id = TestMcq.json(added).path("id").asLong();

        CallToolResult resolve = call(McqTools.RESOLVE_COMMENT, Map.of("slug", SLUG, "comment_id", id));
        assertThat(resolve.isError()).as(resolve.toString()).isTrue();
        CallToolResult approve = call(McqTools.REVIEW_DOCUMENT, Map.of("slug", SLUG, "verdict", "approve"));
        assertThat(approve.isError()).as(approve.toString()).isTrue();
        JsonNode feedback = TestMcq.json(mcq.get("/v1/documents/" + SLUG + "/feedback", mcq.systemToken()));
        assertThat(feedback.path("status").asText()).isEqualTo("pending");
        assertThat(feedback.path("comments").get(0).path("resolved").asBoolean()).isFalse();

        // A person reviewing through an assistant uses the same tools.
        McpSyncClient alice = clientFor(mcq.aliceToken());
        try {
            CallToolResult resolved = alice.callTool(McpSchema.CallToolRequest.builder(McqTools.RESOLVE_COMMENT)
                    .arguments(Map.of("slug", SLUG, "comment_id", id)).build());
            assertThat(resolved.isError()).as(resolved.toString()).isFalse();
            CallToolResult approved = alice.callTool(McpSchema.CallToolRequest.builder(McqTools.REVIEW_DOCUMENT)
                    .arguments(Map.of("slug", SLUG, "verdict", "approve", "summary", "Ship it.")).build());
            assertThat(approved.isError()).as(approved.toString()).isFalse();
            assertThat(structured(approved).path("verdict").asText()).isEqualTo("approve");
        } finally {
            alice.closeGracefully();
        }
        feedback = TestMcq.json(mcq.get("/v1/documents/" + SLUG + "/feedback", mcq.systemToken()));
        assertThat(feedback.path("status").asText()).isEqualTo("approved");
        assertThat(feedback.path("comments").get(0).path("resolved").asBoolean()).isTrue();
    }

    private McpSyncClient clientFor(String token) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder("http://127.0.0.1:" + server.port())
                .endpoint(McpSurface.PATH)
                .addHttpRequestCustomizer((request, method, uri, body, context) ->
                        request.header("Authorization", "Bearer " + token))
                .build();
        McpSyncClient started = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
        started.initialize();
        return started;
    }

    @Test
    void refusalsAndBadInputAreToolErrors() {
        CallToolResult tooLong = call(McqTools.WAIT_FOR_FEEDBACK, Map.of("slug", SLUG, "timeout_seconds", 301));
        assertThat(tooLong.isError()).isTrue();
        assertThat(markdown(tooLong)).contains("timeout_seconds");

        CallToolResult unknown = call(McqTools.GET_FEEDBACK, Map.of("slug", "no-such-plan"));
        assertThat(unknown.isError()).isTrue();
        assertThat(markdown(unknown)).contains("list_documents");

        CallToolResult noComment = call(McqTools.REPLY_TO_COMMENT,
                Map.of("slug", SLUG, "comment_id", 999, "text", "?"));
        assertThat(noComment.isError()).isTrue();

        CallToolResult badVerdict = call(McqTools.REVIEW_DOCUMENT,
                Map.of("slug", SLUG, "verdict", "<script>alert(1)</script>"));
        assertThat(badVerdict.isError()).isTrue();
        assertThat(markdown(badVerdict)).contains("approve or request_changes");
        CallToolResult noSuchComment = call(McqTools.RESOLVE_COMMENT,
                Map.of("slug", SLUG, "comment_id", Long.MAX_VALUE));
        assertThat(noSuchComment.isError()).isTrue();
    }
}
