package net.metacircular.mcq.grpcserver;

import io.grpc.Status;
import net.metacircular.mcq.grpc.v1.AuthServiceGrpc;
import net.metacircular.mcq.grpc.v1.LoginRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static net.metacircular.mcq.grpcserver.GrpcRestParityTest.statusOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed sign-ins are throttled by username and by client address, over REST
 * (429 with Retry-After) and gRPC (RESOURCE_EXHAUSTED with the delay in the
 * message); the delay doubles up to a minute, and after it the right password
 * works. Time moves on the shared test clock, not by sleeping.
 */
class LoginThrottlingTest {

    @TempDir
    Path dir;
    private McqInstance mcq;

    @BeforeEach
    void start() {
        mcq = McqInstance.withIdentityProvider(dir);
    }

    @AfterEach
    void stop() throws InterruptedException {
        mcq.close();
    }

    private HttpResponse<String> restLogin(String username, String password) {
        return mcq.rest("POST", "/v1/auth/login", null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }

    private Status grpcLogin(String username, String password) {
        try {
            AuthServiceGrpc.newBlockingStub(mcq.channel()).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .login(LoginRequest.newBuilder().setUsername(username).setPassword(password).build());
            return Status.OK;
        } catch (io.grpc.StatusRuntimeException e) {
            return e.getStatus();
        }
    }

    private static long retryAfter(HttpResponse<String> response) {
        return Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    void repeatedWrongPasswordsAre429UntilTheDelayPassesThenTheRightPasswordWorks() {
        for (int i = 0; i < 6; i++) {
            assertThat(restLogin("alice", "wrong-" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> limited = restLogin("alice", McqInstance.ALICE_PASSWORD);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(retryAfter(limited)).isEqualTo(1);
        assertThat(McqInstance.json(limited).path("error").asText()).contains("try again in 1 second");
        // The same account over gRPC is blocked too: the throttle is in the service layer.
        Status grpc = grpcLogin("alice", McqInstance.ALICE_PASSWORD);
        assertThat(grpc.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(grpc.getDescription()).contains("try again in 1 second");

        // Each further failure doubles the delay, up to a minute.
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            mcq.clock.advance(Duration.ofSeconds(delays.isEmpty() ? 1 : delays.get(delays.size() - 1)));
            assertThat(restLogin("alice", "still-wrong").statusCode()).isEqualTo(401);
            HttpResponse<String> again = restLogin("alice", "still-wrong");
            assertThat(again.statusCode()).isEqualTo(429);
            delays.add(retryAfter(again));
        }
        assertThat(delays).containsExactly(2L, 4L, 8L, 16L, 32L, 60L, 60L);

        // Never locked out for good: after the delay the right password works...
        mcq.clock.advance(Duration.ofSeconds(59));
        assertThat(restLogin("alice", McqInstance.ALICE_PASSWORD).statusCode()).isEqualTo(429);
        mcq.clock.advance(Duration.ofSeconds(1));
        assertThat(restLogin("alice", McqInstance.ALICE_PASSWORD).statusCode()).isEqualTo(200);
        // ...and the success forgives the account's failures.
        assertThat(restLogin("alice", "typo").statusCode()).isEqualTo(401);
        assertThat(restLogin("alice", McqInstance.ALICE_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void overGrpcTheDelayIsInTheMessageAndTheRightPasswordWorksAfterIt() {
        for (int i = 0; i < 6; i++) {
            assertThat(grpcLogin("admin", "wrong-" + i).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        }
        Status limited = grpcLogin("admin", McqInstance.ADMIN_PASSWORD);
        assertThat(limited.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(limited.getDescription()).contains("try again in 1 second");
        mcq.clock.advance(Duration.ofSeconds(1));
        assertThat(grpcLogin("admin", McqInstance.ADMIN_PASSWORD).getCode()).isEqualTo(Status.Code.OK);
        // Another account from the same address was never held up.
        assertThat(restLogin("alice", McqInstance.ALICE_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void oneAddressSprayingManyUsernamesIsStoppedByTheAddress() {
        // No username fails more than once, so only the address can stop this.
        for (int i = 0; i < 21; i++) {
            assertThat(restLogin("sprayed-" + i, "Summer2026!").statusCode()).isEqualTo(401);
        }
        HttpResponse<String> limited = restLogin("sprayed-new", "Summer2026!");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(retryAfter(limited)).isEqualTo(1);
        assertThat(grpcLogin("another-new", "Summer2026!").getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    }

    @Test
    void aBurstOfConcurrentGuessesGetsNoMoreTriesThanOneAtATime() throws Exception {
        int guesses = 30;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(guesses);
        List<Integer> statuses = new ArrayList<>();
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> sent = new ArrayList<>();
            for (int i = 0; i < guesses; i++) {
                String guess = "guess-" + i;
                sent.add(pool.submit(() -> {
                    go.await();
                    return restLogin("alice", guess).statusCode();
                }));
            }
            go.countDown();
            for (java.util.concurrent.Future<Integer> status : sent) {
                statuses.add(status.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        // Only the five free failures and the one that starts the block reach MCIAS.
        assertThat(statuses).containsOnly(401, 429);
        assertThat(statuses).filteredOn(status -> status == 401).hasSizeLessThanOrEqualTo(6);
        // At most six failures: blocked for at most a second.
        mcq.clock.advance(Duration.ofSeconds(1));
        assertThat(restLogin("alice", McqInstance.ALICE_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void failuresAreForgottenWhenTheWindowPasses() {
        for (int i = 0; i < 6; i++) {
            restLogin("alice", "wrong-" + i);
        }
        assertThat(restLogin("alice", "wrong").statusCode()).isEqualTo(429);
        mcq.clock.advance(Duration.ofMinutes(16));
        // A fresh record: five free failures again, not an immediate block.
        for (int i = 0; i < 5; i++) {
            assertThat(restLogin("alice", "wrong-again-" + i).statusCode()).isEqualTo(401);
        }
        assertThat(restLogin("alice", McqInstance.ALICE_PASSWORD).statusCode()).isEqualTo(200);
    }
}
