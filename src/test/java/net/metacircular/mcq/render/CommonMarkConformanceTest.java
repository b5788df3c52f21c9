package net.metacircular.mcq.render;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The CommonMark spec's examples through {@link MarkdownRenderer#render}, the
 * call the reader page makes (parser, extensions, highlighter and sanitizer
 * included); see {@link CommonMarkConformance}.
 */
class CommonMarkConformanceTest {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    @Test
    void atLeast99PercentOfTheSpecExamplesRenderAsTheSpecSays() throws IOException {
        System.out.println(CommonMarkConformance.check("commonmark-conformance-renderer",
                example -> renderer.render(example.markdown()).html()));
    }
}
