package net.metacircular.mcq.webserver;

import com.sun.net.httpserver.HttpServer;
import net.metacircular.mcq.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

import java.awt.Color;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In real Chromium: an attached SVG full of script runs nothing, whether
 * shown in the reader or opened directly at its address. A control serves
 * the same bytes without MCQ's headers and sees the script run, so the test
 * can tell "blocked" from "never tried".
 */
class AttachmentsBrowserTest extends BrowserTest {

    /** Every way an SVG document runs script; each marks the root and calls the trap if it runs. */
    static final String HOSTILE = """
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
                 width="300" height="120"
                 onload="document.documentElement.setAttribute('data-ran', 'onload'); try { top.__xss('svg-onload') } catch (e) {}">
              <script>document.documentElement.setAttribute('data-ran', 'script');
                try { top.__xss('svg-script') } catch (e) {} try { alert('svg-script') } catch (e) {}</script>
              <a id="link" href="javascript:document.documentElement.setAttribute('data-ran','link');alert('svg-link')">
                <rect id="target" width="300" height="120" fill="#3a7"/>
              </a>
              <image href="x" onerror="document.documentElement.setAttribute('data-ran', 'onerror')" width="1" height="1"/>
            </svg>
            """;

    static HttpServer control;

    @BeforeAll
    static void start() throws IOException {
        chrome.trapScripts();
        chrome.signInAsAlice(mcq);
        assertThat(mcq.push("svg-doc", "SVG", "# SVG\n\n![hostile](hostile.svg)\n\n![flow](flow.png)\n",
                mcq.systemToken()).statusCode()).isEqualTo(201);
        byte[] svg = HOSTILE.getBytes(StandardCharsets.UTF_8);
        assertThat(mcq.sendBytes("PUT", "/v1/documents/svg-doc/files/hostile.svg", mcq.systemToken(),
                "image/svg+xml", svg).statusCode()).isEqualTo(201);
        assertThat(mcq.sendBytes("PUT", "/v1/documents/svg-doc/files/flow.png", mcq.systemToken(),
                "image/png", TestImages.png(Color.RED)).statusCode()).isEqualTo(201);

        // The control: the same SVG with none of MCQ's headers.
        control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        control.createContext("/hostile.svg", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "image/svg+xml");
            exchange.sendResponseHeaders(200, svg.length);
            exchange.getResponseBody().write(svg);
            exchange.close();
        });
        control.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (control != null) {
            control.stop(0);
        }
    }

    /**
     * Lets a loaded page run what it would. In the SVG as MCQ serves it no
     * script may run at all, not even this wait, which then only times out:
     * bounded at 2 s rather than the usual 10.
     */
    private static void settle() {
        chrome.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(2));
        try {
            ((JavascriptExecutor) chrome.driver).executeAsyncScript(XssBrowserTest.SETTLED);
        } catch (RuntimeException e) {
            // A dialog or a page without script; the checks that follow report what happened.
        } finally {
            chrome.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        }
    }

    private static String alertText() {
        try {
            String text = chrome.driver.switchTo().alert().getText();
            chrome.driver.switchTo().alert().dismiss();
            return text;
        } catch (NoAlertPresentException e) {
            return null;
        }
    }

    /** What the SVG's scripts wrote on its root, read through the DOM the browser built. */
    private static String ranMark() {
        WebElement root = chrome.driver.findElement(By.cssSelector("svg"));
        return root.getDomAttribute("data-ran");
    }

    @Test
    void withoutMcqsHeadersTheSameSvgRunsItsScript() {
        chrome.driver.get("http://127.0.0.1:" + control.getAddress().getPort() + "/hostile.svg");
        settle();
        String alert = alertText();
        assertThat(alert != null || ranMark() != null).as("the control's script ran").isTrue();
    }

    @Test
    void openedDirectlyTheSvgRunsNothingEvenWhenItsLinkIsClicked() {
        String url = mcq.baseUrl() + "/d/svg-doc/files/hostile.svg";
        chrome.driver.get(url);
        settle();
        assertThat(alertText()).as("a dialog opened").isNull();
        assertThat(ranMark()).as("script in the SVG ran").isNull();

        chrome.driver.findElement(By.id("target")).click();
        settle();
        assertThat(alertText()).as("a dialog opened after the click").isNull();
        assertThat(chrome.driver.getCurrentUrl()).isEqualTo(url);
        assertThat(ranMark()).as("the javascript: link ran").isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void inTheReaderTheImagesShowAndNothingRuns() {
        chrome.driver.get(mcq.baseUrl() + "/d/svg-doc");
        settle();
        assertThat(alertText()).as("a dialog opened").isNull();
        List<Object> calls = (List<Object>) chrome.js("return window.__xssCalls");
        assertThat(calls).as("trap calls").isEmpty();
        List<Object> loaded = (List<Object>) chrome.js("return Array.from(document.querySelectorAll('.markdown img'))"
                + ".map(img => img.getAttribute('src') + ' ' + (img.complete && img.naturalWidth > 0))");
        assertThat(loaded).containsExactly("/d/svg-doc/files/hostile.svg true", "/d/svg-doc/files/flow.png true");
    }
}
