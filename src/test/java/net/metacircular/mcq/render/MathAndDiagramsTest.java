package net.metacircular.mcq.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Math and Mermaid blocks on the server: GitHub's rules for where math starts
 * and ends, TeX kept exactly and escaped, the sanitizer keeping exactly the
 * classes the page's scripts need, and the features recorded for the page.
 */
class MathAndDiagramsTest {

    private static final MarkdownRenderer RENDERER = new MarkdownRenderer();

    private static String html(String markdown) {
        // Source line positions are another test's business.
        return RENDERER.render(markdown).html().strip().replaceAll(" data-source-lines=\"[0-9-]+\"", "");
    }

    private static String inline(String tex) {
        return "<span class=\"math math-inline\">" + tex + "</span>";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "$x$|" + "<p><span class=\"math math-inline\">x</span></p>",
        "a $x^2$ b|" + "<p>a <span class=\"math math-inline\">x^2</span> b</p>",
        // Prices are not math: the second $ is preceded by a space.
        "$5 and $6|<p>$5 and $6</p>",
        "costs $5 to $10 each|<p>costs $5 to $10 each</p>",
        // Opening $ followed by a space, closing $ preceded by one.
        "$ x$|<p>$ x$</p>",
        "$x $|<p>$x $</p>",
        // Closing $ followed by a digit does not close.
        "$x$1|<p>$x$1</p>",
        // An escaped dollar is a dollar.
        "\\$x$|<p>$x$</p>",
        "$$|<p>$$</p>",
        "$|<p>$</p>",
        "a $ b|<p>a $ b</p>",
    })
    void inlineMathFollowsGithubsRules(String markdown, String expected) {
        assertThat(html(markdown)).isEqualTo(expected);
    }

    @Test
    void texIsKeptExactlyWithNoMarkdownInsideAndEscaped() {
        assertThat(html("$a_1 * b_2 * \\alpha \\\\ c$"))
                .isEqualTo("<p>" + inline("a_1 * b_2 * \\alpha \\\\ c") + "</p>");
        assertThat(html("$a<b & c>d$")).isEqualTo("<p>" + inline("a&lt;b &amp; c&gt;d") + "</p>");
        assertThat(html("$`code`$")).isEqualTo("<p>" + inline("&#96;code&#96;") + "</p>");
        // \$ inside math does not close it.
        assertThat(html("$\\$5$")).isEqualTo("<p>" + inline("\\$5") + "</p>");
        // Code spans keep their dollars.
        assertThat(html("`$x$`")).isEqualTo("<p><code>$x$</code></p>");
    }

    @Test
    void displayMathMaySpanLinesWithinAParagraph() {
        assertThat(html("$$\n\\int_0^1 x\\,dx\n= \\frac12\n$$"))
                .isEqualTo("<p><span class=\"math math-display\">\\int_0^1 x\\,dx\n&#61; \\frac12</span></p>");
        assertThat(html("before $$a*b*c$$ after"))
                .isEqualTo("<p>before <span class=\"math math-display\">a*b*c</span> after</p>");
        assertThat(html("$$ unclosed")).isEqualTo("<p>$$ unclosed</p>");
    }

    @Test
    void fencedMathAndMermaidAreSourceForThePageScripts() {
        assertThat(html("```math\nx_1 < \\frac{a}{b}\n```"))
                .startsWith("<div class=\"math math-display\"")
                .contains(">x_1 &lt; \\frac{a}{b}</div>");
        String diagram = html("```mermaid\ngraph LR\n  A[\"<b>x</b>\"] --> B\n```");
        assertThat(diagram).startsWith("<pre class=\"mermaid-source\"")
                .contains("<code class=\"language-mermaid\">graph LR\n  A[&#34;&lt;b&gt;x&lt;/b&gt;&#34;] --&gt; B\n</code></pre>")
                .doesNotContain("tok-");
    }

    @Test
    void theSanitizerKeepsExactlyTheseClasses() {
        String raw = "<span class=\"math math-inline math-evil\">x</span><div class=\"math math-inline x\">y</div>"
                + "<pre class=\"mermaid-source mermaid\">z</pre><p class=\"math\">w</p>";
        assertThat(html(raw))
                .contains("<span class=\"math math-inline\">x</span>")
                .contains("<div class=\"math\">y</div>")
                .contains("<pre class=\"mermaid-source\">z</pre>")
                .contains("<p>w</p>");
    }

    @Test
    void featuresAreRecordedWithTheRender() {
        assertThat(RENDERER.render("plain $5 text").features()).isEqualTo(DocumentFeatures.NONE);
        assertThat(RENDERER.render("```js\nx\n```").features()).isEqualTo(DocumentFeatures.NONE);
        assertThat(RENDERER.render("a $x$").features()).isEqualTo(new DocumentFeatures(true, false));
        assertThat(RENDERER.render("```math\nx\n```").features()).isEqualTo(new DocumentFeatures(true, false));
        assertThat(RENDERER.render("```mermaid\ngraph LR\n```").features()).isEqualTo(new DocumentFeatures(false, true));
        try (RenderCache cache = new RenderCache(RENDERER, 1 << 20, RenderPool.sizedForThisMachine(),
                Duration.ofSeconds(5))) {
            assertThat(cache.render("$$x$$\n\n```mermaid\ngraph LR\n```").features())
                    .isEqualTo(new DocumentFeatures(true, true));
        }
    }

    @Test
    void manyUnclosedDollarsStayLinear() {
        // Every opening scans on to the end of the paragraph and finds no closing: without the
        // memory of a failed scan this would be quadratic.
        String hostile = "$$ " + "$b ".repeat(200_000) + "\n\n" + "$c ".repeat(200_000);
        long start = System.nanoTime();
        RenderedDocument rendered = RENDERER.render(hostile);
        assertThat(rendered.rendered()).isTrue();
        assertThat(rendered.features().math()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
