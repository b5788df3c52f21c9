package net.metacircular.mcq.webserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import net.metacircular.mcq.http.Json;
import net.metacircular.mcq.mcp.McpSurface;
import net.metacircular.mcq.mcp.McqTools;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review loop in a real browser, on a desktop (1440 px) and on a phone
 * (390 px, touch): alice selects a sentence and comments, suggests a
 * replacement for another, asks to delete a third, adds a general comment and
 * requests changes. The agent is an MCP client on /mcp: it pushes the plan,
 * is already waiting (wait_for_feedback) before alice starts, gets exactly
 * those points back, replies to one comment (reply_to_comment) and pushes
 * revision 2 (push_document) that fixes two points; the changes view
 * shows last round's comments on their passages (the deleted one outdated,
 * on the removed text) and whether each was answered; alice resolves them
 * and approves, which ends the agent's next wait with approved. A comment
 * being typed survives a dropped connection and a reload.
 */
class ReviewBrowserTest extends BrowserTest {

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

    @BeforeAll
    static void start() throws IOException {
        chrome.signInAsAlice(mcq);
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
        try (Agent agent = new Agent()) {
            reviewLoop(agent, slug, width, phone);
        }
    }

    private void reviewLoop(Agent agent, String slug, String width, boolean phone) {
        assertThat(agent.push(slug, REVISION_1)).isEqualTo(1);
        // The agent waits for the verdict before the reviewer has even opened the plan.
        CompletableFuture<JsonNode> firstRound = agent.waitForFeedback(slug, 1);
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
        assertThat(firstRound).as("comments alone do not end the agent's wait").isNotDone();
        chrome.driver.findElement(By.id("request-changes")).click();
        chrome.waiting().until(ExpectedConditions.textToBe(By.id("review-status"), "Changes requested"));

        // The agent's side: its wait returns with exactly those points, quotes and lines.
        JsonNode feedback = Agent.answer(firstRound);
        assertThat(feedback.path("pending").asBoolean()).isFalse();
        assertThat(feedback.path("revision").asLong()).isEqualTo(1);
        assertThat(feedback.path("status").asText()).isEqualTo("changes_requested");
        assertThat(feedback.path("verdict").path("summary").asText()).isEqualTo("Three points, see the comments.");
        assertThat(feedback.path("comments")).hasSize(4);
        JsonNode onPilot = comment(feedback, PILOT);
        assertThat(onPilot.path("kind").asText()).isEqualTo("comment");
        assertThat(onPilot.path("start_line").asInt()).isEqualTo(3);
        assertThat(onPilot.path("end_line").asInt()).isEqualTo(3);
        assertThat(onPilot.path("prefix").asText()).isEqualTo("We start with");
        assertThat(onPilot.path("text").asText()).isEqualTo("How many people are in the pilot?");
        JsonNode onDate = comment(feedback, DATE);
        assertThat(onDate.path("kind").asText()).isEqualTo("replacement");
        assertThat(onDate.path("replacement").asText()).isEqualTo("every office by September");
        assertThat(onDate.path("start_line").asInt()).isEqualTo(5);
        assertThat(onDate.path("end_line").asInt()).isEqualTo(5);
        JsonNode onBilling = comment(feedback, BILLING);
        assertThat(onBilling.path("kind").asText()).isEqualTo("deletion");
        assertThat(onBilling.path("start_line").asInt()).isEqualTo(7);
        assertThat(onBilling.path("end_line").asInt()).isEqualTo(7);
        JsonNode general = comment(feedback, null);
        assertThat(general.path("kind").asText()).isEqualTo("comment");
        assertThat(general.path("text").asText()).isEqualTo("Add who signs off on the pilot.");
        assertThat(general.path("start_line").isNull()).isTrue();

        JsonNode reply = agent.reply(slug, onPilot.path("id").asLong(), "Eight people; added the length too.");
        assertThat(reply.path("author").asText()).isEqualTo(TestMcq.SYSTEM_ACCOUNT);
        assertThat(agent.push(slug, REVISION_2)).isEqualTo(2);
        CompletableFuture<JsonNode> secondRound = agent.waitForFeedback(slug, 2);

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
            WebElement resolve = threadQuoting(quote).findElement(By.cssSelector("button.resolve-button"));
            // Mid-screen, as a reader would scroll it: at the window's edge the change navigation covers it.
            chrome.js("arguments[0].scrollIntoView({block: 'center'})", resolve);
            resolve.click();
            chrome.waiting().until(d -> threadQuoting(quote).getAttribute("class").contains("is-resolved"));
        }
        JsonNode after = TestMcq.json(mcq.get("/v1/documents/" + slug + "/comments?revision=2", mcq.systemToken()));
        for (String quote : new String[] {PILOT, DATE, BILLING}) {
            assertThat(comment(after, quote).path("resolved").asBoolean()).as(quote).isTrue();
        }

        // Approve revision 2 from the reader.
        openReader(slug);
        assertThat(chrome.driver.findElement(By.id("review-status")).getText()).isEqualTo("Review pending");
        assertThat(secondRound).as("resolving comments does not end the agent's wait").isNotDone();
        chrome.driver.findElement(By.id("approve")).click();
        chrome.waiting().until(ExpectedConditions.textToBe(By.id("review-status"), "Approved"));
        JsonNode approved = Agent.answer(secondRound);
        assertThat(approved.path("pending").asBoolean()).isFalse();
        assertThat(approved.path("status").asText()).isEqualTo("approved");
        assertThat(approved.path("revision").asLong()).isEqualTo(2);
        assertThat(approved.path("verdict").path("verdict").asText()).isEqualTo("approve");
        chrome.driver.get(mcq.baseUrl() + "/");
        assertThat(chrome.driver.findElement(By.cssSelector("li.doc[data-slug='" + slug + "'] .review-badge"))
                .getText()).isEqualTo("Approved");
    }

    /**
     * The agent: an MCP client on /mcp with the system account's token, as a
     * coding agent would connect. Waits carry a progress token, so the server's
     * progress notifications keep the long request alive while alice reviews.
     */
    private static final class Agent implements AutoCloseable {

        /** Longer than any round of the review above takes; the wait ends at the verdict, not here. */
        private static final int WAIT_SECONDS = 180;

        private final McpSyncClient client;
        private int waits;

        Agent() {
            String token = mcq.systemToken();
            HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(mcq.baseUrl())
                    .endpoint(McpSurface.PATH)
                    .addHttpRequestCustomizer((request, method, uri, body, context) ->
                            request.header("Authorization", "Bearer " + token))
                    .build();
            client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(WAIT_SECONDS + 30)).build();
            client.initialize();
        }

        /** push_document; returns the revision the push made. */
        long push(String slug, String body) {
            return structured(call(McqTools.PUSH_DOCUMENT,
                    Map.of("slug", slug, "title", "Launch plan", "body", body))).path("revision").asLong();
        }

        /** wait_for_feedback on a revision, started now and answered in the background. */
        CompletableFuture<JsonNode> waitForFeedback(String slug, long revision) {
            McpSchema.CallToolRequest request = McpSchema.CallToolRequest.builder(McqTools.WAIT_FOR_FEEDBACK)
                    .arguments(Map.of("slug", slug, "revision", revision, "timeout_seconds", WAIT_SECONDS))
                    .progressToken("wait-" + slug + "-" + (++waits))
                    .build();
            return CompletableFuture.supplyAsync(() -> structured(checked(client.callTool(request))));
        }

        /** reply_to_comment; returns the reply. */
        JsonNode reply(String slug, long commentId, String text) {
            return structured(call(McqTools.REPLY_TO_COMMENT,
                    Map.of("slug", slug, "comment_id", commentId, "text", text)));
        }

        /** A wait's feedback, once the verdict has been given: it follows within seconds. */
        static JsonNode answer(CompletableFuture<JsonNode> wait) {
            try {
                return wait.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("the agent's wait_for_feedback did not return after the verdict", e);
            }
        }

        private CallToolResult call(String tool, Map<String, Object> arguments) {
            return checked(client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build()));
        }

        private static CallToolResult checked(CallToolResult result) {
            assertThat(result.isError()).as(result.toString()).isFalse();
            return result;
        }

        private static JsonNode structured(CallToolResult result) {
            return Json.MAPPER.valueToTree(result.structuredContent());
        }

        @Override
        public void close() {
            client.closeGracefully();
        }
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
