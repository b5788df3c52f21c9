package net.metacircular.mcq.webserver;

import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reviewer's path through MCQ in a real browser: sign in with the
 * password form against the development MCIAS, find a document pushed over
 * the REST API, read it with its table of contents, mark it read and unread,
 * unqueue it, sign out.
 */
class ReaderBrowserTest extends BrowserTest {

    static String sample;

    @BeforeAll
    static void start() throws IOException {
        try (InputStream in = ReaderBrowserTest.class.getResourceAsStream("/web/platform-evolution.md")) {
            sample = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void signedOutOnADesktop() {
        chrome.desktop(1440, 900);
        chrome.colorScheme("light");
        chrome.driver.get(mcq.baseUrl() + "/login");
        chrome.driver.manage().deleteAllCookies();
    }

    private void push(String slug, String title, String body) {
        HttpResponse<String> response = mcq.push(slug, title, body, mcq.systemToken());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    }

    private void signInAsAlice() {
        chrome.signInAsAlice(mcq);
    }

    /** The text of the first match, once it is on the page (after a form post, the next page may still be loading). */
    private String text(String css) {
        return chrome.waiting().until(d -> {
            var found = d.findElements(By.cssSelector(css));
            return found.isEmpty() ? null : found.get(0).getText();
        });
    }

    @Test
    void signingInWithThePasswordFormOpensTheQueue() {
        chrome.driver.get(mcq.baseUrl() + "/");
        assertThat(chrome.driver.getCurrentUrl()).isEqualTo(mcq.baseUrl() + "/login");
        chrome.submitSignInForm(TestMcq.ALICE, TestMcq.ALICE_PASSWORD);
        chrome.waiting().until(ExpectedConditions.urlToBe(mcq.baseUrl() + "/"));
        assertThat(text("h1")).isEqualTo("Review queue");
        assertThat(text("header.site .who")).isEqualTo("alice");
    }

    @Test
    void aWrongPasswordIsReportedAsWrongCredentials() {
        chrome.driver.get(mcq.baseUrl() + "/login");
        chrome.submitSignInForm(TestMcq.ALICE, "not-the-password");
        assertThat(text(".error")).isEqualTo(SignIn.WRONG_CREDENTIALS);
        assertThat(chrome.driver.getCurrentUrl()).isEqualTo(mcq.baseUrl() + "/login");
        // The username is kept, the password is not.
        assertThat(chrome.driver.findElement(By.id("username")).getAttribute("value")).isEqualTo("alice");
        assertThat(chrome.driver.findElement(By.id("password")).getAttribute("value")).isEmpty();
        assertThat(chrome.driver.manage().getCookieNamed(Session.COOKIE)).isNull();
    }

    @Test
    void anAccountMciasRefusesForThisServiceIsToldSoNotThatItsPasswordIsWrong() {
        chrome.driver.get(mcq.baseUrl() + "/login");
        // mallory's password is right, but MCIAS allows mallory only on another service.
        chrome.submitSignInForm("mallory", "mallory-dev-password");
        assertThat(text(".error")).isEqualTo(SignIn.NOT_ALLOWED).isNotEqualTo(SignIn.WRONG_CREDENTIALS);
        assertThat(chrome.driver.manage().getCookieNamed(Session.COOKIE)).isNull();
    }

    @Test
    void signingInReturnsToThePageFirstAskedFor() {
        push("return-here", "Return here", "Some text.");
        chrome.driver.get(mcq.baseUrl() + "/d/return-here");
        assertThat(chrome.driver.getCurrentUrl()).isEqualTo(mcq.baseUrl() + "/login?next=%2Fd%2Freturn-here");
        chrome.submitSignInForm(TestMcq.ALICE, TestMcq.ALICE_PASSWORD);
        chrome.waiting().until(ExpectedConditions.urlToBe(mcq.baseUrl() + "/d/return-here"));
        assertThat(text(".doc-title")).isEqualTo("Return here");
    }

    @Test
    void theQueueShowsAPushedDocumentAsUnreadAndOpensIt() {
        push("queue-check", "Queue check", sample);
        signInAsAlice();
        WebElement row = chrome.driver.findElement(By.cssSelector("li.doc[data-slug='queue-check']"));
        assertThat(row.getAttribute("class")).contains("is-unread");
        assertThat(row.findElement(By.cssSelector(".state")).getText()).isEqualToIgnoringCase("unread");
        assertThat(row.findElement(By.cssSelector(".meta")).getText()).contains("queue-check").contains("ci-bot");
        WebElement time = row.findElement(By.tagName("time"));
        assertThat(time.getText()).isEqualTo("just now");
        assertThat(time.getAttribute("datetime")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(time.getAttribute("title")).isEqualTo(time.getAttribute("datetime"));

        row.findElement(By.cssSelector("a.doc-link")).click();
        chrome.waiting().until(ExpectedConditions.urlToBe(mcq.baseUrl() + "/d/queue-check"));
        assertThat(text(".doc-title")).isEqualTo("Queue check");
        assertThat(text("#read-state")).isEqualToIgnoringCase("unread");
        // The rendered document: a highlighted code block and the table.
        assertThat(chrome.driver.findElements(By.cssSelector("#content pre code .tok-keyword"))).isNotEmpty();
        assertThat(chrome.driver.findElements(By.cssSelector("#content table th"))).hasSize(4);
    }

    @Test
    void theTableOfContentsListsTheHeadingsAndTakesTheReaderToThem() {
        push("toc-check", "Platform evolution", sample);
        signInAsAlice();
        chrome.driver.get(mcq.baseUrl() + "/d/toc-check");

        List<String> entries = chrome.driver.findElements(By.cssSelector("#toc li a")).stream()
                .map(WebElement::getText).toList();
        // The opening h1 is the title (shown in the header), so the contents start below it.
        assertThat(entries).containsExactly("Where we are", "Goals", "Declarative service definitions",
                "One log stream", "Certificates with an owner", "Costs and risks", "Rollout plan", "Rollback",
                "Open questions");
        assertThat(chrome.driver.findElements(By.cssSelector("#content h1"))).allSatisfy(h ->
                assertThat(h.isDisplayed()).isFalse());

        assertThat(((Number) chrome.js("return window.scrollY")).doubleValue()).isZero();
        WebElement target = chrome.driver.findElement(By.linkText("Rollback"));
        target.click();
        chrome.waiting().until(d -> ((Number) chrome.js("return window.scrollY")).doubleValue() > 200);
        String id = target.getAttribute("href").substring(target.getAttribute("href").indexOf('#') + 1);
        double top = ((Number) chrome.js(
                "return document.getElementById(arguments[0]).getBoundingClientRect().top", id)).doubleValue();
        boolean atBottom = (Boolean) chrome.js("return window.innerHeight + window.scrollY"
                + " >= document.documentElement.scrollHeight - 2");
        // At the top of the window, unless the page ends before the heading can get there.
        assertThat(top).as("heading top after the jump").isBetween(0.0, atBottom ? 900.0 : 120.0);
        // The scroll highlighter marks the section now on screen.
        chrome.waiting().until(d -> target.getAttribute("class").contains("active"));
        assertThat(chrome.driver.findElements(By.cssSelector("#toc a.active"))).hasSize(1);
    }

    @Test
    void aShortDocumentHasNoTableOfContents() {
        push("short-doc", "Short", "## Only heading\n\nText.");
        signInAsAlice();
        chrome.driver.get(mcq.baseUrl() + "/d/short-doc");
        assertThat(chrome.driver.findElements(By.id("toc"))).isEmpty();
    }

    @Test
    void onAPhoneTheContentsFoldAboveTheTextAndWideContentScrollsInPlace() {
        String wide = sample
                + "\n| " + "column | ".repeat(14) + "\n|" + "---|".repeat(14) + "\n| " + "value | ".repeat(14) + "\n\n"
                + "```\n" + "a_very_long_identifier_".repeat(12) + "\n```\n\n"
                + "https://example.org/" + "a-long-path-segment/".repeat(10) + "\n";
        push("phone-toc", "Platform evolution", wide);
        signInAsAlice();
        chrome.phone(390, 844);
        try {
            chrome.driver.get(mcq.baseUrl() + "/d/phone-toc");
            WebElement toc = chrome.driver.findElement(By.id("toc"));
            WebElement article = chrome.driver.findElement(By.id("document"));
            assertThat(toc.getRect().getY()).isLessThan(article.getRect().getY());
            assertThat(toc.getAttribute("open")).isNull();
            // The page never scrolls sideways; the wide table and code line scroll inside their own boxes.
            assertThat(chrome.js("return document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
            for (String css : new String[] {"#content table", "#content pre"}) {
                WebElement box = chrome.driver.findElements(By.cssSelector(css)).get(
                        chrome.driver.findElements(By.cssSelector(css)).size() - 1);
                assertThat(chrome.js("return arguments[0].scrollWidth > arguments[0].clientWidth", box))
                        .as(css).isEqualTo(true);
                assertThat(box.getRect().getWidth()).as(css).isLessThanOrEqualTo(390);
            }
        } finally {
            chrome.desktop(1440, 900);
        }
    }

    @Test
    void markReadMarkUnreadAndUnqueueAfterConfirming() {
        push("actions-check", "Actions check", sample);
        signInAsAlice();
        chrome.driver.get(mcq.baseUrl() + "/d/actions-check");

        chrome.driver.findElement(By.cssSelector("#actions-top button.mark-read")).click();
        chrome.waiting().until(d -> text("#read-state").toLowerCase().startsWith("read"));
        assertThat(TestMcq.json(mcq.get("/v1/documents/actions-check", mcq.systemToken())).path("read").asBoolean())
                .isTrue();

        chrome.driver.findElement(By.cssSelector("#actions-top button.mark-unread")).click();
        chrome.waiting().until(d -> text("#read-state").equalsIgnoreCase("unread"));
        assertThat(TestMcq.json(mcq.get("/v1/documents/actions-check", mcq.systemToken())).path("read").asBoolean())
                .isFalse();

        // Dismissing the confirmation keeps the document.
        chrome.driver.findElement(By.cssSelector("#actions-top button.unqueue")).click();
        Alert ask = chrome.waiting().until(ExpectedConditions.alertIsPresent());
        assertThat(ask.getText()).contains("Unqueue").contains("Actions check");
        ask.dismiss();
        assertThat(chrome.driver.getCurrentUrl()).isEqualTo(mcq.baseUrl() + "/d/actions-check");
        assertThat(mcq.get("/v1/documents/actions-check", mcq.systemToken()).statusCode()).isEqualTo(200);

        chrome.driver.findElement(By.cssSelector("#actions-top button.unqueue")).click();
        chrome.waiting().until(ExpectedConditions.alertIsPresent()).accept();
        chrome.waiting().until(ExpectedConditions.urlToBe(mcq.baseUrl() + "/"));
        assertThat(chrome.driver.findElements(By.cssSelector("li.doc[data-slug='actions-check']"))).isEmpty();
        assertThat(mcq.get("/v1/documents/actions-check", mcq.systemToken()).statusCode()).isEqualTo(404);
    }

    @Test
    void signingOutEndsTheSessionAndTheOldCookieNoLongerWorks() {
        signInAsAlice();
        Cookie session = chrome.driver.manage().getCookieNamed(Session.COOKIE);
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");

        chrome.driver.findElement(By.cssSelector("header.site button.link")).click();
        chrome.waiting().until(ExpectedConditions.urlContains("/login"));
        assertThat(text(".notice")).isEqualTo(SignIn.SIGNED_OUT);
        assertThat(chrome.driver.manage().getCookieNamed(Session.COOKIE)).isNull();

        // Putting the old cookie back does not sign the browser in again: the token was revoked.
        chrome.driver.manage().addCookie(new Cookie(Session.COOKIE, session.getValue(), "/"));
        chrome.driver.get(mcq.baseUrl() + "/");
        assertThat(chrome.driver.getCurrentUrl()).isEqualTo(mcq.baseUrl() + "/login");
        // Nor does sending it from elsewhere.
        WebClient replay = new WebClient(mcq.baseUrl());
        replay.cookies.put(Session.COOKIE, session.getValue());
        HttpResponse<String> response = replay.get("/");
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(WebClient.location(response)).contains("/login");
    }

    @Test
    void screenshotsOfTheQueueAndTheReader() {
        push("platform-evolution", "Platform evolution", sample);
        push("incident-2026-11-14", "Incident review: certificate expiry on node 2",
                "# Incident review\n\nOn 14 November the certificate of node 2 expired.\n");
        push("runbook-backups", "Runbook: restoring a service from its nightly backup", "Steps.\n");
        signInAsAlice();
        chrome.driver.get(mcq.baseUrl() + "/d/runbook-backups");
        chrome.driver.findElement(By.cssSelector("#actions-top button.mark-read")).click();
        chrome.waiting().until(d -> text("#read-state").toLowerCase().startsWith("read"));

        chrome.driver.get(mcq.baseUrl() + "/");
        assertThat(chrome.screenshot("queue-1440")).exists();
        chrome.driver.get(mcq.baseUrl() + "/d/platform-evolution");
        chrome.screenshot("reader-1440");
        chrome.driver.findElement(By.linkText("Declarative service definitions")).click();
        chrome.screenshot("reader-code-1440");
        chrome.driver.findElement(By.linkText("Costs and risks")).click();
        chrome.screenshot("reader-table-1440");
        chrome.colorScheme("dark");
        chrome.driver.navigate().refresh();
        assertThat(chrome.js("return getComputedStyle(document.body).backgroundColor")).isEqualTo("rgb(22, 21, 19)");
        chrome.screenshot("reader-dark-1440");
        chrome.driver.findElement(By.linkText("One log stream")).click();
        chrome.screenshot("reader-dark-code-1440");
        chrome.colorScheme("light");

        chrome.phone(390, 844);
        try {
            chrome.driver.get(mcq.baseUrl() + "/");
            chrome.screenshot("queue-390");
            chrome.driver.get(mcq.baseUrl() + "/d/platform-evolution#doc-costs-and-risks");
            chrome.screenshot("reader-table-390");
            chrome.driver.get(mcq.baseUrl() + "/d/platform-evolution");
            chrome.screenshot("reader-390");
            chrome.colorScheme("dark");
            chrome.driver.navigate().refresh();
            chrome.screenshot("reader-dark-390");
        } finally {
            chrome.colorScheme("light");
            chrome.desktop(1440, 900);
        }
        chrome.driver.manage().deleteAllCookies();
        chrome.driver.get(mcq.baseUrl() + "/login");
        chrome.screenshot("login-1440");
        assertThatThrownBy(() -> chrome.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }
}
