package net.metacircular.mcq.auth;

import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.ServiceException.Kind;
import net.metacircular.mcq.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Token validation through the cache, against a real HTTP server playing MCIAS. */
class TokenCacheTest {

    private final MutableClock clock = MutableClock.startingNow();
    private StubMcias mcias;

    @BeforeEach
    void start() throws Exception {
        mcias = new StubMcias(clock.instant().plus(Duration.ofHours(1)));
    }

    @AfterEach
    void stop() {
        mcias.close();
    }

    private AuthService auth(TokenCache cache) {
        return new AuthService(mcias.client(), cache);
    }

    @Test
    void concurrentRequestsForOneNewTokenShareOneValidation() throws Exception {
        AuthService auth = auth(new TokenCache(100, TokenCache.DEFAULT_TTL, clock));
        mcias.hold();
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Thread> threads = new ArrayList<>();
        List<Future<Caller>> results = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    synchronized (threads) {
                        threads.add(Thread.currentThread());
                    }
                    return auth.authenticate("valid-shared");
                }));
            }
            // The validation is held at MCIAS until every caller is parked: each
            // either waits for the shared validation or sent a request of its own.
            awaitAllParked(threads, callers);
            mcias.open();
            for (Future<Caller> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS).username()).isEqualTo("alice");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(mcias.validateCalls()).isEqualTo(1);
    }

    @Test
    void aValidTokenIsCachedUntilTheTtlPasses() {
        AuthService auth = auth(new TokenCache(100, TokenCache.DEFAULT_TTL, clock));
        auth.authenticate("valid-a");
        auth.authenticate("valid-a");
        assertThat(mcias.validateCalls()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(29));
        auth.authenticate("valid-a");
        assertThat(mcias.validateCalls()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        auth.authenticate("valid-a");
        assertThat(mcias.validateCalls()).isEqualTo(2);
    }

    @Test
    void anEntryEndsWhenItsTokenExpiresBeforeTheTtl() {
        mcias.setTokenExpiry(clock.instant().plus(Duration.ofSeconds(10)));
        AuthService auth = auth(new TokenCache(100, TokenCache.DEFAULT_TTL, clock));
        auth.authenticate("valid-short");
        clock.advance(Duration.ofSeconds(9));
        auth.authenticate("valid-short");
        assertThat(mcias.validateCalls()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        auth.authenticate("valid-short");
        assertThat(mcias.validateCalls()).isEqualTo(2);
    }

    @Test
    void invalidTokensAreNotCachedNorLogged() {
        // Caffeine logs a failed load with its stack trace; anyone can send garbage tokens, so none may reach it.
        List<java.util.logging.LogRecord> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Logger caffeine = java.util.logging.Logger.getLogger("com.github.benmanes.caffeine");
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        caffeine.addHandler(handler);
        try {
            TokenCache cache = new TokenCache(100, TokenCache.DEFAULT_TTL, clock);
            AuthService auth = auth(cache);
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> auth.authenticate("garbage"))
                        .isInstanceOfSatisfying(ServiceException.class,
                                e -> assertThat(e.kind()).isEqualTo(Kind.UNAUTHENTICATED));
            }
            assertThat(mcias.validateCalls()).isEqualTo(3);
            assertThat(cache.size()).isZero();
            assertThat(logged).extracting(java.util.logging.LogRecord::getMessage).isEmpty();
        } finally {
            caffeine.removeHandler(handler);
        }
    }

    @Test
    void duringAnOutageCachedTokensWorkUntilTheirEntryExpiresAndOthersAreUnavailable() {
        TokenCache cache = new TokenCache(100, TokenCache.DEFAULT_TTL, clock);
        AuthService auth = auth(cache);
        auth.authenticate("valid-known");
        mcias.setDown(true);

        assertThat(auth.authenticate("valid-known").username()).isEqualTo("alice");
        assertUnavailable(auth, "valid-new");
        assertUnavailable(auth, "valid-new");
        assertThat(mcias.validateCalls()).as("a failed validation is not cached").isEqualTo(3);
        assertThat(cache.getIfPresent("valid-new")).isEmpty();

        clock.advance(Duration.ofSeconds(31));
        assertUnavailable(auth, "valid-known");

        mcias.setDown(false);
        assertThat(auth.authenticate("valid-new").username()).isEqualTo("alice");
    }

    @Test
    void evictForgetsATokenAtOnce() {
        TokenCache cache = new TokenCache(100, TokenCache.DEFAULT_TTL, clock);
        AuthService auth = auth(cache);
        auth.authenticate("valid-out");
        assertThat(cache.getIfPresent("valid-out")).isPresent();
        cache.evict("valid-out");
        assertThat(cache.getIfPresent("valid-out")).isEmpty();
        auth.authenticate("valid-out");
        assertThat(mcias.validateCalls()).isEqualTo(2);
    }

    @Test
    void theNumberOfEntriesNeverExceedsTheBound() {
        TokenCache cache = new TokenCache(50, TokenCache.DEFAULT_TTL, clock);
        Caller caller = new Caller("u-1", "alice", "human", List.of(), clock.instant().plus(Duration.ofHours(1)));
        for (int i = 0; i < 2_000; i++) {
            cache.get("valid-" + i, token -> caller);
            if (i % 100 == 0) {
                assertThat(cache.size()).isLessThanOrEqualTo(50);
            }
        }
        assertThat(cache.size()).isBetween(1L, 50L);
    }

    @Test
    void entriesAreKeyedByTheTokensHashNotTheToken() {
        assertThat(TokenCache.key("valid-secret")).hasSize(64).doesNotContain("secret");
    }

    private static void assertUnavailable(AuthService auth, String token) {
        assertThatThrownBy(() -> auth.authenticate(token))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
    }

    private static void awaitAllParked(List<Thread> threads, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            synchronized (threads) {
                if (threads.size() == count && threads.stream().allMatch(TokenCacheTest::parked)) {
                    return;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the callers did not all reach the validation within 10 s");
    }

    private static boolean parked(Thread thread) {
        Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }
}
