package net.metacircular.mcq.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers rendered documents so that a document opened again, or opened by
 * several reviewers, is rendered once.
 *
 * <p>Keyed by the SHA-256 of the Markdown, so identical content shares one
 * entry whatever document it belongs to. Bounded by the total size of the cached
 * HTML in bytes (UTF-8); the least recently used entries are evicted first. A
 * single document larger than the whole bound is rendered but not cached.
 *
 * <p>Thread-safe. Rendering happens outside the lock, so a slow document does
 * not block readers of other documents; two threads missing on the same content
 * at once may both render it, which is harmless since rendering is pure.
 */
public final class RenderCache {

    /** The default bound: 16 MiB of HTML, a share of the default 128 MiB heap. */
    public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

    private record Entry(RenderedDocument document, long bytes) {
    }

    private final MarkdownRenderer renderer;
    private final long maxBytes;
    /** Access-ordered: iteration starts at the least recently used entry. */
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long cachedBytes;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public RenderCache(MarkdownRenderer renderer, long maxBytes) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The rendered document for {@code markdown}, from the cache when possible. */
    public RenderedDocument render(String markdown) {
        Objects.requireNonNull(markdown, "markdown");
        String key = sha256(markdown);
        synchronized (this) {
            Entry cached = entries.get(key);
            if (cached != null) {
                hits.incrementAndGet();
                return cached.document();
            }
        }
        misses.incrementAndGet();
        RenderedDocument rendered = renderer.render(markdown);
        long bytes = sizeOf(rendered);
        if (bytes <= maxBytes) {
            synchronized (this) {
                Entry previous = entries.put(key, new Entry(rendered, bytes));
                if (previous != null) {
                    cachedBytes -= previous.bytes();
                }
                cachedBytes += bytes;
                evictToBound();
            }
        }
        return rendered;
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }

    public synchronized int entryCount() {
        return entries.size();
    }

    /** Total UTF-8 size of the cached HTML; never above {@link #maxBytes()}. */
    public synchronized long cachedBytes() {
        return cachedBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    private void evictToBound() {
        Iterator<Entry> leastRecentFirst = entries.values().iterator();
        while (cachedBytes > maxBytes && leastRecentFirst.hasNext()) {
            cachedBytes -= leastRecentFirst.next().bytes();
            leastRecentFirst.remove();
        }
    }

    private static long sizeOf(RenderedDocument document) {
        return document.html().getBytes(StandardCharsets.UTF_8).length;
    }

    private static String sha256(String markdown) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(markdown.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
