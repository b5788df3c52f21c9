package net.metacircular.mcq.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChangesRendererTest {

    private static final ChangesRenderer CHANGES = new ChangesRenderer(new MarkdownRenderer());

    private static final String OLD = """
            # Release notes

            The service starts quickly and serves documents.

            Unchanged paragraph with a [link][home].

            - install the package
            - run the server
            - open the browser

            | Setting | Default |
            |---------|---------|
            | port    | 8080    |
            | threads | 4       |

            ```sh
            mcq server --config mcq.toml
            ```

            A paragraph that goes away entirely.

            [home]: https://example.com/
            """;

    private static final String NEW = """
            # Release notes for version two

            The service starts very quickly and serves documents.

            Unchanged paragraph with a [link][home].

            - install the package
            - run the server with the new flag
            - open the browser

            | Setting | Default |
            |---------|---------|
            | port    | 9090    |
            | threads | 4       |

            ```sh
            mcq server --config /etc/mcq.toml
            ```

            A brand new closing paragraph about something else.

            [home]: https://example.com/
            """;

    @Test
    void marksEachChangedBlockAndTheWordsInIt() {
        RenderedChanges changes = CHANGES.render(OLD, NEW);

        assertThat(changes.rendered()).isTrue();
        assertThat(changes.changed()).isEqualTo(5);
        assertThat(changes.inserted()).isEqualTo(1);
        assertThat(changes.removed()).isEqualTo(1);
        Document page = Jsoup.parseBodyFragment(changes.html());
        List<Element> wrappers = page.body().children();
        assertThat(wrappers).allMatch(e -> e.normalName().equals("div") && e.hasClass("chg"));
        assertThat(page.select("div.chg[id]")).extracting(Element::id)
                .containsExactly("change-1", "change-2", "change-3", "change-4", "change-5", "change-6", "change-7");
        assertThat(page.select("div.chg-mod h1 ins").text()).isEqualTo("for version two");
        assertThat(page.select("div.chg-mod h1").attr("id")).isEqualTo("doc-release-notes-for-version-two");
        assertThat(page.select("div.chg-mod p ins").text()).isEqualTo("very");
        assertThat(page.select("div.chg-mod li ins").text()).isEqualTo("with the new flag");
        Element row = page.selectFirst("div.chg-mod table");
        assertThat(row.select("thead")).isEmpty();
        assertThat(row.select("td del").text()).isEqualTo("8080");
        assertThat(row.select("td ins").text()).isEqualTo("9090");
        assertThat(page.select("div.chg-mod pre ins").text()).isEqualTo("/etc/");
        assertThat(page.select("div.chg-del").text()).isEqualTo("A paragraph that goes away entirely.");
        assertThat(page.select("div.chg-ins").text()).startsWith("A brand new closing paragraph");
        assertThat(page.select("div.chg-same a").attr("href")).isEqualTo("https://example.com/");
        assertThat(page.select("div.chg-same").text()).contains("Unchanged paragraph", "install the package");
    }

    @Test
    void anchorsKeepOneNamespaceAndRemovedBlocksKeepNoIds() {
        String old = "# Intro\n\nSee [the end](#end).\n\n# Old heading\n\n# End\n";
        String now = "# Intro\n\nSee [the end](#end) now.\n\n# End\n";

        Document page = Jsoup.parseBodyFragment(CHANGES.render(old, now).html());

        assertThat(page.select("a").attr("href")).isEqualTo("#doc-end");
        assertThat(page.select("h1[id]")).extracting(Element::id).containsExactly("doc-intro", "doc-end");
        assertThat(page.select("div.chg-del h1").attr("id")).isEmpty();
    }

    @Test
    void wrappersCarryTheirSourceLinesAndBlocksInsideDoNot() {
        String old = "# Title\n\nKept.\n\nGone paragraph.\n\nEdited text here.\n";
        String now = "# Title\n\nKept.\n\nEdited text there.\n\nNew one.\n";

        Document page = Jsoup.parseBodyFragment(CHANGES.render(old, now).html());

        assertThat(page.select("div.chg-same").eachAttr("data-new-lines")).containsExactly("1-3");
        assertThat(page.select("div.chg-del").eachAttr("data-old-lines")).containsExactly("5-5");
        assertThat(page.select("div.chg-mod").eachAttr("data-new-lines")).containsExactly("5-5");
        assertThat(page.select("div.chg-ins").eachAttr("data-new-lines")).containsExactly("7-7");
        assertThat(page.select("div.chg [data-source-lines]")).isEmpty();
        String forged = "<div data-new-lines=\"1-1\" data-old-lines=\"2-2\">x</div>\n";
        assertThat(Jsoup.parseBodyFragment(CHANGES.render("", forged).html())
                .select("div.chg *[data-new-lines], div.chg *[data-old-lines]")).isEmpty();
    }

    @Test
    void identicalRevisionsAreOneUnchangedPiece() {
        RenderedChanges changes = CHANGES.render(OLD, OLD);

        assertThat(changes.changeCount()).isZero();
        assertThat(Jsoup.parseBodyFragment(changes.html()).select("div.chg")).hasSize(1)
                .allMatch(e -> e.hasClass("chg-same"));
    }

    @Test
    void documentMarkupCannotPassForAChange() {
        String hostile = "<div class=\"chg chg-ins\" id=\"change-1\">fake</div>\n\ntext\n";

        Document page = Jsoup.parseBodyFragment(CHANGES.render("", hostile).html());

        assertThat(page.select("div.chg")).hasSize(2).allMatch(e -> e.parent() == page.body());
        assertThat(page.select("[id=change-1]")).hasSize(1);
    }

    @Test
    void beyondTheLimitsTheViewIsTheEscapedUnifiedDiff() {
        ChangesRenderer tight = new ChangesRenderer(new MarkdownRenderer(
                new RenderLimits(50, 1024 * 1024, Duration.ofSeconds(1))));
        String old = "# A\n\n" + "<script>alert(1)</script> line\n".repeat(40);

        RenderedChanges changes = tight.render(old, old + "\nmore <b>x</b>\n");

        assertThat(changes.rendered()).isFalse();
        assertThat(changes.unrendered()).isEqualTo(Unrendered.TOO_LARGE);
        assertThat(changes.inserted()).isEqualTo(1);
        assertThat(changes.html()).contains("+more &lt;b&gt;x&lt;/b&gt;").doesNotContain("<script", "<b>");
        assertThat(SafeHtmlCheck.problems(changes.html())).isEmpty();
    }

    static Stream<Named<Path>> payloads() throws Exception {
        return XssCorpusTest.payloads();
    }

    @ParameterizedTest(name = "{0} as new revision")
    @MethodSource("payloads")
    void payloadAsNewRevisionCannotRunScript(Path payload) throws IOException {
        String hostile = Files.readString(payload, StandardCharsets.UTF_8);
        String html = CHANGES.render(OLD, hostile + "\n\n" + NEW).html();
        assertThat(problemsBesidesChangeIds(html)).as("%s:%n%s", payload.getFileName(), html).isEmpty();
    }

    @ParameterizedTest(name = "{0} as old revision")
    @MethodSource("payloads")
    void payloadAsOldRevisionCannotRunScript(Path payload) throws IOException {
        String hostile = Files.readString(payload, StandardCharsets.UTF_8);
        String html = CHANGES.render(hostile + "\n\n" + OLD, NEW).html();
        assertThat(problemsBesidesChangeIds(html)).as("%s:%n%s", payload.getFileName(), html).isEmpty();
    }

    @ParameterizedTest(name = "{0} edited")
    @MethodSource("payloads")
    void payloadEditedIntoAChangedBlockCannotRunScript(Path payload) throws IOException {
        // Word marks go into the rendered payload itself.
        String hostile = Files.readString(payload, StandardCharsets.UTF_8);
        String html = CHANGES.render(hostile, hostile.replaceFirst("(\\w+)", "$1 edited")).html();
        assertThat(problemsBesidesChangeIds(html)).as("%s:%n%s", payload.getFileName(), html).isEmpty();
        String browserView = Jsoup.parseBodyFragment(html).body().html();
        String again = DocumentSanitizer.forChanges(TrustedIds.withRandomMarker()).sanitize(browserView);
        assertThat(Jsoup.parseBodyFragment(again).body().select("*").size())
                .isEqualTo(Jsoup.parseBodyFragment(browserView).body().select("*").size());
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void hostileRevisionsFinish() {
        // The reader's hostile documents that cost the diff most: many lines, a huge table,
        // deep nesting, one huge paragraph of markup; each as old and as new revision.
        Set<String> costly = Set.of("lines-of-a", "table-1000-by-1000", "deep-indented-list", "lt-a-80k",
                "long-link-labels", "crlf-lines");
        for (HostileDocuments.Hostile hostile : HostileDocuments.all()) {
            if (!costly.contains(hostile.name())) {
                continue;
            }
            RenderedChanges changes = CHANGES.render(hostile.markdown(), "# short\n\nnew text\n");
            assertThat(problemsBesidesChangeIds(changes.html())).isEmpty();
            RenderedChanges reverse = CHANGES.render("# short\n\nold text\n", hostile.markdown());
            assertThat(problemsBesidesChangeIds(reverse.html())).isEmpty();
        }
        String manyLines = IntStream.range(0, 50_000).mapToObj(i -> "line " + i + " of the old revision")
                .collect(Collectors.joining("\n\n"));
        String allDifferent = IntStream.range(0, 50_000).mapToObj(i -> "row " + i + " different entirely")
                .collect(Collectors.joining("\n\n"));
        assertThat(problemsBesidesChangeIds(CHANGES.render(manyLines, allDifferent).html())).isEmpty();
    }

    /**
     * The reader's check, after taking off the ids the changes view adds on
     * its own wrappers (which must be exactly those, and numbered).
     */
    static List<String> problemsBesidesChangeIds(String html) {
        Document page = Jsoup.parseBodyFragment(html);
        int number = 0;
        for (Element withId : page.select("[id^=change-]")) {
            assertThat(withId.normalName()).isEqualTo("div");
            assertThat(withId.parent()).isEqualTo(page.body());
            assertThat(withId.id()).isEqualTo("change-" + ++number);
            withId.removeAttr("id");
        }
        return SafeHtmlCheck.problems(page.body().html());
    }
}
