package net.metacircular.mcq.server;

import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

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
        String token = mcq.aliceToken();
        long before = mcq.idp.validateCalls();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            var results = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return mcq.get("/v1/documents", token).statusCode();
                }));
            }
            start.countDown();
            for (var result : results) {
                assertThat(result.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        // Requests that arrive while a validation runs wait for it; a few may
        // arrive after it finished and hit the cache. None asks MCIAS again.
        assertThat(mcq.idp.validateCalls() - before).isEqualTo(1);
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
