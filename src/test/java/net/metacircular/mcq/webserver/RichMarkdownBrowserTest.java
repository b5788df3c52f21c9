package net.metacircular.mcq.webserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The GitHub additions as a reviewer sees them in real Chromium: alerts styled
 * in both colour schemes, emoji, www links, diff colouring, and the copy
 * controls reader.js adds to headings and code blocks.
 */
class RichMarkdownBrowserTest extends BrowserTest {

    /** The five GitHub alerts, in order; the diagrams test's document carries them too. */
    static final String ALERTS = """
            > [!NOTE]
            > A note.

            > [!TIP]
            > A tip.

            > [!IMPORTANT]
            > Important.

            > [!WARNING]
            > A warning.

            > [!CAUTION]
            > Careful.

            """;

    private static final String DOCUMENT = """
            # Rich document

            ## Alerts

            """ + ALERTS + """
            > A plain quote.

            ## Extras

            Shipped :rocket: :white_check_mark:, see www.example.com.

            ```diff
            @@ -1,2 +1,2 @@
            -old line
            +new line
            ```
            """;

    @BeforeAll
    static void start() throws IOException {
        HttpResponse<String> response = mcq.push("rich", "Rich document", DOCUMENT, mcq.systemToken());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        chrome.signInAsAlice(mcq);
    }

    @BeforeEach
    void desktop() {
        chrome.desktop(1280, 900);
        chrome.colorScheme("light");
    }

    private void open() {
        chrome.driver.get(mcq.baseUrl() + "/d/rich");
        chrome.waiting().until(d -> !d.findElements(By.cssSelector("#content .copy-code")).isEmpty());
    }

    private String css(WebElement element, String property) {
        return element.getCssValue(property);
    }

    @Test
    void theFiveAlertsAreStyledBlocksInLightAndDark() {
        open();
        List<WebElement> alerts = chrome.driver.findElements(By.cssSelector("#content div.markdown-alert"));
        assertThat(alerts).hasSize(5);
        assertThat(alerts.stream().map(a -> a.findElement(By.cssSelector(".markdown-alert-title")).getText()))
                .containsExactly("Note", "Tip", "Important", "Warning", "Caution");
        assertThat(chrome.driver.findElements(By.cssSelector("#content blockquote"))).hasSize(1);

        List<String> light = alerts.stream().map(a -> css(a, "border-left-color")).toList();
        assertThat(light).doesNotHaveDuplicates();
        assertThat(light).allSatisfy(color -> assertThat(color).isNotEqualTo(
                css(chrome.driver.findElement(By.cssSelector("#content blockquote")), "border-left-color")));
        assertThat(css(alerts.get(0).findElement(By.cssSelector(".markdown-alert-title")), "color"))
                .isEqualTo(light.get(0));
        chrome.screenshot("alerts-light");

        chrome.colorScheme("dark");
        List<String> dark = chrome.driver.findElements(By.cssSelector("#content div.markdown-alert")).stream()
                .map(a -> css(a, "border-left-color")).toList();
        assertThat(dark).doesNotHaveDuplicates();
        for (int i = 0; i < dark.size(); i++) {
            assertThat(dark.get(i)).as("dark colour of alert %d", i).isNotEqualTo(light.get(i));
        }
        chrome.screenshot("alerts-dark");
    }

    @Test
    void emojiWwwLinksAndDiffLinesShow() {
        open();
        assertThat(chrome.driver.findElement(By.xpath("//*[@id='content']/p[contains(., 'Shipped')]")).getText())
                .contains("\uD83D\uDE80", "\u2705");
        WebElement link = chrome.driver.findElement(By.linkText("www.example.com"));
        assertThat(link.getAttribute("href")).isEqualTo("http://www.example.com/");
        WebElement inserted = chrome.driver.findElement(By.cssSelector("#content pre .tok-inserted"));
        WebElement deleted = chrome.driver.findElement(By.cssSelector("#content pre .tok-deleted"));
        assertThat(inserted.getText()).isEqualTo("+new line");
        assertThat(deleted.getText()).isEqualTo("-old line");
        assertThat(css(inserted, "background-color")).isNotEqualTo(css(deleted, "background-color"));
        assertThat(chrome.driver.findElement(By.cssSelector("#content pre .tok-meta")).getText())
                .isEqualTo("@@ -1,2 +1,2 @@");
    }

    @Test
    void headingLinksCopyTheSectionAddress() {
        open();
        recordClipboard();
        WebElement heading = chrome.driver.findElement(By.cssSelector("#content h2"));
        String id = heading.getAttribute("id");
        WebElement anchor = heading.findElement(By.cssSelector("a.heading-anchor"));
        // The icon adds no text to the heading, so quotes and the contents list stay clean.
        assertThat(heading.getText()).isEqualTo("Alerts");
        assertThat(anchor.getAttribute("aria-label")).isEqualTo("Copy the link to this section");

        chrome.js("arguments[0].click()", anchor);

        String copied = chrome.waiting().until(d -> (String) chrome.js("return window.copiedText"));
        assertThat(copied).isEqualTo(mcq.baseUrl() + "/d/rich#" + id);
        assertThat(chrome.driver.getCurrentUrl()).endsWith("#" + id);
    }

    @Test
    void codeBlocksHaveACopyButton() {
        open();
        recordClipboard();
        WebElement pre = chrome.driver.findElement(By.cssSelector("#content pre"));
        WebElement button = pre.findElement(By.cssSelector("button.copy-code"));
        assertThat(button.isDisplayed()).isTrue();
        // The button's label is drawn by the stylesheet: the code's text is unchanged.
        assertThat(pre.findElement(By.tagName("code")).getText()).startsWith("@@ -1,2 +1,2 @@");

        button.click();

        String copied = chrome.waiting().until(d -> (String) chrome.js("return window.copiedText"));
        assertThat(copied).isEqualTo("@@ -1,2 +1,2 @@\n-old line\n+new line\n");
        chrome.waiting().until(d -> button.getAttribute("class").contains("copied"));
    }

    @Test
    void theXssAuditAcceptsTheCopyButtonsButNoOtherButton() {
        open();
        assertThat((List<?>) chrome.js(XssBrowserTest.DOM_AUDIT, "content")).isEmpty();
        chrome.js("document.querySelector('#content p').appendChild(document.createElement('button'))");
        assertThat((List<?>) chrome.js(XssBrowserTest.DOM_AUDIT, "content")).hasSize(1);
        open();
        chrome.js("document.querySelector('#content .copy-code').setAttribute('formaction', 'x')");
        assertThat((List<?>) chrome.js(XssBrowserTest.DOM_AUDIT, "content")).isNotEmpty();
    }

    /**
     * Headless Chromium has no clipboard to read back, so the page's
     * clipboard writes are recorded where the test can see them.
     */
    private void recordClipboard() {
        chrome.js("window.copiedText = null;"
                + "navigator.clipboard.writeText = function (text) {"
                + "  window.copiedText = text; return Promise.resolve(); };");
    }
}
