package net.metacircular.mcq.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import net.metacircular.mcq.config.Config;
import net.metacircular.mcq.config.ListenAddress;
import net.metacircular.mcq.http.HttpServer;
import net.metacircular.mcq.http.Json;
import net.metacircular.mcq.server.RestApi;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two hundred agents wait for feedback over MCP at once while other
 * documents keep being pushed over REST, all on one listener (REST and MCP
 * share its 64 request threads, as in production). The waits hold no
 * request thread: the live thread count stays near where it was before, the
 * listener's threads are not all busy, health answers in well under a
 * second, and every waiter is answered within its timeout — half with the
 * verdict alice gives, half with "pending" when their short wait ends.
 */
class McpWaitersLoadTest {

    private static final int AGENTS = 200;
    private static final int REVIEWED = AGENTS / 2;
    /** The wait of the agents whose document gets a verdict; far longer than the test. */
    private static final int LONG_WAIT_SECONDS = 60;
    /** The wait of the agents whose document gets none: long enough that all 200 are seen waiting at once. */
    private static final int SHORT_WAIT_SECONDS = 12;
    /** How far the live threads outside the listeners' pools may grow while the agents wait (pushers, timers). */
    private static final int THREAD_GROWTH_ALLOWED = 20;
    /** Listener threads inside a request while the agents wait: the pusher's and health's, not one per agent. */
    private static final int BUSY_LISTENER_THREADS_ALLOWED = 16;

    @TempDir
    Path dir;

    private TestMcq mcq;
    private HttpServer server;
    private McpSurface surface;
    private String baseUrl;
    /** Few threads for many exchanges, so the test's own threads do not hide the server's. */
    private final ExecutorService clientThreads = Executors.newFixedThreadPool(4);
    private HttpClient http;

    @BeforeEach
    void start() {
        mcq = TestMcq.start(dir);
        // One account runs all the agents, so it may hold a session for each.
        McpLimits limits = McpLimits.defaults(1 << 20).withSessions(AGENTS + 16, AGENTS + 16);
        surface = new McpSurface(mcq.app.documents(), mcq.app.reviews(), mcq.app.attachments(), mcq.app.search(), mcq.app.auth(), limits, mcq.clock);
        RestApi rest = new RestApi(mcq.app.documents(), mcq.app.reviews(), mcq.app.attachments(), mcq.app.search(), mcq.app.auth(),
                1 << 20);
        // Every agent's connection comes from loopback: room for all of them plus the pushers.
        server = new HttpServer(new ListenAddress("127.0.0.1", 0), null,
                new Config.Limits(4L << 20, 1 << 20, 10_000, 64L << 20, 1024, 200), List.of(rest, surface)).start();
        baseUrl = "http://127.0.0.1:" + server.port();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientThreads)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() {
        server.stop();
        mcq.close();
        clientThreads.shutdownNow();
    }

    @Test
    void twoHundredWaitingAgentsHoldNoThreadsAndAreAllAnswered() throws Exception {
        String agentToken = mcq.systemToken();
        String alice = mcq.aliceToken();
        RawMcp raw = new RawMcp(baseUrl, agentToken);
        List<CompletableFuture<HttpResponse<String>>> plans = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            plans.add(send("PUT", "/v1/documents/" + slug(i), agentToken, pushBody("Plan " + i)));
        }
        for (CompletableFuture<HttpResponse<String>> plan : plans) {
            assertThat(plan.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        }
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            sessions.add(raw.initialize());
        }
        // The listener's pool grows and shrinks with bursts (up to its 64 threads); every other thread counts.
        long threadsBefore = threadsOutsideTheListeners();

        // Other documents keep arriving over REST for as long as the agents wait.
        AtomicBoolean pushing = new AtomicBoolean(true);
        AtomicInteger pushes = new AtomicInteger();
        CompletableFuture<Void> pusher = CompletableFuture.runAsync(() -> {
            while (pushing.get()) {
                int n = pushes.incrementAndGet();
                HttpResponse<String> pushed = send("PUT", "/v1/documents/other-" + (n % 20), agentToken,
                        pushBody("Other " + n)).join();
                assertThat(pushed.statusCode()).as(pushed.body()).isIn(200, 201);
            }
        });

        List<CompletableFuture<Answer>> waiters = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            int timeout = i < REVIEWED ? LONG_WAIT_SECONDS : SHORT_WAIT_SECONDS;
            waiters.add(waitForFeedback(sessions.get(i), i, timeout));
        }

        // Every agent is waiting: its session is busy on the server, no answer has come.
        awaitTrue(() -> waitingNow() >= AGENTS, () -> "all agents waiting; " + waitingNow() + " are",
                Duration.ofSeconds(15));
        assertThat(waiters.subList(0, REVIEWED)).noneMatch(CompletableFuture::isDone);
        long threadsDuring = threadsOutsideTheListeners();
        assertThat(threadsDuring - threadsBefore).as("threads before %d, while %d agents wait %d",
                threadsBefore, AGENTS, threadsDuring).isLessThan(THREAD_GROWTH_ALLOWED);
        // Right after the burst of calls some threads may still be finishing theirs; then they go back to the pool.
        awaitTrue(() -> busyListenerThreads() < BUSY_LISTENER_THREADS_ALLOWED,
                () -> "listener threads back in the pool while the agents wait; " + busyListenerThreads()
                        + " are handling a request", Duration.ofSeconds(10));
        assertHealthIsFast();

        // Alice gives a verdict on each reviewed document, alternating the two kinds.
        for (int i = 0; i < REVIEWED; i++) {
            HttpResponse<String> verdict = send("POST", "/v1/documents/" + slug(i) + "/review", alice,
                    "{\"verdict\": \"" + verdictFor(i) + "\", \"summary\": \"round " + i + "\"}").join();
            assertThat(verdict.statusCode()).as(verdict.body()).isEqualTo(200);
            if (i % 25 == 0) {
                assertHealthIsFast();
            }
        }

        for (int i = 0; i < AGENTS; i++) {
            Answer answer = waiters.get(i).get(LONG_WAIT_SECONDS, TimeUnit.SECONDS);
            JsonNode result = answer.message().path("result");
            assertThat(result.path("isError").asBoolean()).as(answer.message().toString()).isFalse();
            JsonNode feedback = result.path("structuredContent");
            assertThat(feedback.path("slug").asText()).isEqualTo(slug(i));
            if (i < REVIEWED) {
                assertThat(feedback.path("pending").asBoolean()).as(slug(i)).isFalse();
                assertThat(feedback.path("verdict").path("verdict").asText()).as(slug(i)).isEqualTo(verdictFor(i));
                assertThat(feedback.path("verdict").path("summary").asText()).isEqualTo("round " + i);
                assertThat(feedback.path("status").asText())
                        .isEqualTo(i % 2 == 0 ? "approved" : "changes_requested");
            } else {
                assertThat(feedback.path("pending").asBoolean()).as(slug(i)).isTrue();
                assertThat(feedback.path("status").asText()).isEqualTo("pending");
                assertThat(answer.elapsed()).as("a short wait ends near its timeout")
                        .isGreaterThanOrEqualTo(Duration.ofSeconds(SHORT_WAIT_SECONDS).minusMillis(100))
                        .isLessThan(Duration.ofSeconds(SHORT_WAIT_SECONDS + 10));
            }
            assertThat(answer.elapsed()).isLessThan(Duration.ofSeconds(LONG_WAIT_SECONDS));
        }

        pushing.set(false);
        pusher.get(10, TimeUnit.SECONDS);
        assertThat(pushes.get()).as("pushes went on during the waits").isGreaterThan(1);
        awaitTrue(() -> waitingNow() == 0, () -> "no waits left behind; " + waitingNow() + " are",
                Duration.ofSeconds(10));
    }

    private record Answer(JsonNode message, Duration elapsed) {
    }

    private static String slug(int i) {
        return "agent-plan-" + i;
    }

    private static String verdictFor(int i) {
        return i % 2 == 0 ? "approve" : "request_changes";
    }

    private static String pushBody(String title) {
        return Json.MAPPER.createObjectNode().put("title", title)
                .put("body", "# " + title + "\n\nShip it on Friday.\n").toString();
    }

    /** One agent's wait_for_feedback, sent without holding a client thread. */
    private CompletableFuture<Answer> waitForFeedback(String sessionId, int i, int timeoutSeconds) {
        String call = Json.MAPPER.createObjectNode().put("jsonrpc", "2.0").put("id", 10 + i)
                .put("method", "tools/call")
                .set("params", Json.MAPPER.createObjectNode().put("name", McqTools.WAIT_FOR_FEEDBACK)
                        .set("arguments", Json.MAPPER.createObjectNode().put("slug", slug(i)).put("revision", 1)
                                .put("timeout_seconds", timeoutSeconds)))
                .toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + McpSurface.PATH))
                .timeout(Duration.ofSeconds(LONG_WAIT_SECONDS + 10))
                .header("Accept", "application/json, text/event-stream")
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + mcq.systemToken())
                .header("Mcp-Session-Id", sessionId)
                .header("Mcp-Protocol-Version", RawMcp.PROTOCOL_VERSION)
                .POST(HttpRequest.BodyPublishers.ofString(call, StandardCharsets.UTF_8))
                .build();
        long sent = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(response -> {
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    return new Answer(lastMessage(response.body()), Duration.ofNanos(System.nanoTime() - sent));
                });
    }

    /** The response in an event stream: its last message (progress, if any, comes before it). */
    private static JsonNode lastMessage(String events) {
        String data = events.lines().filter(line -> line.startsWith("data: ")).reduce((a, b) -> b)
                .map(line -> line.substring("data: ".length()))
                .orElseThrow(() -> new AssertionError("an event stream without a message: " + events));
        try {
            return Json.MAPPER.readTree(data);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + data, e);
        }
    }

    private CompletableFuture<HttpResponse<String>> send(String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private void assertHealthIsFast() {
        long sent = System.nanoTime();
        HttpResponse<String> health = http.sendAsync(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/health"))
                        .timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).join();
        Duration took = Duration.ofNanos(System.nanoTime() - sent);
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(took).as("health while %d agents wait", AGENTS).isLessThan(Duration.ofSeconds(1));
    }

    /** Waits open in the review service right now. */
    private int waitingNow() {
        return mcq.app.reviews().openWaits();
    }

    private static long threadsOutsideTheListeners() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !thread.getName().startsWith("mcq-http"))
                .count();
    }

    /** Listener threads inside a request right now (not idle in the pool, not selecting). */
    private static long busyListenerThreads() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(entry -> entry.getKey().getName().startsWith("mcq-http"))
                .filter(entry -> java.util.Arrays.stream(entry.getValue()).anyMatch(frame ->
                        frame.getClassName().startsWith("org.eclipse.jetty.server.internal.HttpChannelState")
                                || frame.getClassName().startsWith("org.eclipse.jetty.ee10.servlet.ServletChannel")))
                .count();
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, Supplier<String> what,
                                  Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what.get());
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }
}
