package net.metacircular.mcq.webserver;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The installable web app in real Chromium: the manifest is installable, a
 * document opened once is read from the service worker while MCQ is down,
 * and after sign-out nothing of the session can be read from the browser.
 */
class PwaBrowserTest extends BrowserTest {

    private static final String KEPT_TEXT = "The words a reviewer reads on the train";

    /** Waits until the service worker controls the page, so that what the page loads next passes through it. */
    private static void awaitServiceWorker() {
        chrome.waiting().until(driver -> Boolean.TRUE.equals(chrome.js(
                "return !!navigator.serviceWorker.controller")));
    }

    /** Whether the service worker has kept the page at {@code path} for reading offline. */
    private static boolean kept(String path) {
        return Boolean.TRUE.equals(chrome.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                caches.match(new URL(arguments[0], location.href).href, {cacheName: 'mcq-pages'})
                    .then(hit => done(!!hit), () => done(false));
                """, path));
    }

    private static String text() {
        return chrome.driver.findElement(By.tagName("body")).getText();
    }

    @Test
    @SuppressWarnings("unchecked")
    void installableReadableOfflineAndForgottenAtSignOut() {
        chrome.driver.manage().timeouts().scriptTimeout(java.time.Duration.ofSeconds(10));
        mcq.push("kept-doc", "Kept offline", "# Kept offline\n\n" + KEPT_TEXT + ".\n", mcq.systemToken());
        mcq.push("never-opened", "Never opened", "Not read on this device.\n", mcq.systemToken());
        chrome.signInAsAlice(mcq);
        awaitServiceWorker();

        // Chromium's own verdict on the manifest and the app.
        Map<String, Object> manifest = chrome.driver.executeCdpCommand("Page.getAppManifest", Map.of());
        assertThat((String) manifest.get("url")).isEqualTo(mcq.baseUrl() + "/manifest.webmanifest");
        assertThat((List<Object>) manifest.get("errors")).isEmpty();
        assertThat((String) manifest.get("data")).contains("\"display\": \"standalone\"");
        Map<String, Object> installability = chrome.driver.executeCdpCommand("Page.getInstallabilityErrors",
                Map.of());
        assertThat((List<Object>) installability.get("installabilityErrors")).isEmpty();

        // A document opened once is kept, and read from the worker while MCQ is down.
        chrome.driver.get(mcq.baseUrl() + "/d/kept-doc");
        assertThat(text()).contains(KEPT_TEXT);
        chrome.waiting().until(driver -> kept("/d/kept-doc"));
        mcq.stop();

        chrome.driver.get(mcq.baseUrl() + "/d/kept-doc");
        assertThat(chrome.driver.findElement(By.cssSelector("h1.doc-title")).getText()).isEqualTo("Kept offline");
        assertThat(text()).contains(KEPT_TEXT);
        assertThat(chrome.driver.findElement(By.id("offline-banner")).isDisplayed()).isTrue();
        assertThat(chrome.driver.findElement(By.id("offline-banner")).getText())
                .startsWith("You are offline — this is the copy saved at ");
        chrome.screenshot("offline-reader-1440");

        // A page never opened: the offline page, which lists what was kept.
        chrome.driver.get(mcq.baseUrl() + "/d/never-opened");
        assertThat(chrome.driver.findElement(By.cssSelector("#offline-page h1")).getText())
                .isEqualTo("MCQ cannot be reached");
        chrome.waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#kept-list a[href='/d/kept-doc']")));
        assertThat(chrome.driver.findElement(By.cssSelector("#kept-list a[href='/d/kept-doc']")).getText())
                .isEqualTo("Kept offline");
        assertThat(text()).doesNotContain("Not read on this device");
        chrome.screenshot("offline-page-1440");

        // Back online: the page comes from MCQ again, without the banner.
        mcq = mcq.restartedOnSamePort();
        chrome.driver.get(mcq.baseUrl() + "/d/kept-doc");
        assertThat(text()).contains(KEPT_TEXT);
        assertThat(chrome.driver.findElements(By.id("offline-banner"))).isEmpty();
        // Storage that only the sign-out response's Clear-Site-Data removes (no script of MCQ touches it).
        chrome.js("localStorage.setItem('clear-site-data-probe', 'present')");

        // Sign-out through the page's own form.
        chrome.driver.findElement(By.cssSelector("header.site .account form button[type=submit]")).click();
        chrome.waiting().until(ExpectedConditions.urlToBe(mcq.baseUrl() + "/login?signed-out=1"));
        assertThat(chrome.js("return localStorage.getItem('clear-site-data-probe')")).isNull();
        assertThat(kept("/d/kept-doc")).isFalse();
        // The sign-in page registers the worker again: it is there, and has nothing to show.
        awaitServiceWorker();
        mcq.stop();

        chrome.driver.get(mcq.baseUrl() + "/d/kept-doc");
        assertThat(chrome.driver.findElement(By.cssSelector("#offline-page h1")).getText())
                .isEqualTo("MCQ cannot be reached");
        assertThat(chrome.driver.getPageSource()).doesNotContain(KEPT_TEXT);
        assertThat(chrome.driver.findElement(By.id("kept")).isDisplayed()).isFalse();
    }
}
