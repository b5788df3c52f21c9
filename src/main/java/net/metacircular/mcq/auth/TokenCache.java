package net.metacircular.mcq.auth;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Recently validated tokens, so a busy reader does not ask MCIAS on every
 * request, and the validations in progress, so concurrent requests carrying
 * the same new token share one MCIAS call (Caffeine's async cache holds the
 * pending validation).
 *
 * <p>Keyed by the SHA-256 of the token, never the token itself, so a heap
 * dump does not hand out sessions. Bounded by entry count. An entry lives
 * for the TTL or until the token expires, whichever is first. Only valid
 * tokens stay: a validation that says invalid, or fails, leaves nothing
 * behind, so a flood of garbage tokens cannot push real sessions out and an
 * MCIAS outage is retried on the next request.
 *
 * <p>Thread-safe.
 */
public final class TokenCache {

    /** The platform's limit: a revoked token stops working within this time. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);

    private static final HexFormat HEX = HexFormat.of();
    /**
     * One digest per thread, reused: every request hashes its token, and a
     * new {@code MessageDigest} (a provider lookup, or a clone of its state)
     * each time is a measurable share of a cached read. {@code digest} resets it.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(TokenCache::newSha256);

    private final Clock clock;
    private final AsyncCache<String, Validation> entries;

    /**
     * A finished validation: the caller, or what went wrong. A failure is a
     * value, not a failed future, because Caffeine logs every failed future
     * with its stack trace, and anyone can send a bad token.
     */
    private record Validation(Caller caller, RuntimeException failure, Error error) {

        Caller callerOrThrow() {
            if (failure != null) {
                throw failure;
            }
            if (error != null) {
                throw error;
            }
            return caller;
        }
    }

    /** @param clock drives expiry (through Caffeine's ticker), so tests can move time */
    public TokenCache(int maxEntries, Duration ttl, Clock clock) {
        this.clock = clock;
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(ticker(clock))
                .expireAfter(new UntilTtlOrTokenExpiry(ttl, clock))
                .buildAsync();
    }

    /**
     * The caller behind {@code token}: from the cache, or from {@code validator},
     * which runs on this thread and at most once per token however many threads
     * ask at the same moment; the others wait for its answer. A validator that
     * throws (invalid token, MCIAS unavailable) throws to every waiter and
     * caches nothing.
     */
    public Caller get(String token, Function<String, Caller> validator) {
        String key = key(token);
        CompletableFuture<Validation> cached = entries.getIfPresent(key);
        if (cached != null) {
            return await(cached);
        }
        CompletableFuture<Validation> mine = new CompletableFuture<>();
        CompletableFuture<Validation> current = entries.get(key, (k, executor) -> mine);
        if (current != mine) {
            return await(current);
        }
        Validation validation;
        try {
            validation = new Validation(validator.apply(token), null, null);
        } catch (RuntimeException e) {
            validation = new Validation(null, e, null);
        } catch (Error e) {
            validation = new Validation(null, null, e);
        }
        if (validation.caller() == null) {
            // Removed before the waiters hear, so nothing failed stays and the next request retries at once.
            entries.asMap().remove(key, mine);
        }
        mine.complete(validation);
        return validation.callerOrThrow();
    }

    /** The cached caller for a token whose validation has finished, if any. */
    public Optional<Caller> getIfPresent(String token) {
        CompletableFuture<Validation> future = entries.getIfPresent(key(token));
        if (future == null || !future.isDone()) {
            return Optional.empty();
        }
        return Optional.ofNullable(future.join().caller());
    }

    public void evict(String token) {
        entries.synchronous().invalidate(key(token));
    }

    /** The number of entries, after pending evictions and expiries have run. */
    public long size() {
        entries.synchronous().cleanUp();
        return entries.synchronous().estimatedSize();
    }

    static String key(String token) {
        byte[] digest = SHA_256.get().digest(token.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(digest);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Waits for a validation, this thread's or another's. */
    private static Caller await(CompletableFuture<Validation> validation) {
        return validation.join().callerOrThrow();
    }

    /** Caffeine reads time in nanoseconds from its ticker; this one follows the injected clock. */
    private static Ticker ticker(Clock clock) {
        return () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }

    /** Each entry lasts the TTL, or until its token expires if that is sooner. */
    private record UntilTtlOrTokenExpiry(Duration ttl, Clock clock) implements Expiry<String, Validation> {

        @Override
        public long expireAfterCreate(String key, Validation validation, long currentTime) {
            Caller caller = validation.caller();
            if (caller == null) {
                return 0;
            }
            Duration life = ttl;
            if (caller.expiresAt() != null) {
                Duration untilTokenExpiry = Duration.between(clock.instant(), caller.expiresAt());
                if (untilTokenExpiry.compareTo(life) < 0) {
                    life = untilTokenExpiry.isNegative() ? Duration.ZERO : untilTokenExpiry;
                }
            }
            return life.toNanos();
        }

        @Override
        public long expireAfterUpdate(String key, Validation validation, long currentTime, long currentDuration) {
            return expireAfterCreate(key, validation, currentTime);
        }

        @Override
        public long expireAfterRead(String key, Validation validation, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
