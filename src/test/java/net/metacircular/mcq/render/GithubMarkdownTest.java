package net.metacircular.mcq.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What MCQ shows of the GitHub additions agents write: alerts, www links and
 * emoji shortcodes, checked on the structure of the rendered, sanitized HTML.
 */
class GithubMarkdownTest {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    private Element body(String markdown) {
        return Jsoup.parseBodyFragment(renderer.render(markdown).html()).body();
    }

    @Nested
    class Alerts {

        @ParameterizedTest
        @CsvSource({
            "NOTE, note, Note",
            "TIP, tip, Tip",
            "IMPORTANT, important, Important",
            "WARNING, warning, Warning",
            "CAUTION, caution, Caution",
            "note, note, Note",
        })
        void eachKindIsAStyledBlockWithItsTitle(String marker, String kind, String title) {
            Element body = body("> [!" + marker + "]\n> Read *this* first.\n> Second line.\n");

            Element alert = body.selectFirst("div.markdown-alert");
            assertThat(alert).isNotNull();
            assertThat(alert.classNames()).containsExactlyInAnyOrder("markdown-alert", "markdown-alert-" + kind);
            assertThat(alert.selectFirst("p.markdown-alert-title").text()).isEqualTo(title);
            assertThat(alert.select("p").get(1).text()).isEqualTo("Read this first. Second line.");
            assertThat(alert.select("em").text()).isEqualTo("this");
            assertThat(alert.text()).doesNotContain("[!");
            assertThat(body.select("blockquote")).isEmpty();
            assertThat(alert.attr("data-source-lines")).isEqualTo("1-3");
        }

        @Test
        void alertsKeepTheirBlocksListsAndCode() {
            Element body = body("""
                    > [!WARNING]
                    > Before you deploy:
                    >
                    > - back up
                    > - check `mcq status`
                    """);

            Element alert = body.selectFirst("div.markdown-alert-warning");
            assertThat(alert.select("li")).hasSize(2);
            assertThat(alert.select("code").text()).isEqualTo("mcq status");
        }

        @Test
        void plainQuotesAndUnknownMarkersStayQuotes() {
            Element body = body("""
                    > Just a quote.

                    > [!DANGER]
                    > Not a GitHub kind.

                    > [!NOTE] text on the marker's line

                    > Text first
                    > [!NOTE]
                    """);

            assertThat(body.select("div.markdown-alert")).isEmpty();
            assertThat(body.select("blockquote")).hasSize(4);
            assertThat(body.text()).contains("[!DANGER]", "[!NOTE] text on the marker's line");
        }

        @Test
        void rawHtmlCannotSmuggleOtherClassesNextToAlertOnes() {
            Element body = body("<div class=\"markdown-alert evil chg-ins\" onclick=\"x()\">hi</div>\n");

            Element div = body.selectFirst("div");
            assertThat(div.classNames()).containsExactly("markdown-alert");
            assertThat(div.hasAttr("onclick")).isFalse();
        }

        @Test
        void hostileContentInsideAnAlertIsSanitizedLikeAnywhereElse() {
            Element body = body("""
                    > [!CAUTION]
                    > <script>alert(1)</script>
                    >
                    > <img src=x onerror=alert(2)> [click](javascript:alert(3)) :bomb:
                    """);

            Element alert = body.selectFirst("div.markdown-alert-caution");
            assertThat(alert.select("script, a")).isEmpty();
            assertThat(alert.select("[onerror]")).isEmpty();
            // "x" names an attached file: the image stays, pointing at the placeholder the page resolves.
            assertThat(alert.select("img").eachAttr("src")).containsExactly(AttachedImages.PLACEHOLDER + "x");
            assertThat(alert.text()).isEqualTo("Caution click \uD83D\uDCA3");
        }

        @Test
        void alertsNestedInListsAreRecognisedToo() {
            Element body = body("- item\n\n  > [!TIP]\n  > Use the CLI.\n");

            assertThat(body.select("li div.markdown-alert-tip p").last().text()).isEqualTo("Use the CLI.");
        }
    }

    @Nested
    class WwwLinks {

        @Test
        void wwwAddressesBecomeExternalLinks() {
            Element link = body("See www.example.com/docs for more.").selectFirst("a");

            assertThat(link.attr("href")).isEqualTo("http://www.example.com/docs");
            assertThat(link.text()).isEqualTo("www.example.com/docs");
            assertThat(link.attr("rel")).isEqualTo("noopener noreferrer");
        }

        @Test
        void wwwInsideCodeStaysText() {
            assertThat(body("`www.example.com`").select("a")).isEmpty();
        }
    }

    @Nested
    class Emoji {

        @Test
        void commonShortcodesBecomeEmoji() {
            Element body = body("Shipped :rocket: and tested :white_check_mark: :+1: :tada: :warning:");

            assertThat(body.text()).isEqualTo("Shipped \uD83D\uDE80 and tested \u2705 \uD83D\uDC4D \uD83C\uDF89 \u26A0\uFE0F");
        }

        @Test
        void codeSpansCodeBlocksAndUnknownNamesKeepTheirColons() {
            Element body = body("""
                    `:rocket:` and :not_an_emoji: and 12:30:45

                    ```
                    :rocket:
                    ```
                    """);

            assertThat(body.select("code").get(0).text()).isEqualTo(":rocket:");
            assertThat(body.select("pre code").text()).isEqualTo(":rocket:");
            assertThat(body.select("p").text()).contains(":not_an_emoji:", "12:30:45");
        }

        @Test
        void adjacentShortcodesShareNoColon() {
            assertThat(EmojiShortcodes.replace(":x::rocket:")).isEqualTo("\u274C\uD83D\uDE80");
            assertThat(EmojiShortcodes.replace("a:b:rocket:")).isEqualTo("a:b\uD83D\uDE80");
        }

        @Test
        void emojiInLinkTextButNotInTheDestination() {
            Element link = body("[:rocket: launch](https://example.com/:rocket:)").selectFirst("a");

            assertThat(link.text()).isEqualTo("\uD83D\uDE80 launch");
            assertThat(link.attr("href")).isEqualTo("https://example.com/:rocket:");
        }
    }

    @Nested
    class NothingVanishes {

        @Test
        void linksWithDisallowedSchemesKeepTheirText() {
            Element body = body("Chat on [our channel](irc://irc.example.net/mcq) or <irc://irc.example.net/ops>.");

            assertThat(body.text()).isEqualTo("Chat on our channel or irc://irc.example.net/ops.");
            assertThat(body.select("a")).isEmpty();
        }

        @Test
        void aLinkDestinationWithALineBreakStaysVisibleText() {
            Element body = body("[link](<foo\nbar>) and <notatag attr> and <my-widget>x</my-widget>");

            assertThat(body.text()).isEqualTo("[link](<foo bar>) and <notatag attr> and x");
        }

        @Test
        void realHtmlElementsAreStillJudgedByTheSanitizer() {
            Element body = body("a <script>alert(1)</script> <iframe src=\"https://x\"></iframe> <kbd>K</kbd>");

            assertThat(body.select("script, iframe")).isEmpty();
            assertThat(body.text()).isEqualTo("a K");
            assertThat(body.select("kbd").text()).isEqualTo("K");
        }

        @Test
        void imagesThatAreNotLoadedShowTheirAltText() {
            Element body = body("""
                    ![the flow](../diagram.png) ![](docs/sequence.svg?v=2) ![x](javascript:alert(1))

                    <img src="http://plain.example/a.png" alt="clear text"> <img src="data:image/png;base64,AA">
                    """);

            assertThat(body.select("img")).isEmpty();
            assertThat(body.select("span.image-alt").eachText())
                    .containsExactly("the flow", "sequence.svg", "x", "clear text", "image");
            assertThat(body.select("span.image-alt").eachAttr("src")).isEmpty();
        }

        @Test
        void loadedImagesAreUnchanged() {
            Element image = body("![chart](https://example.com/chart.png \"Chart\")").selectFirst("img");

            assertThat(image.attr("src")).isEqualTo("https://example.com/chart.png");
            assertThat(image.attr("alt")).isEqualTo("chart");
            assertThat(body("![chart](https://example.com/chart.png)").select("span.image-alt")).isEmpty();
        }
    }
}
