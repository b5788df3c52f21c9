package net.metacircular.mcq.server;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encoded JSON of recently served values, keyed by the value's identity.
 *
 * <p>The document store hands out the same immutable {@code Document} or
 * queue instance until it changes, so identity is an exact and cheap key: a
 * changed document is a new instance and simply misses. Encoding a large
 * document is the main cost of a read; this makes a repeated read a copy of
 * bytes. Bounded by the bytes held.
 */
final class ResponseCache {

    private record Identity(Object value) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity identity && identity.value == value;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(value);
        }
    }

    private final long maxBytes;
    private long bytes;
    private final LinkedHashMap<Identity, byte[]> entries = new LinkedHashMap<>(64, 0.75f, true);

    ResponseCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    byte[] json(Object value) {
        Identity key = new Identity(value);
        synchronized (this) {
            byte[] cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
        }
        byte[] encoded;
        try {
            encoded = Json.MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode response", e);
        }
        if (encoded.length <= maxBytes) {
            synchronized (this) {
                if (entries.put(key, encoded) == null) {
                    bytes += encoded.length;
                }
                var eldest = entries.entrySet().iterator();
                while (bytes > maxBytes && eldest.hasNext()) {
                    Map.Entry<Identity, byte[]> entry = eldest.next();
                    bytes -= entry.getValue().length;
                    eldest.remove();
                }
            }
        }
        return encoded;
    }
}
