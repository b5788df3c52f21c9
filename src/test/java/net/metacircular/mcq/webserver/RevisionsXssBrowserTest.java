package net.metacircular.mcq.webserver;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.UnhandledAlertException;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The reader's hostile corpus (see {@link XssBrowserTest}) in the revision
 * pages: the changes view with every payload removed and inserted, its raw
 * diff, the history and an old revision, opened with the same trap and DOM
 * audit as the reader's test. Nothing may call the trap, open a dialog,
 * navigate away or leave markup that could run script.
 */
class RevisionsXssBrowserTest extends BrowserTest {

    private static final String HARMLESS = "# Notes\n\nA harmless paragraph about the plan.\n\n- one item\n";

    @BeforeAll
    static void start() throws IOException {
        chrome.trapScripts();
        chrome.signInAsAlice(mcq);
    }

    private static void push(String slug, String title, String body) {
        HttpResponse<String> pushed = mcq.push(slug, title, body, mcq.systemToken());
        assertThat(pushed.statusCode()).as(slug + ": " + pushed.body()).isIn(200, 201);
    }

    /**
     * Opens a page and reports what got through, or nothing.
     *
     * @param root   the id of the element holding document content, for the DOM audit
     * @param ownCss an element of the page's own that must still be there
     */
    private static void check(List<String> failures, String name, String path, String root, String ownCss) {
        String url = mcq.baseUrl() + path;
        chrome.driver.get(url);
        try {
            ((JavascriptExecutor) chrome.driver).executeAsyncScript(XssBrowserTest.SETTLED);
        } catch (UnhandledAlertException | JavascriptException e) {
            // A dialog opened or the page navigated away; reported below.
        }
        String where = name + " " + path;
        try {
            String text = chrome.driver.switchTo().alert().getText();
            failures.add(where + ": a dialog is open: " + text);
            chrome.driver.switchTo().alert().dismiss();
            return;
        } catch (NoAlertPresentException expected) {
            // what should happen
        }
        if (!url.equals(chrome.driver.getCurrentUrl())) {
            failures.add(where + ": the page navigated to " + chrome.driver.getCurrentUrl());
            return;
        }
        if (!Boolean.TRUE.equals(chrome.js(
                "return typeof window.__xss === 'function' && Array.isArray(window.__xssCalls)"))) {
            failures.add(where + ": the trap is gone (something replaced window.__xss)");
            return;
        }
        List<?> calls = (List<?>) chrome.js("return window.__xssCalls");
        if (!calls.isEmpty()) {
            failures.add(where + ": script ran: " + calls);
        }
        if (chrome.driver.findElements(By.id(root)).isEmpty()) {
            failures.add(where + ": no #" + root + " to audit");
        } else {
            List<?> findings = (List<?>) chrome.js(XssBrowserTest.DOM_AUDIT, root);
            if (!findings.isEmpty()) {
                failures.add(where + ": dangerous markup survived: " + findings);
            }
        }
        if (chrome.driver.findElements(By.cssSelector(ownCss)).isEmpty()) {
            failures.add(where + ": the page's own " + ownCss + " is missing");
        }
    }

    @Test
    void theAuditSeesMarkupInTheChangesView() {
        // A control for the audit: the changes view's own wrappers pass, a planted handler does not.
        push("xss-control", "Control", HARMLESS);
        push("xss-control", "Control", HARMLESS + "\nA new paragraph.\n");
        chrome.driver.get(mcq.baseUrl() + "/d/xss-control/changes");
        assertThat((List<?>) chrome.js(XssBrowserTest.DOM_AUDIT, "content")).isEmpty();
        chrome.js("document.querySelector('#content .chg').setAttribute('onclick', 'x')");
        assertThat((List<?>) chrome.js(XssBrowserTest.DOM_AUDIT, "content")).isNotEmpty();
    }

    /**
     * Each document goes from one payload to the next one in the corpus, so
     * every payload is shown once removed (as the old revision) and once
     * inserted or changed (as the new one) at one page load per payload. The
     * raw diff, the history and an old revision, which show the Markdown as
     * text or the titles, are opened once over every payload together.
     * (ChangesRendererTest holds each payload's HTML in each role to the
     * reader's safety check as well.)
     */
    @Test
    void noHostileRevisionRunsScriptInTheChangesViewHistoryOrOldRevision() throws Exception {
        List<Path> payloads = XssBrowserTest.payloads();
        assertThat(payloads).as("the render package's hostile corpus").hasSizeGreaterThanOrEqualTo(40);
        List<String> hostile = new ArrayList<>();
        for (Path payload : payloads) {
            hostile.add(Files.readString(payload, StandardCharsets.UTF_8));
        }
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            String name = payloads.get(i).getFileName().toString();
            String next = payloads.get((i + 1) % payloads.size()).getFileName().toString();
            String slug = "rx-" + name.substring(0, name.length() - 3).toLowerCase(Locale.ROOT);
            // Hostile words in the title too: the headers show the revisions' titles.
            push(slug, "Hostile <img src=x onerror=__xss('" + name + "')> " + name, hostile.get(i));
            push(slug, "Hostile <svg onload=__xss('" + next + "')> " + next,
                    HARMLESS + "\n" + hostile.get((i + 1) % hostile.size()));
            check(failures, name + " -> " + next, "/d/" + slug + "/changes", "content", "#change-counts");
        }

        String everything = String.join("\n\n", hostile);
        push("rx-all", "Hostile <img src=x onerror=__xss('all-1')> all", everything);
        push("rx-all", "Hostile <img src=x onerror=__xss('all-2')> all", HARMLESS + "\n" + everything);
        check(failures, "all", "/d/rx-all/changes?from=1&to=2&raw=1", "raw-diff", "#show-rendered");
        check(failures, "all", "/d/rx-all/history", "revisions", "#compare-form");
        check(failures, "all", "/d/rx-all/r/1", "content", "#revision-notice");
        if (!failures.isEmpty()) {
            fail(failures.size() + " hostile pages got through (" + payloads.size() + " payloads):\n"
                    + String.join("\n", failures));
        }
    }
}
