package net.metacircular.mcq.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** Rendered blocks carry their Markdown source lines, and only the renderer can set them. */
class SourceLinesTest {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    private Element body(String markdown) {
        return Jsoup.parseBodyFragment(renderer.render(markdown).html()).body();
    }

    @Test
    void topLevelBlocksListItemsAndTableRowsCarryOneBasedInclusiveLines() {
        Element body = body("""
                # Title

                First paragraph
                on two lines.

                - one
                - two

                | a | b |
                |---|---|
                | 1 | 2 |

                ```java
                int x;
                ```
                """);
        assertThat(body.selectFirst("h1").attr("data-source-lines")).isEqualTo("1-1");
        assertThat(body.selectFirst("p").attr("data-source-lines")).isEqualTo("3-4");
        assertThat(body.selectFirst("ul").attr("data-source-lines")).isEqualTo("6-7");
        assertThat(body.select("li").eachAttr("data-source-lines")).containsExactly("6-6", "7-7");
        assertThat(body.select("tr").eachAttr("data-source-lines")).containsExactly("9-9", "11-11");
        assertThat(body.selectFirst("pre").attr("data-source-lines")).isEqualTo("13-15");
        assertThat(body.selectFirst("code").hasAttr("data-source-lines")).isFalse();
    }

    @Test
    void nestedParagraphsDoNotCarryLines() {
        Element body = body("> quoted\n> text\n");
        assertThat(body.selectFirst("blockquote").attr("data-source-lines")).isEqualTo("1-2");
        assertThat(body.selectFirst("blockquote p").hasAttr("data-source-lines")).isFalse();
    }

    @Test
    void rawHtmlCannotClaimASourcePosition() {
        Element body = body("""
                <p data-source-lines="1-9">forged</p>

                <div data-source-lines="x"><p data-source-lines="5-5">also forged</p></div>
                """);
        assertThat(body.select("[data-source-lines]")).isEmpty();
    }

    @Test
    void theSanitizerAcceptsOnlyTheStrictForm() {
        assertThat(SourceLines.checked("12-345")).isEqualTo("12-345");
        assertThat(SourceLines.checked("1-2 onclick")).isNull();
        assertThat(SourceLines.checked("12345678-1")).isNull();
        assertThat(SourceLines.checked(null)).isNull();
    }
}
