package net.metacircular.mcq.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import net.metacircular.mcq.http.Json;

import java.util.function.Function;

/**
 * Encoded JSON of recently served values, keyed by the identity of the domain
 * value (not of its view, which is made afresh for each encoding).
 *
 * <p>The document store hands out the same immutable {@code Document} or
 * queue instance until it changes, and every push, revision or read mark
 * makes a new instance. So identity is an exact and cheap key (no hashing of
 * a large body): a changed document is a new object and simply misses; the
 * cache can never serve the JSON of an older revision. Caffeine's weak keys
 * compare by identity ({@code ==}) and also drop an entry once its value is
 * no longer referenced anywhere else. Encoding a large document is the main
 * cost of a read; this makes a repeated read a copy of bytes. Bounded by the
 * bytes held.
 */
final class ResponseCache {

    private final long maxBytes;
    private final Cache<Object, byte[]> entries;

    ResponseCache(long maxBytes) {
        this.maxBytes = maxBytes;
        this.entries = Caffeine.newBuilder()
                .weakKeys()
                .maximumWeight(maxBytes)
                .weigher((Object value, byte[] json) -> json.length)
                .build();
    }

    /**
     * @param key  the domain value (a document or queue) whose identity keys the entry
     * @param view makes what is encoded: the view of {@code key} every surface shares
     */
    <T> byte[] json(T key, Function<? super T, ?> view) {
        byte[] cached = entries.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        // Encoded outside the cache's locks: a large body must not hold up other keys.
        byte[] encoded;
        try {
            encoded = Json.MAPPER.writeValueAsBytes(view.apply(key));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode response", e);
        }
        if (encoded.length <= maxBytes) {
            entries.put(key, encoded);
        }
        return encoded;
    }

    /** The bytes held, after pending evictions have run. */
    long weightedBytes() {
        entries.cleanUp();
        return entries.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }
}
