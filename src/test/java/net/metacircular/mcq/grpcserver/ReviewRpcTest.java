package net.metacircular.mcq.grpcserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import net.metacircular.mcq.grpc.v1.Feedback;
import net.metacircular.mcq.grpc.v1.GetFeedbackRequest;
import net.metacircular.mcq.grpc.v1.ResolveCommentRequest;
import net.metacircular.mcq.grpc.v1.ReviewRequest;
import net.metacircular.mcq.grpc.v1.ReviewServiceGrpc;
import net.metacircular.mcq.grpc.v1.WaitForFeedbackRequest;
import net.metacircular.mcq.grpc.v1.WatchFeedbackRequest;
import net.metacircular.mcq.mcp.McpSurface;
import net.metacircular.mcq.mcp.McqTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gRPC ReviewService over a real channel: the same feedback as REST and
 * MCP, the service's permissions as PERMISSION_DENIED, and the waits.
 */
class ReviewRpcTest {

    private static final String SLUG = "review-plan";
    private static final String BODY = "# Plan\n\nFirst we build.\n\nThen we test.\n";

    @TempDir
    Path dir;

    private McqInstance mcq;
    private String alice;
    private String bot;
    private McpSyncClient mcp;

    @BeforeEach
    void start() {
        mcq = McqInstance.withIdentityProvider(dir);
        alice = mcq.login(McqInstance.ALICE, McqInstance.ALICE_PASSWORD);
        bot = mcq.mcq.systemToken();
        assertThat(mcq.restPush(SLUG, "Plan", BODY, bot).statusCode()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        if (mcp != null) {
            mcp.closeGracefully();
        }
        mcq.close();
    }

    private ReviewServiceGrpc.ReviewServiceBlockingStub reviews(String token) {
        return ReviewServiceGrpc.newBlockingStub(mcq.channel()).withInterceptors(McqInstance.bearer(token))
                .withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    private long comment(String json) {
        HttpResponse<String> response = mcq.rest("POST", "/v1/documents/" + SLUG + "/comments", alice, json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return McqInstance.json(response).path("id").asLong();
    }

    private void verdict(String verdict) {
        HttpResponse<String> response = mcq.rest("POST", "/v1/documents/" + SLUG + "/review", alice,
                "{\"verdict\": \"" + verdict + "\", \"summary\": \"See the points.\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void restGrpcAndMcpHandOutTheSameFeedback() {
        long anchored = comment("{\"kind\": \"replacement\", \"text\": \"Say what we build.\", \"quote\": \"First we"
                + " build.\", \"start_line\": 3, \"end_line\": 3, \"replacement\": \"First we build the cache.\"}");
        long general = comment("{\"kind\": \"comment\", \"text\": \"Add a rollback step.\"}");
        verdict("request_changes");

        JsonNode rest = McqInstance.json(mcq.rest("GET", "/v1/documents/" + SLUG + "/feedback", bot, null));
        Feedback grpc = reviews(bot).getFeedback(GetFeedbackRequest.newBuilder().setSlug(SLUG).build());
        CallToolResult tool = mcp().callTool(McpSchema.CallToolRequest.builder(McqTools.GET_FEEDBACK)
                .arguments(Map.of("slug", SLUG)).build());

        assertThat(rest.path("status").asText()).isEqualTo("changes_requested");
        assertThat(grpc.getStatus()).isEqualTo("changes_requested");
        assertThat(grpc.getMarkdown()).isEqualTo(rest.path("markdown").asText()).contains("Add a rollback step.");
        assertThat(grpc.getVerdict().getVerdict()).isEqualTo("request_changes");
        assertThat(grpc.getVerdict().getSummary()).isEqualTo("See the points.");
        assertThat(grpc.getCommentsList()).extracting(c -> c.getId()).containsExactly(anchored, general);
        assertThat(grpc.getComments(0).getQuote()).isEqualTo("First we build.");
        assertThat(grpc.getComments(0).getStartLine()).isEqualTo(3);
        assertThat(grpc.getComments(0).getReplacement()).isEqualTo("First we build the cache.");
        assertThat(grpc.getComments(1).hasQuote()).as("a general comment has no passage").isFalse();
        assertThat(grpc.getComments(1).hasStartLine()).isFalse();

        assertThat(tool.isError()).as(tool.toString()).isFalse();
        String toolMarkdown = ((McpSchema.TextContent) tool.content().get(0)).text();
        assertThat(toolMarkdown).isEqualTo(rest.path("markdown").asText());
        JsonNode structured = net.metacircular.mcq.http.Json.MAPPER.valueToTree(tool.structuredContent());
        assertThat(structured).isEqualTo(rest);
    }

    @Test
    void aSystemAccountCannotGiveAVerdictOrResolve() {
        long id = comment("{\"kind\": \"comment\", \"text\": \"Why?\"}");

        assertThatThrownBy(() -> reviews(bot).review(ReviewRequest.newBuilder().setSlug(SLUG)
                .setVerdict("approve").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        assertThatThrownBy(() -> reviews(bot).resolveComment(ResolveCommentRequest.newBuilder().setSlug(SLUG)
                .setCommentId(id).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        // A person may.
        assertThat(reviews(alice).resolveComment(ResolveCommentRequest.newBuilder().setSlug(SLUG)
                .setCommentId(id).build()).getResolved()).isTrue();
        assertThat(reviews(alice).review(ReviewRequest.newBuilder().setSlug(SLUG).setVerdict("approve").build())
                .getVerdict()).isEqualTo("approve");
    }

    @Test
    void aBadVerdictOrTimeoutIsInvalidArgument() {
        assertThatThrownBy(() -> reviews(alice).review(ReviewRequest.newBuilder().setSlug(SLUG)
                .setVerdict("maybe").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        assertThatThrownBy(() -> reviews(bot).waitForFeedback(WaitForFeedbackRequest.newBuilder().setSlug(SLUG)
                .setTimeoutSeconds(301).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void waitForFeedbackAnswersWhenTheVerdictArrivesAndPendingAfterItsTimeout() throws Exception {
        Feedback pending = reviews(bot).waitForFeedback(WaitForFeedbackRequest.newBuilder().setSlug(SLUG)
                .setRevision(1).setTimeoutSeconds(1).build());
        assertThat(pending.getPending()).isTrue();
        assertThat(pending.getStatus()).isEqualTo("pending");
        assertThat(pending.hasVerdict()).isFalse();

        CompletableFuture<Feedback> waiting = CompletableFuture.supplyAsync(() -> reviews(bot).waitForFeedback(
                WaitForFeedbackRequest.newBuilder().setSlug(SLUG).setRevision(1).setTimeoutSeconds(60).build()));
        awaitWaiter();
        verdict("approve");
        Feedback decided = waiting.get(20, TimeUnit.SECONDS);
        assertThat(decided.getPending()).isFalse();
        assertThat(decided.getStatus()).isEqualTo("approved");
    }

    @Test
    void watchSendsTheFeedbackThenEachVerdictAndEndsAfterApproval() throws Exception {
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        Context.CancellableContext context = Context.current().withCancellation();
        context.run(() -> ReviewServiceGrpc.newStub(mcq.channel()).withInterceptors(McqInstance.bearer(bot))
                .withDeadlineAfter(60, TimeUnit.SECONDS)
                .watchFeedback(WatchFeedbackRequest.newBuilder().setSlug(SLUG).setRevision(1).build(),
                        new StreamObserver<>() {
                            @Override
                            public void onNext(Feedback value) {
                                events.add(value);
                            }

                            @Override
                            public void onError(Throwable t) {
                                events.add(t);
                            }

                            @Override
                            public void onCompleted() {
                                events.add("completed");
                            }
                        }));
        try {
            Feedback first = (Feedback) events.poll(20, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(first.getStatus()).isEqualTo("pending");

            comment("{\"kind\": \"comment\", \"text\": \"More tests.\"}");
            verdict("request_changes");
            Feedback changes = (Feedback) events.poll(20, TimeUnit.SECONDS);
            assertThat(changes).isNotNull();
            assertThat(changes.getStatus()).isEqualTo("changes_requested");
            assertThat(changes.getMarkdown()).contains("More tests.");

            verdict("approve");
            Feedback approved = (Feedback) events.poll(20, TimeUnit.SECONDS);
            assertThat(approved).isNotNull();
            assertThat(approved.getStatus()).isEqualTo("approved");
            assertThat(events.poll(20, TimeUnit.SECONDS)).isEqualTo("completed");
        } finally {
            context.cancel(null);
        }
    }

    /** Gives a waiter that was just started time to register, bounded: it is the only way to see it. */
    private void awaitWaiter() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (mcq.app.reviews().openWaits() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(mcq.app.reviews().openWaits()).as("the wait is registered").isPositive();
    }

    private McpSyncClient mcp() {
        if (mcp == null) {
            HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(mcq.httpBase())
                    .endpoint(McpSurface.PATH)
                    .addHttpRequestCustomizer((request, method, uri, body, context) ->
                            request.header("Authorization", "Bearer " + bot))
                    .build();
            mcp = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
        }
        return mcp;
    }
}
