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
                ![a](../secret.png) ![b](dir/../x.png) ![c](x.png?download) ![d](/v1/documents/x)
                ![e](javascript:alert(1)) ![f](mcq-attached-file/../x.png) ![g](%2e%2e%2fx.png)
                ![h](a//x.png) ![i](./a/./x.png) ![j](.git/x.png) ![k](a/b/c/d/e/x.png) ![l](a%5Cx.png)
                <img src="mcq-attached-file/../y.png" alt="forged">
                """, Set.of("secret.png", "x.png", "y.png", "a/x.png", "a/b/c/d/e/x.png"));
        assertThat(body.select("img")).isEmpty();
        assertThat(body.html()).doesNotContain(AttachedImages.PLACEHOLDER).doesNotContain("/d/plan/files/");
    }

    @Test
    void aPathIntoSubFoldersResolvesToTheFileOfThatName() {
        Element body = page("""
                ![a](img/flow.png) ![b](./img/my%20flow.png) ![c](./docs/img/x.svg) ![d](a/b/c/d/e.png)
                """, Set.of("img/flow.png", "img/my flow.png", "docs/img/x.svg", "a/b/c/d/e.png"));
        assertThat(body.select("img").eachAttr("src")).containsExactly("/d/plan/files/img/flow.png",
                "/d/plan/files/img/my%20flow.png", "/d/plan/files/docs/img/x.svg", "/d/plan/files/a/b/c/d/e.png");
    }

    @Test
    void theChangesViewShowsRemovedBlocksWithTheOlderRevisionsFiles() {
        String removed = renderer.render("![old](img/gone.png)\n").html();
        String same = renderer.render("![flow](flow.png)\n").html();
        String html = "<div class=\"chg chg-same\" data-new-lines=\"1-1\">" + same + "</div>\n"
                + "<div class=\"chg chg-del\" id=\"change-1\" data-old-lines=\"3-3\">" + removed + same + "</div>\n"
                + "<div class=\"chg chg-ins\" id=\"change-2\" data-new-lines=\"3-3\">" + same + "</div>\n";
        String resolved = AttachedImages.resolveChanges(html,
                new AttachedImages.Files("/d/plan/r/1/files/", Set.of("img/gone.png", "flow.png")::contains),
                new AttachedImages.Files("/d/plan/files/", Set.of("flow.png")::contains));
        Element body = Jsoup.parseBodyFragment(resolved).body();
        assertThat(body.select("img").eachAttr("src")).containsExactly("/d/plan/files/flow.png",
                "/d/plan/r/1/files/img/gone.png", "/d/plan/r/1/files/flow.png", "/d/plan/files/flow.png");
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
