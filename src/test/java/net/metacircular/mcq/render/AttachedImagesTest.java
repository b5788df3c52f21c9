package net.metacircular.mcq.render;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Relative images that name attached files: placeholders in the render, resolved per document. */
class AttachedImagesTest {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    private Element page(String markdown, Set<String> files) {
        String html = AttachedImages.resolve(renderer.render(markdown).html(), "/d/plan/files/", files::contains);
        return Jsoup.parseBodyFragment(html).body();
    }

    @Test
    void aFileNameResolvesToTheDocumentsFileRoute() {
        Element body = page("""
                ![flow](diagram.png "The flow") and ![b](./b%20c.svg)

                <img alt="raw" src="raw.gif">
                """, Set.of("diagram.png", "b c.svg", "raw.gif"));
        assertThat(body.select("img").eachAttr("src"))
                .containsExactly("/d/plan/files/diagram.png", "/d/plan/files/b%20c.svg", "/d/plan/files/raw.gif");
        assertThat(body.select("img").first().attr("alt")).isEqualTo("flow");
        assertThat(body.select("img").first().attr("title")).isEqualTo("The flow");
        assertThat(body.select("span.missing-file")).isEmpty();
    }

    @Test
    void aMissingFileShowsItsAltTextVisibly() {
        Element body = page("See ![the flow & \"more\" > less](gone.png) here.\n", Set.of());
        assertThat(body.select("img")).isEmpty();
        Element missing = body.selectFirst("span.missing-file");
        assertThat(missing).isNotNull();
        assertThat(missing.text()).isEqualTo("the flow & \"more\" > less");
        assertThat(missing.attr("title")).contains("gone.png");
        assertThat(body.text()).isEqualTo("See the flow & \"more\" > less here.");
    }

    @Test
    void pathsQueriesAndOtherSchemesAreNotFiles() {
        Element body = page("""
                ![a](../secret.png) ![b](dir/x.png) ![c](x.png?download) ![d](/v1/documents/x)
                ![e](javascript:alert(1)) ![f](mcq-attached-file/../x.png) ![g](%2e%2e%2fx.png)
                <img src="mcq-attached-file/a/y.png" alt="forged">
                """, Set.of("secret.png", "x.png", "y.png"));
        assertThat(body.select("img")).isEmpty();
        assertThat(body.html()).doesNotContain(AttachedImages.PLACEHOLDER).doesNotContain("/d/plan/files/");
    }

    @Test
    void aPlaceholderWrittenByTheDocumentOnlyNamesItsOwnFile() {
        Element body = page("<img src=\"mcq-attached-file/x.png\" alt=\"own\">\n", Set.of("x.png"));
        assertThat(body.select("img").eachAttr("src")).containsExactly("/d/plan/files/x.png");
    }

    @Test
    void withoutPlaceholdersTheHtmlIsReturnedAsIs() {
        String html = renderer.render("# Plain\n\n![web](https://example.com/a.png)\n").html();
        assertThat(AttachedImages.resolve(html, "/d/plan/files/", name -> true)).isSameAs(html);
    }
}
