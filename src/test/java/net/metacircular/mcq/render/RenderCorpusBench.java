package net.metacircular.mcq.render;

import java.util.List;

/**
 * Times the reader's render path ({@link RenderCache}) on documents of the
 * hostile corpus: the first view (a render) and a second, cached view. Run by
 * bench/render-corpus.sh in a fresh JVM per document, with the server's heap,
 * so a document that exhausts memory or runs for minutes affects only its own
 * line. Uses only API that MCQ has had since before render limits, so the same
 * class measures older builds. Prints one line: name, first ms, cached ms,
 * "rendered" or "source".
 */
public final class RenderCorpusBench {

    private RenderCorpusBench() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            HostileDocuments.all().forEach(h -> System.out.println(h.name()));
            return;
        }
        List<HostileDocuments.Hostile> corpus = HostileDocuments.all();
        HostileDocuments.Hostile hostile = corpus.stream().filter(h -> h.name().equals(args[0])).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no such document: " + args[0]));
        String markdown = hostile.markdown() + (args.length > 1 ? args[1] : "");
        RenderCache cache = new RenderCache(new MarkdownRenderer(), RenderCache.DEFAULT_MAX_BYTES);
        long start = System.nanoTime();
        RenderedDocument first = cache.render(markdown);
        long firstNanos = System.nanoTime() - start;
        start = System.nanoTime();
        cache.render(markdown);
        long cachedNanos = System.nanoTime() - start;
        String html = first.html();
        String outcome = html.isEmpty() || html.contains("Markdown source is shown instead") ? "source" : "rendered";
        System.out.printf("%s %.1f %.3f %s%n", hostile.name(), firstNanos / 1e6, cachedNanos / 1e6, outcome);
        System.exit(0);
    }
}
