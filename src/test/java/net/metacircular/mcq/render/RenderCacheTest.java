package net.metacircular.mcq.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RenderCacheTest {

    private static final MarkdownRenderer RENDERER = new MarkdownRenderer();

    /** A document whose HTML is a little over {@code approxBytes} long, distinct per {@code n}. */
    private static String document(int n, int approxBytes) {
        return "# Document " + n + "\n\n" + ("word" + n + " ").repeat(approxBytes / 6) + "\n";
    }

    private static long htmlBytes(String markdown) {
        return RENDERER.render(markdown).html().getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void secondRenderOfTheSameContentIsAHitWithIdenticalHtml() {
        RenderCache cache = new RenderCache(RENDERER, RenderCache.DEFAULT_MAX_BYTES);
        String markdown = "# Plan\n\n```java\nint x = 1;\n```\n";

        RenderedDocument first = cache.render(markdown);
        RenderedDocument second = cache.render(markdown);

        assertThat(cache.misses()).isEqualTo(1);
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(second.html()).isEqualTo(first.html());
        assertThat(second.headings()).isEqualTo(first.headings());
        assertThat(second.html()).isEqualTo(RENDERER.render(markdown).html());
    }

    @Test
    void differentContentIsADifferentEntry() {
        RenderCache cache = new RenderCache(RENDERER, RenderCache.DEFAULT_MAX_BYTES);

        cache.render("# One\n");
        cache.render("# One \n");
        cache.render("# Two\n");

        assertThat(cache.misses()).isEqualTo(3);
        assertThat(cache.hits()).isZero();
        assertThat(cache.entryCount()).isEqualTo(3);
    }

    @Test
    void evictionKeepsTheCachedHtmlUnderTheBound() {
        long oneDocument = htmlBytes(document(0, 1_000)) + RenderCache.ENTRY_OVERHEAD_BYTES + 200;
        long bound = oneDocument * 3 + oneDocument / 2;
        RenderCache cache = new RenderCache(RENDERER, bound);

        for (int n = 0; n < 20; n++) {
            cache.render(document(n, 1_000));
            assertThat(cache.cachedBytes()).isLessThanOrEqualTo(bound);
        }

        assertThat(cache.entryCount()).isBetween(1, 3);
        assertThat(cache.cachedBytes()).isGreaterThan(0);
    }

    @Test
    void concurrentViewsOfOneDocumentRenderItOnce() throws Exception {
        // One render thread, kept busy until every viewer is waiting: without
        // the sharing, each viewer would queue a render of its own.
        RenderPool renderPool = new RenderPool(1, 64);
        RenderCache cache = new RenderCache(RENDERER, RenderCache.DEFAULT_MAX_BYTES, renderPool, Duration.ofSeconds(30));
        CountDownLatch renderThreadFree = new CountDownLatch(1);
        renderPool.execute(() -> {
            try {
                renderThreadFree.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        String markdown = document(7, 200_000);
        int viewerCount = 50;
        ExecutorService viewers = Executors.newFixedThreadPool(viewerCount);
        List<Thread> viewerThreads = new ArrayList<>();
        try {
            List<Future<RenderedDocument>> views = new ArrayList<>();
            for (int i = 0; i < viewerCount; i++) {
                views.add(viewers.submit(() -> {
                    synchronized (viewerThreads) {
                        viewerThreads.add(Thread.currentThread());
                    }
                    return cache.render(markdown);
                }));
            }
            awaitAllParked(viewerThreads, viewerCount);
            renderThreadFree.countDown();
            for (Future<RenderedDocument> view : views) {
                assertThat(view.get(30, TimeUnit.SECONDS).rendered()).isTrue();
            }
        } finally {
            renderThreadFree.countDown();
            viewers.shutdownNow();
            renderPool.close();
        }
        assertThat(cache.renders()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(1);
        assertThat(cache.hits()).isEqualTo(viewerCount - 1);
    }

    /** Waits, at most 10 s, until {@code count} threads have started and all wait. */
    private static void awaitAllParked(List<Thread> threads, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            synchronized (threads) {
                if (threads.size() == count && threads.stream().allMatch(RenderCacheTest::parked)) {
                    return;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the viewers did not all wait for a render within 10 s");
    }

    private static boolean parked(Thread thread) {
        Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    @Test
    void aDocumentTooLargeToRenderIsJudgedOnce() {
        RenderCache cache = new RenderCache(RENDERER, RenderCache.DEFAULT_MAX_BYTES);
        String poison = "*a".repeat(600_000);

        RenderedDocument first = cache.render(poison);
        RenderedDocument second = cache.render(poison);

        assertThat(first.unrendered()).isEqualTo(Unrendered.TOO_LARGE);
        assertThat(second.unrendered()).isEqualTo(Unrendered.TOO_LARGE);
        assertThat(second.html()).isEmpty();
        assertThat(cache.renders()).isEqualTo(1);
        assertThat(cache.cachedBytes()).isLessThan(RenderCache.ENTRY_OVERHEAD_BYTES * 2L);
    }

    @Test
    void aViewThatStopsWaitingCancelsTheRenderNobodyElseWants() throws Exception {
        // Generous limits, so only cancellation can stop this slow render early.
        MarkdownRenderer patient = new MarkdownRenderer(new RenderLimits(10_000_000, 64 << 20, Duration.ofMinutes(1)));
        RenderCache cache = new RenderCache(patient, RenderCache.DEFAULT_MAX_BYTES, new RenderPool(1, 4),
                Duration.ofMillis(200));
        // Several seconds of work uncancelled (15 MB of entities), with a checkpoint at every entity.
        String slow = "&amp; ".repeat(2_500_000);

        RenderedDocument view = cache.render(slow);

        assertThat(view.unrendered()).isEqualTo(Unrendered.BUSY);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(1);
        while (cache.rendersInFlight() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(cache.rendersInFlight()).as("render still running a second after its only viewer left").isZero();
        assertThat(cache.entryCount()).isZero();
        assertThat(cache.renders()).isEqualTo(1);
        cache.close();
    }

    @Test
    void aFullRenderQueueAnswersBusyAtOnce() throws Exception {
        MarkdownRenderer patient = new MarkdownRenderer(new RenderLimits(10_000_000, 64 << 20, Duration.ofMinutes(1)));
        RenderCache cache = new RenderCache(patient, RenderCache.DEFAULT_MAX_BYTES, new RenderPool(1, 1),
                Duration.ofSeconds(5));
        ExecutorService viewers = Executors.newFixedThreadPool(2);
        try {
            // Two slow documents fill the one thread and the one queue slot.
            for (int i = 0; i < 2; i++) {
                String slow = "[".repeat(300_000 + i) + "a" + "](/u)".repeat(300_000 + i);
                viewers.submit(() -> cache.render(slow));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (cache.rendersInFlight() < 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            long start = System.nanoTime();
            RenderedDocument third = cache.render("# Third\n");
            assertThat(third.unrendered()).isEqualTo(Unrendered.BUSY);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        } finally {
            viewers.shutdownNow();
            cache.close();
        }
    }

    @Test
    void documentLargerThanTheWholeBoundIsRenderedButNotCached() {
        RenderCache cache = new RenderCache(RENDERER, 2_000);
        String large = document(1, 5_000);

        RenderedDocument rendered = cache.render(large);

        assertThat(rendered.html()).contains("word1");
        assertThat(cache.entryCount()).isZero();
        assertThat(cache.cachedBytes()).isZero();
    }

    @Test
    void boundMustBePositive() {
        assertThatThrownBy(() -> new RenderCache(RENDERER, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentReadersGetCorrectDocumentsAndTheBoundHolds() throws Exception {
        long oneDocument = htmlBytes(document(0, 500));
        long bound = oneDocument * 5;
        // A queue long enough for every distinct document: this test is about correctness, not refusal.
        RenderCache cache = new RenderCache(RENDERER, bound, new RenderPool(2, 64), Duration.ofSeconds(30));
        List<String> documents = new ArrayList<>();
        for (int n = 0; n < 12; n++) {
            documents.add(document(n, 500));
        }

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                int n = (i * 7) % documents.size();
                results.add(pool.submit(() -> {
                    RenderedDocument rendered = cache.render(documents.get(n));
                    return rendered.headings().get(0).text().equals("Document " + n);
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.hits() + cache.misses()).isEqualTo(600);
        assertThat(cache.cachedBytes()).isLessThanOrEqualTo(bound);
    }
}
