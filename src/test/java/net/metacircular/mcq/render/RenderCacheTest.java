package net.metacircular.mcq.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        long oneDocument = htmlBytes(document(0, 1_000));
        long bound = oneDocument * 3 + oneDocument / 2;
        RenderCache cache = new RenderCache(RENDERER, bound);

        for (int n = 0; n < 20; n++) {
            cache.render(document(n, 1_000));
            assertThat(cache.cachedBytes()).isLessThanOrEqualTo(bound);
        }

        assertThat(cache.entryCount()).isEqualTo(3);
        assertThat(cache.cachedBytes()).isGreaterThan(0);
    }

    @Test
    void leastRecentlyUsedEntryIsEvictedFirst() {
        long oneDocument = htmlBytes(document(0, 1_000));
        RenderCache cache = new RenderCache(RENDERER, oneDocument * 3 + oneDocument / 2);
        cache.render(document(1, 1_000));
        cache.render(document(2, 1_000));
        cache.render(document(3, 1_000));

        cache.render(document(1, 1_000)); // 1 is now the most recently used
        cache.render(document(4, 1_000)); // evicts 2, the least recently used

        long hitsBefore = cache.hits();
        cache.render(document(1, 1_000));
        cache.render(document(3, 1_000));
        cache.render(document(4, 1_000));
        assertThat(cache.hits()).isEqualTo(hitsBefore + 3);

        long missesBefore = cache.misses();
        cache.render(document(2, 1_000));
        assertThat(cache.misses()).isEqualTo(missesBefore + 1);
    }

    @Test
    void documentLargerThanTheWholeBoundIsRenderedButNotCached() {
        RenderCache cache = new RenderCache(RENDERER, 1_000);
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
        RenderCache cache = new RenderCache(RENDERER, bound);
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
                    return rendered.headings().get(0).text().equals("Document " + n)
                            && cache.cachedBytes() <= bound;
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
