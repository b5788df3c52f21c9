package net.metacircular.mcq.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import net.metacircular.mcq.config.Config;
import net.metacircular.mcq.config.ListenAddress;
import net.metacircular.mcq.http.HttpServer;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Field;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * MCP sessions are bounded per account, in all and in time, and end with
 * their token. Each test runs an MCP endpoint with small limits beside a
 * real MCQ (one for the class), sharing its services, identity provider and
 * (mutable) clock.
 */
class McpSessionLimitsTest {

    private static final int PER_CALLER = 5;
    private static final int TOTAL = 8;
    private static final Duration IDLE = Duration.ofMinutes(30);
    /** A message limit for tools/call far above 8 MiB, so an 8 MiB initialize is read and refused for its kind. */
    private static final int TOOL_CALL_BYTES = 32 * 1024 * 1024;

    @TempDir
    static Path dir;

    /** Shared by the tests: each has a fresh MCP endpoint, and so sessions of its own. */
    private static TestMcq mcq;
    private McpSurface surface;
    private HttpServer server;
    private String baseUrl;

    @BeforeAll
    static void startMcq() {
        mcq = TestMcq.start(dir);
    }

    @AfterAll
    static void stopMcq() {
        mcq.close();
    }

    @BeforeEach
    void start() {
        McpLimits limits = McpLimits.defaults(TOOL_CALL_BYTES).withSessions(PER_CALLER, TOTAL)
                .withIdleTimeout(IDLE, Duration.ofMillis(50));
        surface = new McpSurface(mcq.app.documents(), mcq.app.reviews(), mcq.app.attachments(), mcq.app.search(), mcq.app.auth(), limits, mcq.clock);
        server = new HttpServer(new ListenAddress("127.0.0.1", 0), null,
                new Config.Limits(4L << 20, TOOL_CALL_BYTES, 10_000, 64L << 20, 256, 200), List.of(surface)).start();
        baseUrl = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aThousandInitializeCallsFromOneCallerLeaveAtMostTheLimit() {
        RawMcp alice = new RawMcp(baseUrl, mcq.aliceToken());
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            HttpResponse<String> response = alice.post(null, RawMcp.initializeBody(i, "agent-" + i));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            opened.add(response.headers().firstValue("Mcp-Session-Id").orElseThrow());
        }

        assertThat(surface.sessions().size()).isEqualTo(PER_CALLER);
        assertThat(sdkSessionIds()).containsExactlyInAnyOrderElementsOf(opened.subList(1000 - PER_CALLER, 1000));
        // The newest sessions work; an evicted one answers 404 with a JSON-RPC error, so the agent re-initializes.
        assertThat(RawMcp.message(alice.listTools(opened.get(999))).path("result").path("tools").size()).isEqualTo(McpToolChecks.TOOL_NAMES.size());
        HttpResponse<String> evicted = alice.listTools(opened.get(0));
        assertThat(evicted.statusCode()).isEqualTo(404);
        assertThat(RawMcp.message(evicted).path("error").path("message").asText()).contains("initialize a new one");
    }

    @Test
    void anAgentWhoseSessionWasClosedConnectsAgainByItself() {
        String token = mcq.aliceToken();
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(baseUrl)
                .endpoint(McpSurface.PATH)
                .addHttpRequestCustomizer((request, method, uri, body, context) ->
                        request.header("Authorization", "Bearer " + token))
                .build();
        McpSyncClient agent = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
        try {
            agent.initialize();
            assertThat(agent.listTools().tools()).hasSize(McpToolChecks.TOOL_NAMES.size());
            // The same account opens more sessions than it may hold, so the agent's is closed.
            RawMcp other = new RawMcp(baseUrl, token);
            for (int i = 0; i < PER_CALLER; i++) {
                other.initialize();
            }
            assertThat(sdkSessionIds()).hasSize(PER_CALLER);

            // The 404 tells the SDK client its session ended: it reports that once and
            // initializes a new session for the next call.
            assertThatThrownBy(agent::listTools).hasMessageContaining("session with server terminated");
            assertThat(agent.listTools().tools()).hasSize(McpToolChecks.TOOL_NAMES.size());
        } finally {
            agent.closeGracefully();
        }
    }

    @Test
    void theTotalIsBoundedAcrossAccountsByClosingTheLeastRecentlyUsed() {
        RawMcp alice = new RawMcp(baseUrl, mcq.aliceToken());
        RawMcp bot = new RawMcp(baseUrl, mcq.systemToken());
        List<String> alices = new ArrayList<>();
        for (int i = 0; i < PER_CALLER; i++) {
            alices.add(alice.initialize());
        }
        // Alice's first session is used again, so her second one is now the least recently used.
        assertThat(alice.listTools(alices.get(0)).statusCode()).isEqualTo(200);
        for (int i = 0; i < PER_CALLER; i++) {
            bot.initialize();
        }

        assertThat(surface.sessions().size()).isEqualTo(TOTAL);
        assertThat(sdkSessionIds()).hasSize(TOTAL);
        assertThat(alice.listTools(alices.get(0)).statusCode()).isEqualTo(200);
        assertThat(alice.listTools(alices.get(1)).statusCode()).isEqualTo(404);
        assertThat(alice.listTools(alices.get(2)).statusCode()).isEqualTo(404);
        assertThat(alice.listTools(alices.get(3)).statusCode()).isEqualTo(200);
        // A session is its account's: another account's token cannot use it.
        assertThat(bot.listTools(alices.get(3)).statusCode()).isEqualTo(404);
    }

    @Test
    void anIdleSessionIsClosedAndAUsedOneIsKept() {
        RawMcp alice = new RawMcp(baseUrl, mcq.aliceToken());
        String idle = alice.initialize();
        String busy = alice.initialize();

        mcq.clock.advance(IDLE.minusMinutes(5));
        assertThat(alice.listTools(busy).statusCode()).isEqualTo(200);
        mcq.clock.advance(Duration.ofMinutes(10));
        // Closed by the sweeper, without any request naming it.
        awaitTrue(() -> sdkSessionIds().equals(List.of(busy)));
        assertThat(surface.sessions().contains(idle)).isFalse();
        HttpResponse<String> expired = alice.listTools(idle);
        assertThat(expired.statusCode()).isEqualTo(404);
        assertThat(RawMcp.message(expired).path("error").path("code").asInt()).isEqualTo(JsonRpcRefusal.INVALID_REQUEST);
        assertThat(alice.listTools(busy).statusCode()).isEqualTo(200);

        mcq.clock.advance(IDLE.plusMinutes(1));
        awaitTrue(() -> sdkSessionIds().isEmpty());
        assertThat(surface.sessions().size()).isZero();
    }

    @Test
    void signingOutClosesTheSessionsOfThatTokenOnly() {
        String first = mcq.aliceToken();
        String second = mcq.aliceToken();
        String ofFirst = new RawMcp(baseUrl, first).initialize();
        RawMcp secondClient = new RawMcp(baseUrl, second);
        String ofSecond = secondClient.initialize();

        HttpResponse<String> logout = mcq.send("POST", "/v1/auth/logout", first, null, null);
        assertThat(logout.statusCode()).as(logout.body()).isLessThan(300);

        assertThat(surface.sessions().contains(ofFirst)).isFalse();
        assertThat(sdkSessionIds()).containsExactly(ofSecond);
        assertThat(secondClient.listTools(ofSecond).statusCode()).isEqualTo(200);
    }

    @Test
    void anEightMebibyteClientNameIsRefusedWithAJsonRpcErrorAndNothingIsKept() {
        RawMcp alice = new RawMcp(baseUrl, mcq.aliceToken());
        String huge = "x".repeat(8 * 1024 * 1024);
        for (int i = 0; i < 9; i++) {
            HttpResponse<String> refused = alice.post(null, RawMcp.initializeBody(7, huge));
            assertThat(refused.statusCode()).isEqualTo(413);
            assertThat(refused.headers().firstValue("Mcp-Session-Id")).isEmpty();
            JsonNode error = RawMcp.message(refused);
            assertThat(error.path("jsonrpc").asText()).isEqualTo("2.0");
            assertThat(error.path("id").asInt()).isEqualTo(7);
            assertThat(error.path("error").path("code").asInt()).isEqualTo(JsonRpcRefusal.INVALID_REQUEST);
            assertThat(error.path("error").path("message").asText())
                    .contains("message too large").contains(String.valueOf(McpLimits.MAX_MESSAGE_BYTES));
        }
        assertThat(surface.sessions().size()).isZero();
        assertThat(sdkSessionIds()).isEmpty();

        // Still serving: a normal client connects and works.
        String session = alice.initialize();
        assertThat(alice.listTools(session).statusCode()).isEqualTo(200);
        assertThat(mcq.get("/v1/health", null).statusCode()).isEqualTo(200);
    }

    /** The session ids the MCP SDK holds, read from its transport, to show the memory is really released. */
    @SuppressWarnings("unchecked")
    private List<String> sdkSessionIds() {
        try {
            Field field = surface.transport().getClass().getDeclaredField("sessions");
            field.setAccessible(true);
            return List.copyOf(((Map<String, ?>) field.get(surface.transport())).keySet());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the MCP SDK's transport no longer keeps a sessions map", e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
