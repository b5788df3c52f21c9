package net.metacircular.mcq.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Recently validated tokens, so a busy reader does not ask MCIAS on every
 * request. Keyed by the SHA-256 of the token, never the token itself, so a
 * heap dump does not hand out sessions. Bounded, least recently used first
 * out. Only valid tokens are cached: a flood of garbage tokens cannot push
 * real sessions out.
 */
public final class TokenCache {

    /** The platform's limit: a revoked token stops working within this time. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);

    private record Entry(Caller caller, Instant expires) {
    }

    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Entry> entries;

    public TokenCache(int maxEntries, Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    public synchronized Optional<Caller> get(String token) {
        String key = key(token);
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expires())) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(entry.caller());
    }

    /** Caches a valid token until the TTL passes or the token expires, whichever is first. */
    public synchronized void put(String token, Caller caller) {
        Instant expires = clock.instant().plus(ttl);
        if (caller.expiresAt() != null && caller.expiresAt().isBefore(expires)) {
            expires = caller.expiresAt();
        }
        entries.put(key(token), new Entry(caller, expires));
    }

    public synchronized void evict(String token) {
        entries.remove(key(token));
    }

    public synchronized int size() {
        return entries.size();
    }

    static String key(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
