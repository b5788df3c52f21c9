package net.metacircular.mcq.webserver;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.UnhandledAlertException;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The XSS corpus as comment text, replacement text and replies: nothing runs
 * in the reader, the changes view or the queue, and every piece of comment
 * text reaches the page as text (no element inside it).
 */
class ReviewXssBrowserTest extends BrowserTest {

    static final String SLUG = "hostile-comments";
    static final String REVISION_1 = "# Hostile comments\n\nThe passage everyone comments on.\n\nA paragraph that goes.\n";
    static final String REVISION_2 = "# Hostile comments\n\nThe passage everyone comments on.\n\nA new paragraph.\n";

    /** Page parts that hold comment text: each must be text only. */
    static final String TEXT_AUDIT = """
            const found = [];
            document.querySelectorAll('.thread .comment-text, .thread .reply-text, .thread .replacement,'
                + ' .thread .quote, .thread .comment-by').forEach(e => {
              if (e.childElementCount > 0 && !e.classList.contains('comment-by')) {
                found.push(e.className + ': ' + e.innerHTML.slice(0, 80));
              }
            });
            document.querySelectorAll('.thread [onerror], .thread [onclick], .thread script, .thread img,'
                + ' .thread iframe, .thread svg').forEach(e => found.push('element ' + e.localName));
            return found;
            """;

    static int payloadCount;

    @BeforeAll
    static void start() throws Exception {
        chrome.trapScripts();
        chrome.signInAsAlice(mcq);

        push(REVISION_1);
        List<Path> payloads = XssBrowserTest.payloads();
        assertThat(payloads).hasSizeGreaterThanOrEqualTo(40);
        for (Path payload : payloads) {
            String text = Files.readString(payload, StandardCharsets.UTF_8);
            if (text.length() > 4000) {
                text = text.substring(0, 4000);
            }
            boolean onRemoved = payloadCount % 2 == 1;
            ObjectNode comment = JsonNodeFactory.instance.objectNode()
                    .put("kind", "replacement")
                    .put("quote", onRemoved ? "A paragraph that goes." : "passage everyone comments on")
                    .put("start_line", onRemoved ? 5 : 3)
                    .put("end_line", onRemoved ? 5 : 3)
                    .put("text", text)
                    .put("replacement", text);
            HttpResponse<String> added = mcq.send("POST", "/v1/documents/" + SLUG + "/comments", mcq.aliceToken(),
                    "application/json", comment.toString());
            assertThat(added.statusCode()).as(payload + ": " + added.body()).isEqualTo(201);
            long id = TestMcq.json(added).path("id").asLong();
            HttpResponse<String> reply = mcq.send("POST", "/v1/documents/" + SLUG + "/comments/" + id + "/replies",
                    mcq.systemToken(), "application/json",
                    JsonNodeFactory.instance.objectNode().put("text", text).toString());
            assertThat(reply.statusCode()).as(payload + ": " + reply.body()).isEqualTo(201);
            payloadCount++;
        }
        HttpResponse<String> general = mcq.send("POST", "/v1/documents/" + SLUG + "/review", mcq.aliceToken(),
                "application/json", "{\"verdict\":\"request_changes\",\"summary\":\"<img src=x onerror=__xss('s')>\"}");
        assertThat(general.statusCode()).as(general.body()).isEqualTo(200);
    }

    private static void push(String body) {
        HttpResponse<String> pushed = mcq.push(SLUG, "Hostile <b>comments</b>", body, mcq.systemToken());
        assertThat(pushed.statusCode()).as(pushed.body()).isIn(200, 201);
    }

    private static List<String> check(String path) {
        List<String> failures = new ArrayList<>();
        String url = mcq.baseUrl() + path;
        chrome.driver.get(url);
        try {
            ((JavascriptExecutor) chrome.driver).executeAsyncScript(XssBrowserTest.SETTLED);
        } catch (UnhandledAlertException | JavascriptException e) {
            // Reported below.
        }
        try {
            failures.add(path + ": a dialog is open: " + chrome.driver.switchTo().alert().getText());
            chrome.driver.switchTo().alert().dismiss();
            return failures;
        } catch (NoAlertPresentException expected) {
            // what should happen
        }
        if (!url.equals(chrome.driver.getCurrentUrl())) {
            failures.add(path + ": navigated to " + chrome.driver.getCurrentUrl());
            return failures;
        }
        List<?> calls = (List<?>) chrome.js("return window.__xssCalls || ['trap gone']");
        if (!calls.isEmpty()) {
            failures.add(path + ": script ran: " + calls);
        }
        List<?> findings = (List<?>) chrome.js(TEXT_AUDIT);
        if (!findings.isEmpty()) {
            failures.add(path + ": markup in comment text: " + findings);
        }
        return failures;
    }

    @Test
    void hostileCommentsRepliesAndReplacementsRunNothingInTheReader() {
        List<String> failures = check("/d/" + SLUG);
        assertThat(failures).isEmpty();
        chrome.waiting().until(d -> "true".equals(chrome.js(
                "return document.documentElement.getAttribute('data-review-ready')")));
        // Every comment is on the page (placed on its passage or listed), each with its reply.
        assertThat(chrome.driver.findElements(By.cssSelector(".thread"))).hasSize(payloadCount);
        assertThat(chrome.driver.findElements(By.cssSelector(".thread .reply-text"))).hasSize(payloadCount);
        assertThat(check("/d/" + SLUG)).isEmpty();
    }

    @Test
    void hostileCommentsRunNothingInTheChangesViewOrTheQueue() {
        push(REVISION_2);
        List<String> failures = new ArrayList<>(check("/d/" + SLUG + "/changes?from=1&to=2"));
        assertThat(chrome.driver.findElements(By.cssSelector(".thread"))).hasSize(payloadCount);
        failures.addAll(check("/"));
        assertThat(failures).isEmpty();
    }
}
