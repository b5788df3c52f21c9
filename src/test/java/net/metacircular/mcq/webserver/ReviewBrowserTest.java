package net.metacircular.mcq.webserver;

import com.fasterxml.jackson.databind.JsonNode;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review loop in a real browser, on a desktop (1440 px) and on a phone
 * (390 px, touch): alice selects a sentence and comments, suggests a
 * replacement for another, asks to delete a third, adds a general comment and
 * requests changes; the agent reads the feedback over REST, replies to one
 * comment and pushes revision 2 that fixes two points; the changes view
 * shows last round's comments on their passages (the deleted one outdated,
 * on the removed text) and whether each was answered; alice resolves them
 * and approves. A comment being typed survives a dropped connection and a reload.
 */
class ReviewBrowserTest {

    static final String REVISION_1 = """
            # Launch plan

            We start with a small pilot in one team before anything else.

            The rollout covers every office by June at the latest.

            We will also rewrite the billing system during the launch.

            Questions go to the launch channel.
            """;

    /** Answers the pilot comment (more detail) and the deletion request; leaves the date as it was. */
    static final String REVISION_2 = """
            # Launch plan

            We start with a small pilot in one team before anything else. It runs for two weeks.

            Success means fewer than five support tickets a week.

            The rollout covers every office by June at the latest.

            Questions go to the launch channel.
            """;

    static final String PILOT = "a small pilot in one team";
    static final String DATE = "every office by June";
    static final String BILLING = "We will also rewrite the billing system during the launch.";

    @TempDir
    static Path dir;
    static TestMcq mcq;
    static Chrome chrome;

    @BeforeAll
    static void start() throws IOException {
        Chrome.assumeInstalled();
        mcq = TestMcq.start(Files.createDirectories(dir.resolve("mcq")));
        chrome = new Chrome(Files.createDirectories(dir.resolve("profile")));
        chrome.signInAsAlice(mcq);
    }

    @AfterAll
    static void stop() throws Exception {
        Chrome.closeAll(chrome, mcq);
    }

    @AfterEach
    void backToDesktop() {
        chrome.colorScheme("light");
        chrome.driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", false));
        chrome.desktop(1440, 900);
    }

    @Test
    void theReviewLoopOnADesktop() {
        chrome.desktop(1440, 900);
        chrome.colorScheme("light");
        reviewLoop("launch-desktop", "1440", false);
    }

    @Test
    void theReviewLoopOnAPhoneWithTouch() {
        chrome.phone(390, 844);
        chrome.driver.executeCdpCommand("Emulation.setTouchEmulationEnabled",
                Map.of("enabled", true, "maxTouchPoints", 5));
        chrome.colorScheme("light");
        reviewLoop("launch-phone", "390", true);
    }

    private void reviewLoop(String slug, String width, boolean phone) {
        push(slug, REVISION_1);
        openReader(slug);
        assertThat(chrome.driver.findElement(By.id("review-status")).getText()).isEqualTo("Review pending");

        // 1. A comment on a selected sentence. The first send fails (no connection): the text is kept.
        select(PILOT);
        chrome.driver.findElement(By.cssSelector("#comment-toolbar .toolbar-comment")).click();
        WebElement form = openForm();
        form.findElement(By.cssSelector("textarea.comment-input")).sendKeys("How many people are in the pilot?");
        offline(true);
        try {
            form.findElement(By.cssSelector("button.comment-submit")).click();
            chrome.waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector(".comment-form .form-status.is-error"), "kept in this browser"));
        } finally {
            offline(false);
        }
        chrome.driver.navigate().refresh();
        waitReady();
        WebElement restored = openForm();
        assertThat(restored.findElement(By.cssSelector("textarea.comment-input")).getAttribute("value"))
                .isEqualTo("How many people are in the pilot?");
        assertThat(restored.findElement(By.cssSelector(".quote")).getText()).isEqualTo(PILOT);
        chrome.screenshot("review-comment-form-" + width);
        restored.findElement(By.cssSelector("button.comment-submit")).click();
        WebElement pilot = threadQuoting(PILOT);
        assertThat(chrome.driver.findElements(By.cssSelector(".comment-form"))).isEmpty();
        assertThat(draftCount()).isZero();

        // 2. A suggested replacement.
        select(DATE);
        chrome.driver.findElement(By.cssSelector("#comment-toolbar .toolbar-replacement")).click();
        form = openForm();
        WebElement replacement = form.findElement(By.cssSelector("textarea.replacement-input"));
        assertThat(replacement.getAttribute("value")).isEqualTo(DATE);
        replacement.clear();
        replacement.sendKeys("every office by September");
        form.findElement(By.cssSelector("textarea.comment-input")).sendKeys("June is too soon for the far offices.");
        form.findElement(By.cssSelector("button.comment-submit")).click();
        threadQuoting(DATE);

        // 3. A deletion request; the toolbar is on screen for the screenshots.
        select(BILLING);
        chrome.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("comment-toolbar")));
        chrome.screenshot("review-commenting-" + width);
        chrome.colorScheme("dark");
        chrome.screenshot("review-commenting-dark-" + width);
        chrome.colorScheme("light");
        chrome.driver.findElement(By.cssSelector("#comment-toolbar .toolbar-deletion")).click();
        form = openForm();
        form.findElement(By.cssSelector("textarea.comment-input")).sendKeys("Out of scope for the launch.");
        form.findElement(By.cssSelector("button.comment-submit")).click();
        threadQuoting(BILLING);

        // Threads beside the text on a desktop, below their passage on a phone.
        WebElement pilotThread = threadQuoting(PILOT);
        WebElement paragraph = chrome.driver.findElement(By.cssSelector("#content > p[data-source-lines='3-3']"));
        Rectangle t = pilotThread.getRect();
        Rectangle p = paragraph.getRect();
        if (phone) {
            assertThat(t.getY()).isGreaterThanOrEqualTo(p.getY() + p.getHeight());
            assertThat(t.getX() + t.getWidth()).isLessThanOrEqualTo(390);
        } else {
            assertThat(t.getX()).isGreaterThanOrEqualTo(p.getX() + p.getWidth());
            assertThat(Math.abs(t.getY() - p.getY())).isLessThan(40);
        }
        assertThat(chrome.driver.findElements(By.cssSelector("#content mark.mcq-comment")))
                .extracting(WebElement::getText).contains(PILOT, DATE, BILLING);

        // 4. A general comment, 5. request changes with a summary.
        chrome.driver.findElement(By.id("general-text")).sendKeys("Add who signs off on the pilot.");
        chrome.driver.findElement(By.id("general-submit")).click();
        threadQuoting(null);
        chrome.driver.findElement(By.id("verdict-summary")).sendKeys("Three points, see the comments.");
        chrome.driver.findElement(By.id("request-changes")).click();
        chrome.waiting().until(ExpectedConditions.textToBe(By.id("review-status"), "Changes requested"));

        // The agent's side: the feedback has exactly those points, quotes and lines.
        JsonNode feedback = TestMcq.json(mcq.get("/v1/documents/" + slug + "/feedback", mcq.systemToken()));
        assertThat(feedback.path("status").asText()).isEqualTo("changes_requested");
        assertThat(feedback.path("verdict").path("summary").asText()).isEqualTo("Three points, see the comments.");
        assertThat(feedback.path("comments")).hasSize(4);
        JsonNode onPilot = comment(feedback, PILOT);
        assertThat(onPilot.path("kind").asText()).isEqualTo("comment");
        assertThat(onPilot.path("start_line").asInt()).isEqualTo(3);
        assertThat(onPilot.path("end_line").asInt()).isEqualTo(3);
        assertThat(onPilot.path("prefix").asText()).isEqualTo("We start with");
        JsonNode onDate = comment(feedback, DATE);
        assertThat(onDate.path("kind").asText()).isEqualTo("replacement");
        assertThat(onDate.path("replacement").asText()).isEqualTo("every office by September");
        assertThat(onDate.path("start_line").asInt()).isEqualTo(5);
        JsonNode onBilling = comment(feedback, BILLING);
        assertThat(onBilling.path("kind").asText()).isEqualTo("deletion");
        assertThat(onBilling.path("start_line").asInt()).isEqualTo(7);
        assertThat(comment(feedback, null).path("text").asText()).isEqualTo("Add who signs off on the pilot.");

        HttpResponse<String> reply = mcq.send("POST", "/v1/documents/" + slug + "/comments/"
                + onPilot.path("id").asLong() + "/replies", mcq.systemToken(), "application/json",
                "{\"text\":\"Eight people; added the length too.\"}");
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
        push(slug, REVISION_2);

        // The changes view: each comment on its passage, the deleted one outdated on the removed text.
        chrome.driver.get(mcq.baseUrl() + "/d/" + slug + "/changes?from=1&to=2");
        waitReady();
        WebElement pilotOnChanges = threadQuoting(PILOT);
        assertThat(wrapperBefore(pilotOnChanges).getAttribute("class")).contains("chg-mod");
        assertThat(wrapperBefore(pilotOnChanges).getAttribute("data-new-lines")).isEqualTo("3-3");
        assertThat(pilotOnChanges.getText()).contains("Answered").contains("Eight people");
        WebElement dateOnChanges = threadQuoting(DATE);
        assertThat(wrapperBefore(dateOnChanges).getAttribute("data-new-lines")).contains("7");
        assertThat(dateOnChanges.getText()).contains("Not answered");
        WebElement billingOnChanges = threadQuoting(BILLING);
        assertThat(wrapperBefore(billingOnChanges).getAttribute("class")).contains("chg-del");
        assertThat(billingOnChanges.getText()).contains("Outdated").contains("Not answered");
        assertThat(chrome.driver.findElements(By.cssSelector("#content .chg-mod mark.mcq-comment")))
                .extracting(WebElement::getText).contains(PILOT);
        chrome.driver.findElement(By.id("content")).findElement(By.cssSelector(".thread")).getLocation();
        chrome.screenshot("review-changes-" + width);
        chrome.colorScheme("dark");
        chrome.screenshot("review-changes-dark-" + width);
        chrome.colorScheme("light");

        // Resolve all three from the changes view.
        for (String quote : new String[] {PILOT, DATE, BILLING}) {
            threadQuoting(quote).findElement(By.cssSelector("button.resolve-button")).click();
            chrome.waiting().until(d -> threadQuoting(quote).getAttribute("class").contains("is-resolved"));
        }
        JsonNode after = TestMcq.json(mcq.get("/v1/documents/" + slug + "/comments?revision=2", mcq.systemToken()));
        for (String quote : new String[] {PILOT, DATE, BILLING}) {
            assertThat(comment(after, quote).path("resolved").asBoolean()).as(quote).isTrue();
        }

        // Approve revision 2 from the reader.
        openReader(slug);
        assertThat(chrome.driver.findElement(By.id("review-status")).getText()).isEqualTo("Review pending");
        chrome.driver.findElement(By.id("approve")).click();
        chrome.waiting().until(ExpectedConditions.textToBe(By.id("review-status"), "Approved"));
        JsonNode approved = TestMcq.json(mcq.get("/v1/documents/" + slug + "/feedback", mcq.systemToken()));
        assertThat(approved.path("status").asText()).isEqualTo("approved");
        assertThat(approved.path("revision").asLong()).isEqualTo(2);
        chrome.driver.get(mcq.baseUrl() + "/");
        assertThat(chrome.driver.findElement(By.cssSelector("li.doc[data-slug='" + slug + "'] .review-badge"))
                .getText()).isEqualTo("Approved");
    }

    private static void push(String slug, String body) {
        HttpResponse<String> response = mcq.push(slug, "Launch plan", body, mcq.systemToken());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    }

    private static void openReader(String slug) {
        chrome.driver.get(mcq.baseUrl() + "/d/" + slug);
        waitReady();
    }

    private static void waitReady() {
        chrome.waiting().until(d -> "true".equals(chrome.js(
                "return document.documentElement.getAttribute('data-review-ready')")));
    }

    /** Selects {@code text} in the document as a mouse drag or a long-press would leave it. */
    private static void select(String text) {
        Object found = chrome.js("""
                var text = arguments[0];
                var walker = document.createTreeWalker(document.getElementById('content'), NodeFilter.SHOW_TEXT);
                var node;
                while ((node = walker.nextNode())) {
                  if (node.parentNode.closest('.thread, .comment-form')) { continue; }
                  var at = node.nodeValue.indexOf(text);
                  if (at >= 0) {
                    node.parentNode.scrollIntoView({block: 'center'});
                    var range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + text.length);
                    var selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    return true;
                  }
                }
                return false;""", text);
        assertThat(found).as("text on the page: " + text).isEqualTo(true);
        chrome.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("comment-toolbar")));
    }

    private static WebElement openForm() {
        return chrome.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".comment-form")));
    }

    /** The thread of the comment quoting {@code quote} (null: the general comment), once the page shows it. */
    private static WebElement threadQuoting(String quote) {
        By thread = quote == null
                ? By.cssSelector(".general-threads .thread")
                : By.xpath("//article[contains(concat(' ', @class, ' '), ' thread ')][.//blockquote[@class='quote']"
                        + "[normalize-space(.)='" + quote + "']]");
        return chrome.waiting().until(d -> {
            if (!"true".equals(chrome.js("return document.documentElement.getAttribute('data-review-ready')"))) {
                return null;
            }
            return d.findElements(thread).stream().findFirst().orElse(null);
        });
    }

    /** The change wrapper a thread is placed on: after it on a phone, before it (level with it) beside the text. */
    private static WebElement wrapperBefore(WebElement thread) {
        boolean wide = (Boolean) chrome.js("return window.matchMedia('(min-width: 900px)').matches");
        String axis = wide ? "following-sibling" : "preceding-sibling";
        return thread.findElement(By.xpath(axis + "::div[contains(concat(' ', @class, ' '), ' chg ')][1]"));
    }

    private static long draftCount() {
        return (Long) chrome.js("""
                var n = 0;
                for (var i = 0; i < localStorage.length; i++) {
                  if (localStorage.key(i).indexOf('mcq-draft:') === 0) { n++; }
                }
                return n;""");
    }

    private static void offline(boolean offline) {
        chrome.driver.executeCdpCommand("Network.enable", Map.of());
        Map<String, Object> conditions = new HashMap<>();
        conditions.put("offline", offline);
        conditions.put("latency", 0);
        conditions.put("downloadThroughput", -1);
        conditions.put("uploadThroughput", -1);
        chrome.driver.executeCdpCommand("Network.emulateNetworkConditions", conditions);
    }

    private static JsonNode comment(JsonNode feedback, String quote) {
        for (JsonNode comment : feedback.path("comments")) {
            if (quote == null ? comment.path("quote").isNull() : quote.equals(comment.path("quote").asText())) {
                return comment;
            }
        }
        throw new AssertionError("no comment quoting " + quote + " in " + feedback);
    }
}
