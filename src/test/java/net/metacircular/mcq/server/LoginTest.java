package net.metacircular.mcq.server;

import net.metacircular.mcq.auth.StubMcias;
import net.metacircular.mcq.auth.TokenCache;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-in and token validation against the development MCIAS over HTTP. */
class LoginTest {

    @TempDir
    Path dir;
    TestMcq mcq;

    @BeforeEach
    void start() {
        mcq = TestMcq.start(dir);
    }

    @AfterEach
    void stop() {
        mcq.close();
    }

    private HttpResponse<String> login(String username, String password) {
        return mcq.send("POST", "/v1/auth/login", null, "application/json",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }

    @Test
    void validCredentialsGiveATokenThatWorks() {
        HttpResponse<String> response = login("alice", "alice-dev-password");
        assertThat(response.statusCode()).isEqualTo(200);
        String token = TestMcq.json(response).path("token").asText();
        assertThat(TestMcq.json(response).path("expires_at").asText()).endsWith("Z");
        assertThat(mcq.get("/v1/documents", token).statusCode()).isEqualTo(200);
    }

    @Test
    void wrongCredentialsAre401() {
        HttpResponse<String> response = login("alice", "wrong");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(TestMcq.json(response).path("error").asText()).contains("wrong");
        assertThat(login("nobody", "x").statusCode()).isEqualTo(401);
    }

    @Test
    void anAccountDeniedForThisServiceIs403() {
        HttpResponse<String> response = login("mallory", "mallory-dev-password");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(TestMcq.json(response).path("error").asText()).contains("not allowed to sign in");
    }

    @Test
    void missingFieldsAre400() {
        HttpResponse<String> response = mcq.send("POST", "/v1/auth/login", null, "application/json", "{\"username\":\"alice\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestMcq.json(response).path("error").asText()).contains("password");
    }

    @Test
    void unreachableIdentityServiceIs503WithAClearMessage() {
        mcq.idp.stop();
        HttpResponse<String> response = login("alice", "alice-dev-password");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(TestMcq.json(response).path("error").asText()).contains("MCIAS").contains("unreachable");
    }

    @Test
    void cachedTokensKeepWorkingWhileTheIdentityServiceIsDownUntilTheEntryExpires() {
        String token = mcq.aliceToken();
        assertThat(mcq.get("/v1/documents", token).statusCode()).isEqualTo(200);
        mcq.idp.stop();
        assertThat(mcq.get("/v1/documents", token).statusCode()).isEqualTo(200);
        mcq.clock.advance(Duration.ofSeconds(31));
        HttpResponse<String> response = mcq.get("/v1/documents", token);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(mcq.get("/v1/documents", "never-seen").statusCode()).isEqualTo(503);
    }

    @Test
    void aTokenIsValidatedOnceWithinTheTtlAndAgainAfterIt() {
        String token = mcq.aliceToken();
        long before = mcq.idp.validateCalls();
        for (int i = 0; i < 5; i++) {
            assertThat(mcq.get("/v1/documents", token).statusCode()).isEqualTo(200);
        }
        assertThat(mcq.idp.validateCalls() - before).isEqualTo(1);

        mcq.clock.advance(Duration.ofSeconds(29));
        mcq.get("/v1/documents", token);
        assertThat(mcq.idp.validateCalls() - before).isEqualTo(1);

        mcq.clock.advance(Duration.ofSeconds(2));
        mcq.get("/v1/documents", token);
        mcq.get("/v1/documents", token);
        assertThat(mcq.idp.validateCalls() - before).isEqualTo(2);
    }

    @Test
    void concurrentRequestsWithAnUncachedTokenShareOneValidation() throws Exception {
        int callers = 16;
        try (StubMcias mcias = new StubMcias(Instant.now().plus(Duration.ofHours(1)));
             TestMcq held = TestMcq.startWithoutIdentityProvider(
                     java.nio.file.Files.createDirectories(dir.resolve("held")), mcias.url(), null, null, "")) {
            // MCIAS answers nothing until every request is inside MCQ: either
            // waiting for the one shared validation, or holding a validation of
            // its own. Without the sharing, 16 validations reach MCIAS.
            mcias.hold();
            String token = StubMcias.VALID_PREFIX + "shared";
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < callers; i++) {
                    results.add(pool.submit(() -> held.get("/v1/documents", token).statusCode()));
                }
                awaitInsideMcq(mcias, callers);
                mcias.open();
                for (Future<Integer> result : results) {
                    assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(200);
                }
            } finally {
                mcias.open();
                pool.shutdownNow();
            }
            assertThat(mcias.validateCalls()).isEqualTo(1);
        }
    }

    /**
     * Waits until all {@code callers} requests are in MCQ's token check: the
     * validations sent to MCIAS plus the server threads parked on another's
     * validation. Bounded: with neither, the test fails after 10 s.
     */
    private static void awaitInsideMcq(StubMcias mcias, int callers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int inside = 0;
        while (System.nanoTime() < deadline) {
            inside = mcias.validateCalls() + waitingForASharedValidation();
            if (inside >= callers) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("only " + inside + " of " + callers + " requests reached the token check in 10 s");
    }

    /** Threads parked in the token cache waiting for a validation another thread runs. */
    private static int waitingForASharedValidation() {
        int waiting = 0;
        for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
            Thread.State state = thread.getKey().getState();
            if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
                continue;
            }
            for (StackTraceElement frame : thread.getValue()) {
                if (frame.getClassName().equals(TokenCache.class.getName()) && frame.getMethodName().equals("await")) {
                    waiting++;
                    break;
                }
            }
        }
        return waiting;
    }

    @Test
    void logoutRevokesTheTokenAtOnce() {
        String token = mcq.aliceToken();
        assertThat(mcq.get("/v1/documents", token).statusCode()).isEqualTo(200);
        assertThat(mcq.send("POST", "/v1/auth/logout", token, null, null).statusCode()).isEqualTo(204);
        assertThat(mcq.get("/v1/documents", token).statusCode()).isEqualTo(401);
    }

    @Test
    void totpAccountsNeedTheirCode() {
        assertThat(login("totp-user", "totp-dev-password").statusCode()).isEqualTo(401);
    }
}
