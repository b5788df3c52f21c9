package net.metacircular.mcq.render;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Renders documents for the reader, off the request threads, once per content.
 *
 * <p>Keyed by the SHA-256 of the Markdown, so identical content shares one
 * entry whatever document it belongs to. Renders run on a {@link RenderPool}
 * (a few threads, a short queue), never on the request thread; a request waits
 * for its render at most {@link #waitLimit()} and is otherwise answered with
 * the source ({@link Unrendered#BUSY}). Concurrent requests for the same
 * content share one render (Caffeine's async cache holds the pending result).
 * When every request waiting for a render has given up, the render is
 * cancelled and stops at its next checkpoint.
 *
 * <p>The outcome is remembered, including a lasting refusal ({@link
 * Unrendered#lasting()}: too large, too complex, too slow), so a hostile
 * document costs one render, not one per view. The cache is bounded by the
 * size of what it holds: the HTML's length plus a fixed cost per entry; a
 * refusal weighs only that fixed cost.
 *
 * <p>Thread-safe.
 */
public final class RenderCache implements AutoCloseable {

    /** The default bound: 16 MiB of HTML, a share of the default 128 MiB heap. */
    public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

    /** How long a view waits for its render before showing the source: views answer within a few seconds. */
    public static final Duration DEFAULT_WAIT = Duration.ofMillis(2_200);

    /** What an entry costs beyond its HTML: key, headings, bookkeeping. */
    static final int ENTRY_OVERHEAD_BYTES = 256;

    private final MarkdownRenderer renderer;
    private final RenderPool pool;
    private final long maxBytes;
    private final Duration waitLimit;
    private final AsyncCache<String, RenderedDocument> cache;
    /** Per content being rendered, how many requests are waiting for it. */
    private final Map<String, Integer> waiting = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong renders = new AtomicLong();

    public RenderCache(MarkdownRenderer renderer, long maxBytes) {
        this(renderer, maxBytes, RenderPool.sizedForThisMachine(), DEFAULT_WAIT);
    }

    public RenderCache(MarkdownRenderer renderer, long maxBytes, RenderPool pool, Duration waitLimit) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.waitLimit = Objects.requireNonNull(waitLimit, "waitLimit");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, RenderedDocument document) -> weightOf(document))
                .executor(Runnable::run)
                .buildAsync();
    }

    /**
     * The rendered document for {@code markdown}, or, when it is not rendered
     * (beyond the limits, or not ready within the wait), the reason, with no HTML.
     */
    public RenderedDocument render(String markdown) {
        return render(markdown, waitLimit);
    }

    /** As {@link #render(String)}, waiting at most {@code wait} (never more than {@link #waitLimit()}). */
    public RenderedDocument render(String markdown, Duration wait) {
        Objects.requireNonNull(markdown, "markdown");
        long waitMillis = Math.max(1, Math.min(wait.toMillis(), waitLimit.toMillis()));
        String key = sha256(markdown);
        CompletableFuture<RenderedDocument> existing = cache.getIfPresent(key);
        if (existing != null && existing.isDone() && !existing.isCompletedExceptionally()) {
            hits.incrementAndGet();
            return existing.join();
        }
        waiting.merge(key, 1, Integer::sum);
        boolean gaveUp = false;
        boolean[] started = {false};
        CompletableFuture<RenderedDocument> result = cache.get(key, (k, executor) -> {
            started[0] = true;
            return start(markdown);
        });
        (started[0] ? misses : hits).incrementAndGet();
        try {
            return result.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            gaveUp = true;
            return RenderedDocument.unrendered(Unrendered.BUSY);
        } catch (ExecutionException | CancellationException e) {
            return RenderedDocument.unrendered(Unrendered.BUSY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            gaveUp = true;
            return RenderedDocument.unrendered(Unrendered.BUSY);
        } finally {
            Integer left = waiting.merge(key, -1, (a, b) -> a + b == 0 ? null : a + b);
            if (gaveUp && left == null) {
                // Nobody wants this render any more: it stops at its next checkpoint,
                // and the cache drops the cancelled entry.
                result.cancel(false);
            }
        }
    }

    /** Queues a render; the pool may refuse it when full, which only this request's view pays for. */
    private CompletableFuture<RenderedDocument> start(String markdown) {
        CompletableFuture<RenderedDocument> result = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                if (result.isDone()) {
                    return; // cancelled while queued
                }
                renders.incrementAndGet();
                try {
                    RenderedDocument outcome = renderer.renderWithin(markdown, result::isDone);
                    if (outcome.rendered() || outcome.unrendered().lasting()) {
                        result.complete(outcome);
                    } else {
                        // Not worth remembering: fail so the cache drops it.
                        result.completeExceptionally(new CancellationException(outcome.unrendered().name()));
                    }
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException full) {
            result.completeExceptionally(full);
        }
        return result;
    }

    /** Views served from a cached outcome or by joining a render already under way. */
    public long hits() {
        return hits.get();
    }

    /** Views that started a render (the content was neither cached nor being rendered). */
    public long misses() {
        return misses.get();
    }

    /** Renders that actually ran (a render cancelled while queued never runs). */
    public long renders() {
        return renders.get();
    }

    public int entryCount() {
        cache.synchronous().cleanUp();
        return (int) cache.synchronous().estimatedSize();
    }

    /** Total weight of the cached outcomes; never above {@link #maxBytes()} once eviction has run. */
    public long cachedBytes() {
        cache.synchronous().cleanUp();
        return cache.synchronous().policy().eviction()
                .flatMap(eviction -> eviction.weightedSize().stream().boxed().findFirst())
                .orElse(0L);
    }

    public long maxBytes() {
        return maxBytes;
    }

    public Duration waitLimit() {
        return waitLimit;
    }

    /** Renders running or queued now. */
    public int rendersInFlight() {
        return pool.inFlight();
    }

    @Override
    public void close() {
        pool.close();
    }

    static int weightOf(RenderedDocument document) {
        long bytes = ENTRY_OVERHEAD_BYTES + (long) document.html().length();
        for (Heading heading : document.headings()) {
            bytes += 64 + heading.id().length() + heading.text().length();
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
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
