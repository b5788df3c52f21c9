package net.metacircular.mcq.webserver;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live updates in real Chromium: open pages follow pushes made over REST,
 * without a reload, and find the server again after it restarts.
 */
class LiveUpdatesBrowserTest extends BrowserTest {

    /** The acceptance bound: a pushed document shows in an open queue within 2 s. */
    private static final Duration APPEARS_WITHIN = Duration.ofSeconds(2);

    @BeforeAll
    static void start() throws IOException {
        chrome.signInAsAlice(mcq);
    }

    private static WebDriverWait within(Duration bound) {
        return new WebDriverWait(chrome.driver, bound);
    }

    /** Waits until the page's event stream is open, so that a push made now is one it hears of. */
    private static void awaitStream() {
        within(Duration.ofSeconds(10)).until(driver -> "open".equals(chrome.js(
                "return document.documentElement.dataset.live")));
    }

    @Test
    void theQueueShowsANewDocumentAndItsCountAndTheReaderANewRevisionAndBothSurviveARestart() {
        mcq.push("live-first", "First", "one", mcq.systemToken());
        chrome.driver.get(mcq.baseUrl() + "/");
        assertThat(chrome.driver.getTitle()).startsWith("Queue (1)");
        awaitStream();

        mcq.push("live-second", "Second", "two", mcq.systemToken());
        within(APPEARS_WITHIN).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#queue li[data-slug='live-second']")));
        within(APPEARS_WITHIN).until(driver -> driver.getTitle().startsWith("Queue (2)"));
        assertThat(chrome.driver.findElement(By.cssSelector("#views a[data-view=unread] .count")).getText())
                .isEqualTo("2");

        chrome.driver.get(mcq.baseUrl() + "/d/live-first");
        awaitStream();
        assertThat(chrome.driver.findElements(By.id("live-notice"))).isEmpty();
        mcq.push("live-second", "Second", "two, changed", mcq.systemToken());
        mcq.push("live-first", "First", "one, changed", mcq.systemToken());
        within(APPEARS_WITHIN).until(ExpectedConditions.textToBePresentInElementLocated(By.id("live-notice"),
                "A new revision arrived"));
        assertThat(chrome.driver.findElement(By.cssSelector("#live-notice a")).getAttribute("href"))
                .endsWith("/d/live-first/changes");

        // A restart ends every stream; the page reconnects by itself and hears of the next push.
        chrome.driver.get(mcq.baseUrl() + "/");
        awaitStream();
        mcq = mcq.restartedOnSamePort();
        mcq.push("live-third", "Third", "three", mcq.systemToken());
        within(Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#queue li[data-slug='live-third']")));
        assertThat(chrome.driver.getCurrentUrl()).isEqualTo(mcq.baseUrl() + "/");
    }
}
