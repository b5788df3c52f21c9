package net.metacircular.mcq.webserver;

import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A returning reviewer in a real browser: alice reads revision 1, a second
 * revision edits a heading, a paragraph, a list item, a table row and a code
 * block, removes a paragraph and adds one. The reader says what changed, the
 * changes view marks each block and the words inside, its raw diff is the
 * REST API's, the stepper moves from change to change, and the history lists
 * both revisions and compares them.
 */
class RevisionsBrowserTest extends BrowserTest {

    static final String SLUG = "release-plan";

    static final String REVISION_1 = """
            # Release plan

            This plan says what ships in the spring release and who carries each part.

            ## Scope

            The release covers the storage engine and the web reader for reviewers.

            - Migrate the database to the new schema
            - Update the documentation for operators
            - Notify the reviewers of the new queue

            | Component | Owner | Status |
            |---|---|---|
            | Storage | alice | ready |
            | Web reader | bob | draft |

            ```java
            int retries = 3;
            Duration wait = Duration.ofSeconds(2);
            ```

            This paragraph about the old deployment checklist goes away in the next revision.

            Questions go to the release channel.
            """;

    static final String REVISION_2 = """
            # Release plan

            This plan says what ships in the spring release and who carries each part.

            ## Scope and limits

            The release covers the storage engine, the command line and the web reader for reviewers.

            - Migrate the database to the new schema
            - Update the user documentation for operators
            - Notify the reviewers of the new queue

            | Component | Owner | Status |
            |---|---|---|
            | Storage | alice | ready |
            | Web reader | bob | in review |

            ```java
            int retries = 5;
            Duration wait = Duration.ofSeconds(2);
            ```

            Rollback is one command: restore the last snapshot and restart.

            Questions go to the release channel.
            """;

    @BeforeAll
    static void start() throws IOException {
        chrome.signInAsAlice(mcq);

        push(REVISION_1);
        // alice reads revision 1 in the reader.
        chrome.driver.get(mcq.baseUrl() + "/d/" + SLUG);
        assertThat(chrome.driver.findElements(By.id("changed-banner"))).isEmpty();
        chrome.driver.findElement(By.cssSelector("#actions-top button.mark-read")).click();
        chrome.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#read-state.is-read")));
        push(REVISION_2);
    }

    @BeforeEach
    void desktopLight() {
        chrome.desktop(1440, 900);
        chrome.colorScheme("light");
    }

    private static void push(String body) {
        HttpResponse<String> response = mcq.push(SLUG, "Release plan", body, mcq.systemToken());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    }

    private static void openChanges() {
        chrome.driver.get(mcq.baseUrl() + "/d/" + SLUG + "/changes");
        chrome.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("change-nav")));
    }

    /** The wrapper (the child of the changes content) that holds the first element matching {@code css}. */
    private static WebElement blockHolding(String css) {
        return chrome.driver.findElement(By.cssSelector("#content > .chg " + css))
                .findElement(By.xpath("ancestor::div[contains(concat(' ', @class, ' '), ' chg ')][1]"));
    }

    private static String kind(WebElement block) {
        String classes = block.getAttribute("class");
        for (String kind : List.of("chg-ins", "chg-mod", "chg-del", "chg-same")) {
            if (classes.contains(kind)) {
                return kind;
            }
        }
        return classes;
    }

    @Test
    void theReaderTellsTheReturningReviewerWhatChangedAndLinksToIt() {
        chrome.driver.get(mcq.baseUrl() + "/d/" + SLUG);
        WebElement banner = chrome.driver.findElement(By.id("changed-banner"));
        assertThat(banner.getText()).contains("Changed since you read revision 1").contains("now revision 2");
        // The line counts are the REST diff's.
        var diff = TestMcq.json(mcq.get("/v1/documents/" + SLUG + "/diff", mcq.aliceToken()));
        assertThat(banner.findElement(By.cssSelector(".count-add")).getText())
                .isEqualTo("+" + diff.get("lines_added").asInt());
        assertThat(banner.findElement(By.cssSelector(".count-del")).getText())
                .isEqualTo("−" + diff.get("lines_removed").asInt());
        assertThat(chrome.driver.findElement(By.id("history-link")).getAttribute("href"))
                .endsWith("/d/" + SLUG + "/history");
        chrome.screenshot("revisions-reader-banner-1440-light");

        chrome.driver.findElement(By.id("see-changes")).click();
        chrome.waiting().until(ExpectedConditions.urlContains("/d/" + SLUG + "/changes?from=1&to=2"));
        assertThat(chrome.driver.findElements(By.cssSelector("#content > .chg-mod"))).isNotEmpty();
    }

    @Test
    void theChangesViewMarksEachEditedBlockAndTheWordsInside() {
        openChanges();
        // The heading, paragraph, list item, table row and code block were edited in place.
        assertThat(kind(blockHolding("h2"))).isEqualTo("chg-mod");
        WebElement paragraph = blockHolding("p ins");
        assertThat(kind(paragraph)).isEqualTo("chg-mod");
        assertThat(paragraph.getText()).contains("command line");
        assertThat(paragraph.findElements(By.cssSelector("ins"))).extracting(WebElement::getText)
                .anySatisfy(t -> assertThat(t).contains("command"));
        assertThat(kind(chrome.driver.findElement(By.xpath(
                "//div[@id='content']/div[contains(@class,'chg')][.//li[contains(.,'user documentation')]]"))))
                .isEqualTo("chg-mod");
        WebElement row = chrome.driver.findElement(By.xpath(
                "//div[@id='content']/div[contains(@class,'chg')][.//td[contains(.,'in review')]]"));
        assertThat(kind(row)).isEqualTo("chg-mod");
        assertThat(row.findElements(By.cssSelector("del"))).extracting(WebElement::getText)
                .anySatisfy(t -> assertThat(t).contains("draft"));
        WebElement code = blockHolding("pre");
        assertThat(kind(code)).isEqualTo("chg-mod");
        assertThat(code.findElements(By.cssSelector("ins"))).extracting(WebElement::getText)
                .anySatisfy(t -> assertThat(t).contains("5"));
        // The removed paragraph is shown struck through; the new one is marked inserted.
        WebElement removed = chrome.driver.findElement(By.xpath(
                "//div[@id='content']/div[contains(@class,'chg')][contains(.,'old deployment checklist')]"));
        assertThat(kind(removed)).isEqualTo("chg-del");
        assertThat(removed.getCssValue("text-decoration-line")).contains("line-through");
        WebElement inserted = chrome.driver.findElement(By.xpath(
                "//div[@id='content']/div[contains(@class,'chg')][contains(.,'Rollback is one command')]"));
        assertThat(kind(inserted)).isEqualTo("chg-ins");
        // Unchanged text is there, unmarked.
        assertThat(kind(chrome.driver.findElement(By.xpath(
                "//div[@id='content']/div[contains(@class,'chg')][contains(.,'release channel')]"))))
                .isEqualTo("chg-same");
        assertThat(chrome.driver.findElement(By.id("change-counts")).getText()).contains("inserted", "changed",
                "removed");
    }

    @Test
    void theRawDiffIsTheUnifiedDiffOfTheRestApi() {
        openChanges();
        chrome.driver.findElement(By.id("show-raw")).click();
        chrome.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("raw-diff")));
        String shown = (String) chrome.js("return document.querySelector('#raw-diff code').textContent");
        var diff = TestMcq.json(mcq.get("/v1/documents/" + SLUG + "/diff?from=1&to=2", mcq.aliceToken()));
        assertThat(shown).isNotBlank().isEqualTo(diff.get("unified").asText());
        assertThat(chrome.driver.findElements(By.cssSelector("#raw-diff .dl-add"))).isNotEmpty();
        assertThat(chrome.driver.findElements(By.cssSelector("#raw-diff .dl-del"))).isNotEmpty();
        chrome.screenshot("revisions-raw-diff-1440-light");
        // And back, without script: the toggle is a link.
        chrome.driver.findElement(By.id("show-rendered")).click();
        chrome.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#content > .chg")));
    }

    @Test
    void keysAndButtonsMoveFromChangeToChange() {
        openChanges();
        List<String> ids = chrome.driver.findElements(By.cssSelector("#content > .chg[id]")).stream()
                .map(e -> e.getAttribute("id")).toList();
        assertThat(ids).hasSizeGreaterThanOrEqualTo(3).allSatisfy(id -> assertThat(id).matches(".*change-\\d+"));
        assertThat(ids.get(1)).endsWith("change-2");

        new Actions(chrome.driver).sendKeys("j").sendKeys("j").perform();
        chrome.waiting().until(d -> ids.get(1).equals(chrome.js("return document.activeElement.id")));
        assertThat(chrome.driver.getCurrentUrl()).endsWith("#" + ids.get(1));
        assertThat(chrome.driver.findElement(By.id("change-where")).getText()).isEqualTo("2 of " + ids.size());
        chrome.waiting().until(d -> inView(ids.get(1)));

        new Actions(chrome.driver).sendKeys("k").perform();
        chrome.waiting().until(d -> ids.get(0).equals(chrome.js("return document.activeElement.id")));

        // The on-screen buttons, as a tap on a phone.
        chrome.phone(390, 844);
        chrome.driver.findElement(By.id("next-change")).click();
        chrome.waiting().until(d -> ids.get(1).equals(chrome.js("return document.activeElement.id")));
        chrome.waiting().until(d -> inView(ids.get(1)));
        chrome.driver.findElement(By.id("prev-change")).click();
        chrome.waiting().until(d -> ids.get(0).equals(chrome.js("return document.activeElement.id")));
        WebElement next = chrome.driver.findElement(By.id("next-change"));
        assertThat(next.getSize().getHeight()).as("a tap target").isGreaterThanOrEqualTo(44);
    }

    @Test
    void withoutScriptTheStepperAndTheIndexAreLinksToTheChanges() {
        openChanges();
        List<String> ids = chrome.driver.findElements(By.cssSelector("#content > .chg[id]")).stream()
                .map(e -> e.getAttribute("id")).toList();
        // The same page with script turned off: the stepper and the index are anchors to the changes.
        chrome.driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", java.util.Map.of("value", true));
        try {
            openChanges();
            assertThat(chrome.driver.findElement(By.id("next-change")).getAttribute("href")).endsWith("#" + ids.get(0));
            assertThat(chrome.driver.findElements(By.cssSelector(".change-index a")))
                    .extracting(a -> a.getAttribute("href").replaceAll(".*#", ""))
                    .containsExactlyElementsOf(ids);
            chrome.driver.findElement(By.cssSelector(".change-index a:nth-of-type(2)")).click();
            chrome.waiting().until(ExpectedConditions.urlContains("#" + ids.get(1)));
            chrome.waiting().until(d -> inView(ids.get(1)));
        } finally {
            chrome.driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", java.util.Map.of("value", false));
        }
    }

    private static boolean inView(String id) {
        return Boolean.TRUE.equals(chrome.js("""
                const r = document.getElementById(arguments[0]).getBoundingClientRect();
                return r.top >= 0 && r.top < window.innerHeight;""", id));
    }

    @Test
    void theHistoryListsRevisionsAndComparesAnyTwo() {
        chrome.driver.get(mcq.baseUrl() + "/d/" + SLUG + "/history");
        List<WebElement> revisions = chrome.driver.findElements(By.cssSelector("#revisions > li"));
        assertThat(revisions).hasSize(2);
        assertThat(revisions.get(0).getText()).contains("Revision 2", "current", "ci-bot");
        assertThat(revisions.get(1).getText()).contains("Revision 1", "you read this");
        assertThat(revisions.get(0).findElement(By.cssSelector(".size")).getText()).matches("[+−±][0-9,]+ B");
        chrome.screenshot("revisions-history-1440-light");
        new Select(chrome.driver.findElement(By.id("compare-from"))).selectByValue("2");
        new Select(chrome.driver.findElement(By.id("compare-to"))).selectByValue("1");
        chrome.driver.findElement(By.cssSelector("#compare-form button[type=submit]")).click();
        chrome.waiting().until(ExpectedConditions.urlContains("/changes?from=2&to=1"));
        assertThat(chrome.driver.findElements(By.cssSelector("#content > .chg"))).isNotEmpty();
    }

    @Test
    void anOldRevisionIsReadableWithWhereItStands() {
        chrome.driver.get(mcq.baseUrl() + "/d/" + SLUG + "/r/1");
        assertThat(chrome.driver.findElement(By.id("revision-notice")).getText())
                .contains("Revision 1 of 2, pushed by ci-bot");
        assertThat(chrome.driver.findElement(By.id("content")).getText())
                .contains("old deployment checklist").doesNotContain("Rollback");
        assertThat(chrome.driver.findElement(By.id("see-current")).getAttribute("href"))
                .isEqualTo(mcq.baseUrl() + "/d/" + SLUG);
        assertThat(chrome.driver.findElement(By.id("see-changes")).getAttribute("href"))
                .endsWith("/d/" + SLUG + "/changes?from=1&to=2");
    }

    @Test
    void screenshotsOfTheChangesViewOnAPhoneAndADesktopInLightAndDark() throws IOException {
        for (String scheme : List.of("light", "dark")) {
            chrome.colorScheme(scheme);
            chrome.desktop(1440, 1500);
            openChanges();
            assertThat(chrome.js("return matchMedia('(prefers-color-scheme: dark)').matches"))
                    .isEqualTo(scheme.equals("dark"));
            assertThat(Files.size(chrome.screenshot("revisions-changes-1440-" + scheme))).isPositive();
            chrome.phone(390, 844);
            openChanges();
            // Nothing is wider than the phone: long code and tables scroll inside their blocks.
            assertThat(((Number) chrome.js("return document.documentElement.scrollWidth")).intValue())
                    .isLessThanOrEqualTo(390);
            assertThat(Files.size(chrome.screenshot("revisions-changes-390-" + scheme))).isPositive();
            chrome.desktop(1440, 900);
        }
    }
}
