package net.metacircular.mcq.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The feature corpus: what a reviewer sees of each Markdown feature, checked
 * on the structure of the rendered HTML (parsed as a browser would) rather
 * than on exact strings.
 */
class MarkdownRendererTest {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    private Element body(String markdown) {
        return Jsoup.parseBodyFragment(renderer.render(markdown).html()).body();
    }

    @Nested
    class Headings {

        @Test
        void everyLevelGetsAnIdFromItsText() {
            Element body = body("""
                    # Getting Started!
                    ## Install *the* `mcq` CLI
                    ### Step 3: configure
                    #### Level four
                    ##### Level five
                    ###### Level six
                    """);

            assertThat(body.select("h1").attr("id")).isEqualTo("doc-getting-started");
            assertThat(body.select("h2").attr("id")).isEqualTo("doc-install-the-mcq-cli");
            assertThat(body.select("h3").attr("id")).isEqualTo("doc-step-3-configure");
            assertThat(body.select("h4").attr("id")).isEqualTo("doc-level-four");
            assertThat(body.select("h5").attr("id")).isEqualTo("doc-level-five");
            assertThat(body.select("h6").attr("id")).isEqualTo("doc-level-six");
        }

        @Test
        void headingsWithTheSameTextGetDistinctIds() {
            Element body = body("""
                    # Notes
                    ## Notes
                    ## Notes-1
                    ### Notes
                    """);

            assertThat(body.select("h1, h2, h3").eachAttr("id"))
                    .containsExactly("doc-notes", "doc-notes-1", "doc-notes-1-1", "doc-notes-2");
        }

        @Test
        void tableOfContentsListsLevelsOneToThreeWithIdsThatExistInTheHtml() {
            RenderedDocument document = renderer.render("""
                    # Review *plan*
                    Intro text.
                    ## Scope
                    ### Details with `code`
                    #### Too deep for the contents
                    ## Scope
                    """);

            assertThat(document.headings()).containsExactly(
                    new Heading(1, "doc-review-plan", "Review plan"),
                    new Heading(2, "doc-scope", "Scope"),
                    new Heading(3, "doc-details-with-code", "Details with code"),
                    new Heading(2, "doc-scope-1", "Scope"));
            Element body = Jsoup.parseBodyFragment(document.html()).body();
            for (Heading heading : document.headings()) {
                Element element = body.getElementById(heading.id());
                assertThat(element).as("element for %s", heading).isNotNull();
                assertThat(element.normalName()).isEqualTo("h" + heading.level());
            }
        }

        @Test
        void headingTextInTheContentsIsPlainTextWithoutMarkup() {
            RenderedDocument document = renderer.render("## Fix <b>bold</b> & <script>x()</script> **now**\n");

            assertThat(document.headings()).singleElement()
                    .extracting(Heading::text).isEqualTo("Fix bold & x() now");
        }

        @Test
        void setextHeadingsAndHeadingsWithoutLettersGetIds() {
            Element body = body("""
                    Title
                    =====

                    ## 🚀

                    ## !!!
                    """);

            assertThat(body.select("h1, h2").eachAttr("id"))
                    .containsExactly("doc-title", "doc-section", "doc-section-1");
        }

        @Test
        void rawHtmlCannotTakeAHeadingIdOrAddIdsOfItsOwn() {
            Element body = body("""
                    <h2 id="doc-intro">Fake</h2>
                    <div id="toc">page chrome</div>

                    # Intro
                    """);

            assertThat(body.select("[id]").eachAttr("id")).containsExactly("doc-intro");
            assertThat(body.getElementById("doc-intro").text()).isEqualTo("Intro");
        }

        @Test
        void sameDocumentLinksReachTheirHeadings() {
            Element body = body("""
                    See [installation](#installation) and <a href="#usage-notes">usage</a>.

                    ## Installation
                    ## Usage notes
                    """);

            for (Element link : body.select("a[href^=#]")) {
                String target = link.attr("href").substring(1);
                assertThat(body.getElementById(target)).as("target of %s", link).isNotNull();
            }
            assertThat(body.select("a[href^=#]")).hasSize(2);
        }

        @Test
        void headingTextThatLooksLikeAFootnoteIdDoesNotCollideWithFootnotes() {
            Element body = body("""
                    # fn-1
                    # fn:1

                    Claim[^1].

                    [^1]: Source.
                    """);

            List<String> ids = body.select("[id]").eachAttr("id");
            assertThat(ids).doesNotHaveDuplicates();
            assertThat(body.select("sup a").attr("href")).isEqualTo("#doc-fn:1");
            assertThat(body.getElementById("doc-fn:1").normalName()).isEqualTo("li");
        }
    }

    @Nested
    class Tables {

        @Test
        void tableHasHeaderBodyAndColumnAlignment() {
            Element body = body("""
                    | Name | Count | Note |
                    |:-----|------:|:----:|
                    | a    | 1     | ~~x~~ |
                    | b    | 22    | **y** |
                    """);

            Element table = body.selectFirst("table");
            assertThat(table).isNotNull();
            assertThat(table.select("thead > tr > th").eachText()).containsExactly("Name", "Count", "Note");
            assertThat(table.select("thead th").eachAttr("align")).containsExactly("left", "right", "center");
            assertThat(table.select("tbody > tr")).hasSize(2);
            assertThat(table.select("tbody > tr").get(1).select("td").eachText()).containsExactly("b", "22", "y");
            assertThat(table.select("tbody td del").text()).isEqualTo("x");
            assertThat(table.select("tbody td strong").text()).isEqualTo("y");
        }

        @Test
        void wideTableKeepsEveryColumn() {
            int columns = 40;
            StringBuilder markdown = new StringBuilder("|");
            for (int i = 0; i < columns; i++) {
                markdown.append(" column").append(i).append(" |");
            }
            markdown.append("\n|").append("---|".repeat(columns)).append("\n|");
            for (int i = 0; i < columns; i++) {
                markdown.append(" value-").append(i).append("-with-some-long-content |");
            }

            Element body = body(markdown.toString());

            assertThat(body.select("thead th")).hasSize(columns);
            assertThat(body.select("tbody td")).hasSize(columns);
            assertThat(body.select("tbody td").last().text()).isEqualTo("value-39-with-some-long-content");
        }
    }

    @Nested
    class InlineExtensions {

        @Test
        void strikethroughBecomesDel() {
            assertThat(body("This is ~~wrong~~ right.").select("p > del").text()).isEqualTo("wrong");
        }

        @Test
        void bareUrlsAndEmailAddressesBecomeLinks() {
            Element body = body("Visit https://example.com/docs or write to review@example.com.");

            Elements links = body.select("a");
            assertThat(links.eachAttr("href")).containsExactly(
                    "https://example.com/docs", "mailto:review@example.com");
            assertThat(links.get(0).text()).isEqualTo("https://example.com/docs");
        }

        @Test
        void linksToOtherSitesGetNoopenerNoreferrerButLocalLinksDoNot() {
            Element body = body("""
                    [web](https://example.com) [plain](http://example.com/x) [proto](//example.com/y)
                    [local](docs/other.md) [root](/queue) [frag](#x) [mail](mailto:a@example.com)
                    """);

            assertThat(body.select("a[rel]").eachText()).containsExactly("web", "plain", "proto");
            assertThat(body.select("a[rel]").eachAttr("rel")).allMatch(rel -> rel.equals("noopener noreferrer"));
            assertThat(body.select("a[target]")).isEmpty();
        }

        @Test
        void emphasisCodeSpansAndBreaks() {
            Element body = body("*em* **strong** `a < b` line  \nnext");

            assertThat(body.select("p > em").text()).isEqualTo("em");
            assertThat(body.select("p > strong").text()).isEqualTo("strong");
            assertThat(body.select("p > code").text()).isEqualTo("a < b");
            assertThat(body.select("p > br")).hasSize(1);
        }

        @Test
        void webImagesStayButImagesThatWouldRequestMcqItselfAreDropped() {
            Element body = body("""
                    ![chart](https://example.com/chart.png "Chart")
                    ![local](/api/documents/1/approve)
                    ![relative](img.png)
                    """);

            assertThat(body.select("img")).hasSize(2).first().satisfies(img -> {
                assertThat(img.attr("src")).isEqualTo("https://example.com/chart.png");
                assertThat(img.attr("alt")).isEqualTo("chart");
                assertThat(img.attr("title")).isEqualTo("Chart");
            });
            // A plain file name names an attached file: the page resolves it (AttachedImages).
            assertThat(body.select("img").get(1).attr("src")).isEqualTo(AttachedImages.PLACEHOLDER + "img.png");
        }
    }

    @Nested
    class Lists {

        @Test
        void taskListItemsRenderAsDisabledCheckboxes() {
            Element body = body("""
                    - [ ] write tests
                    - [x] push the document
                    - plain item
                    """);

            Element list = body.selectFirst("ul");
            assertThat(list.hasClass("contains-task-list")).isTrue();
            Elements tasks = list.select("> li.task-list-item");
            assertThat(tasks).hasSize(2);
            Elements boxes = list.select("input");
            assertThat(boxes).hasSize(2);
            assertThat(boxes).allSatisfy(box -> {
                assertThat(box.attr("type")).isEqualTo("checkbox");
                assertThat(box.hasAttr("disabled")).isTrue();
            });
            assertThat(boxes.get(0).hasAttr("checked")).isFalse();
            assertThat(boxes.get(1).hasAttr("checked")).isTrue();
            assertThat(tasks.get(1).text()).isEqualTo("push the document");
            assertThat(list.select("> li").get(2).hasClass("task-list-item")).isFalse();
        }

        @Test
        void nestedListsKeepTheirStructure() {
            Element body = body("""
                    1. first
                       - first.a
                         1. first.a.i
                       - first.b
                    2. second
                       > quoted in a list
                    """);

            Element outer = body.selectFirst("body > ol");
            assertThat(outer.select("> li")).hasSize(2);
            Element inner = outer.selectFirst("> li > ul");
            assertThat(inner.select("> li")).hasSize(2);
            assertThat(inner.select("> li > ol > li").text()).isEqualTo("first.a.i");
            assertThat(outer.select("> li").get(1).select("> blockquote").text()).isEqualTo("quoted in a list");
        }

        @Test
        void orderedListKeepsItsStartNumber() {
            assertThat(body("3. three\n4. four\n").select("ol").attr("start")).isEqualTo("3");
        }
    }

    @Nested
    class Footnotes {

        @Test
        void referencesAndBackLinksPointAtElementsThatExist() {
            Element body = body("""
                    A claim[^source] and another[^2], and the first again[^source].

                    [^source]: The source, with a [link](https://example.com).
                    [^2]: Second note.
                    """);

            Elements refs = body.select("sup.footnote-ref > a");
            assertThat(refs.eachText()).containsExactly("1", "2", "1");
            Element section = body.selectFirst("section.footnotes");
            assertThat(section).isNotNull();
            assertThat(section.select("ol > li")).hasSize(2);
            assertThat(section.select("ol > li").first().text()).startsWith("The source, with a link");

            Elements internalLinks = body.select("a[href^=#]");
            assertThat(internalLinks).hasSizeGreaterThanOrEqualTo(6);
            for (Element link : internalLinks) {
                String target = link.attr("href").substring(1);
                assertThat(body.getElementById(target)).as("target of %s", link.outerHtml()).isNotNull();
            }
            assertThat(body.select("[id]").eachAttr("id")).doesNotHaveDuplicates();
        }

        @Test
        void repeatedReferencesAndLabelsThatLookNumberedKeepDistinctIds() {
            Element body = body("""
                    x[^a] y[^a] z[^a-2] w[^A]

                    [^a]: First.
                    [^a-2]: Second.
                    """);

            assertThat(body.select("[id]").eachAttr("id")).doesNotHaveDuplicates().hasSize(6);
            for (Element link : body.select("a[href^=#]")) {
                assertThat(body.getElementById(link.attr("href").substring(1)))
                        .as("target of %s", link.outerHtml()).isNotNull();
            }
            assertThat(body.select("sup.footnote-ref > a").eachText()).containsExactly("1", "1", "2", "1");
        }

        @Test
        void labelsWithOddCharactersStillLink() {
            Element body = body("""
                    Odd[^a"b<c>] label.

                    [^a"b<c>]: Odd note.
                    """);

            String href = body.select("sup a").attr("href");
            Element target = body.getElementById(href.substring(1));
            assertThat(target).isNotNull();
            assertThat(target.text()).startsWith("Odd note.");
            assertThat(target.id()).matches("[A-Za-z0-9:_-]+");
        }
    }

    @Nested
    class Code {

        @Test
        void fencedCodeIsHighlightedOnTheServer() {
            Element body = body("""
                    ```java
                    // Approve the document
                    public int count = 42; String s = "ok";
                    ```
                    """);

            Element code = body.selectFirst("pre > code");
            assertThat(code.className()).isEqualTo("language-java");
            assertThat(code.select("span.tok-comment").text()).isEqualTo("// Approve the document");
            assertThat(code.select("span.tok-keyword").eachText()).contains("public");
            assertThat(code.select("span.tok-number").text()).isEqualTo("42");
            assertThat(code.select("span.tok-string").text()).isEqualTo("\"ok\"");
            assertThat(code.wholeText()).isEqualTo("// Approve the document\npublic int count = 42; String s = \"ok\";\n");
        }

        @Test
        void languageAliasesUseTheCanonicalClass() {
            Element body = body("```yml\nkey: 1\n```\n\n```TS\nconst x = 1;\n```\n");

            assertThat(body.select("pre > code").eachAttr("class"))
                    .containsExactly("language-yaml", "language-javascript");
        }

        @Test
        void markupInsideCodeIsShownAsTextNeverParsed() {
            String source = "<script>alert('x')</script>\n<img src=x onerror=alert(1)>\n</code></pre><b>out</b>\n";
            for (String fence : List.of("```html\n", "```\n", "```unknownlang\n")) {
                Element body = body(fence + source + "```\n");

                Element code = body.selectFirst("pre > code");
                assertThat(code.wholeText()).as(fence).isEqualTo(source);
                assertThat(body.select("script, img, b")).as(fence).isEmpty();
            }
        }

        @Test
        void unknownLanguageIsPlainEscapedTextWithItsClass() {
            Element code = body("```brainfuck\n+[>+<-]\n```\n").selectFirst("pre > code");

            assertThat(code.className()).isEqualTo("language-brainfuck");
            assertThat(code.children()).isEmpty();
            assertThat(code.wholeText()).isEqualTo("+[>+<-]\n");
        }

        @Test
        void unsafeLanguageWordGivesNoClassAndNoMarkup() {
            Element body = body("```\"><script>alert(1)</script>\nbody\n```\n");

            Element code = body.selectFirst("pre > code");
            assertThat(code.hasAttr("class")).isFalse();
            assertThat(code.wholeText()).isEqualTo("body\n");
            assertThat(body.select("script")).isEmpty();
        }

        @Test
        void longCodeLinesAreKeptWholeOnOneLine() {
            String longLine = "x = \"" + "a".repeat(5_000) + "\"";
            Element code = body("```python\n" + longLine + "\n```\n").selectFirst("pre > code");

            assertThat(code.wholeText()).isEqualTo(longLine + "\n");
            assertThat(code.select("span.tok-string").text()).hasSize(5_002);
        }

        @Test
        void indentedCodeBlocksAreEscapedPlainCode() {
            Element code = body("    if (a < b) { return; }\n").selectFirst("pre > code");

            assertThat(code.wholeText()).isEqualTo("if (a < b) { return; }\n");
        }
    }

    @Nested
    class RawHtml {

        @Test
        void harmlessExtrasAreKept() {
            Element body = body("""
                    <details open><summary>More</summary>

                    Hidden *text*.

                    </details>

                    Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, H<sub>2</sub>O, x<sup>2</sup>, <mark>note</mark>.

                    ---
                    """);

            assertThat(body.select("details > summary").text()).isEqualTo("More");
            assertThat(body.select("details").hasAttr("open")).isTrue();
            assertThat(body.select("details em").text()).isEqualTo("text");
            assertThat(body.select("kbd").eachText()).containsExactly("Ctrl", "C");
            assertThat(body.select("sub").text()).isEqualTo("2");
            assertThat(body.select("sup").text()).isEqualTo("2");
            assertThat(body.select("mark").text()).isEqualTo("note");
            assertThat(body.select("hr")).hasSize(1);
        }

        @Test
        void styleAndUnknownClassesAreRemovedButContentStays() {
            Element body = body("""
                    <p style="color:red" class="approve-button">Styled</p>
                    <span class="tok-keyword evil">kept token class</span>
                    """);

            assertThat(body.select("[style]")).isEmpty();
            assertThat(body.select("p").first().hasAttr("class")).isFalse();
            assertThat(body.select("p").first().text()).isEqualTo("Styled");
            assertThat(body.select("span").attr("class")).isEqualTo("tok-keyword");
        }

        @Test
        void disallowedElementsAreDroppedWithTheirDangerousPartsButTextRemains() {
            Element body = body("Before <iframe src=\"https://example.com\"></iframe><form><b>in form</b></form> after");

            assertThat(body.select("iframe, form")).isEmpty();
            assertThat(body.text()).contains("Before").contains("in form").contains("after");
        }

        @Test
        void checkboxesFromRawHtmlAreAlwaysDisabledAndOtherInputsAreRemoved() {
            Element body = body("<input type=\"checkbox\" checked> <input type=\"text\"> <input type=\"submit\">");

            assertThat(body.select("input")).singleElement().satisfies(box -> {
                assertThat(box.attr("type")).isEqualTo("checkbox");
                assertThat(box.hasAttr("disabled")).isTrue();
            });
        }
    }

    @Nested
    class Contract {

        @Test
        void emptyDocumentRendersToNothing() {
            RenderedDocument document = renderer.render("");

            assertThat(document.html()).isBlank();
            assertThat(document.headings()).isEmpty();
        }

        @Test
        void nullIsRejected() {
            assertThatThrownBy(() -> renderer.render(null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        void renderingIsDeterministicForTheSameInstance() {
            String markdown = "# A\n\ntext[^1]\n\n[^1]: n\n\n```go\nfunc main() {}\n```\n";

            assertThat(renderer.render(markdown)).isEqualTo(renderer.render(markdown));
        }

        @Test
        void oneRendererServesManyThreadsAtOnce() throws Exception {
            List<String> documents = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                documents.add("# Doc " + i + "\n\n## Part\n\n## Part\n\n- [x] item " + i
                        + "\n\n```java\nint n = " + i + ";\n```\n\nNote[^n].\n\n[^n]: Footnote " + i + "\n");
            }
            List<RenderedDocument> expected = documents.stream().map(renderer::render).toList();

            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int round = 0; round < 10; round++) {
                    for (int i = 0; i < documents.size(); i++) {
                        int index = i;
                        results.add(pool.submit(() ->
                                renderer.render(documents.get(index)).equals(expected.get(index))));
                    }
                }
                for (Future<Boolean> result : results) {
                    assertThat(result.get()).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void pathologicallyNestedDocumentsAreShownAsSourceInsteadOfFailing() throws Exception {
            List<String> hostile = List.of(
                    ">".repeat(20_000) + " deep quote <script>alert(1)</script>\n",
                    "- ".repeat(5_000) + "deep list\n",
                    "*".repeat(20_000) + "deep emphasis" + "*".repeat(20_000));
            List<RenderedDocument> results = new ArrayList<>();
            // A small stack, like a busy server thread's, must not change the outcome.
            Thread thread = new Thread(null, () -> hostile.forEach(m -> results.add(renderer.render(m))),
                    "small-stack", 512 * 1024);
            thread.start();
            thread.join();

            assertThat(results).hasSize(hostile.size());
            for (int i = 0; i < hostile.size(); i++) {
                Element body = Jsoup.parseBodyFragment(results.get(i).html()).body();
                assertThat(body.select("pre > code").first().wholeText()).isEqualTo(hostile.get(i));
                assertThat(body.select("script, blockquote")).isEmpty();
                assertThat(results.get(i).headings()).isEmpty();
            }
        }

        @Test
        void ordinaryNestingStillRenders() {
            Element body = body("> ".repeat(30) + "# Deep heading\n\n" + nestedList(30));

            assertThat(body.select("blockquote")).hasSize(30);
            assertThat(body.select("h1").text()).isEqualTo("Deep heading");
            assertThat(body.select("ul")).hasSize(30);
        }

        private static String nestedList(int depth) {
            StringBuilder list = new StringBuilder();
            for (int i = 0; i < depth; i++) {
                list.append("  ".repeat(i)).append("- level ").append(i).append('\n');
            }
            return list.toString();
        }

        @Test
        void separateRenderersProduceTheSameHtml() {
            // The marker that protects ids is per instance; it must never leak
            // into the output, so two instances agree on every document.
            String markdown = "# Title\n\n## Title\n\nx[^a]\n\n[^a]: note\n";

            String first = new MarkdownRenderer().render(markdown).html();
            String second = new MarkdownRenderer().render(markdown).html();

            assertThat(first).isEqualTo(second);
            Set<String> ids = Jsoup.parseBodyFragment(first).select("[id]").stream()
                    .map(Element::id).collect(Collectors.toCollection(HashSet::new));
            assertThat(ids).allMatch(id -> id.startsWith("doc-") && !id.contains("mcq"));
        }
    }
}
