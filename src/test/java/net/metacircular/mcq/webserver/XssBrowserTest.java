package net.metacircular.mcq.webserver;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.UnhandledAlertException;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Hostile documents in a real browser. Every payload of the render
 * package's corpus (src/test/resources/xss/NN-name.md, each trying to call
 * {@code window.__xss('NN')} or {@code alert}) is pushed over the REST API
 * and opened in the reader. {@code __xss}, {@code alert}, {@code confirm} and
 * {@code prompt} are replaced before any page script runs, on every document
 * the browser loads, by functions that record their calls; no call may be
 * recorded, no dialog may be open, the reader must still be the page shown,
 * and the document's DOM must hold no script, handler or script URL.
 */
class XssBrowserTest extends BrowserTest {

    static final String TRAP = """
            window.__xssCalls = [];
            window.__xss = function (id) { window.__xssCalls.push('__xss:' + id); };
            window.alert = function (m) { window.__xssCalls.push('alert:' + m); };
            window.confirm = function (m) { window.__xssCalls.push('confirm:' + m); return false; };
            window.prompt = function (m) { window.__xssCalls.push('prompt:' + m); return null; };
            """;

    /**
     * Whatever is in the rendered document that could run script, as a list
     * of findings. Uses the DOM's prototype methods directly, so markup that
     * clobbers properties ({@code <form><input name=attributes>}) cannot hide.
     * The root is the element of the id given as the first argument, else {@code #content}.
     */
    static final String DOM_AUDIT = """
            const E = Element.prototype;
            const names = e => E.getAttributeNames.call(e);
            const attr = (e, n) => E.getAttribute.call(e, n);
            const tag = e => Object.getOwnPropertyDescriptor(E, 'localName').get.call(e);
            const all = (e, css) => Array.from(E.querySelectorAll.call(e, css));
            const findings = [];
            const root = document.getElementById(arguments[0] || 'content');
            // The reader's own copy buttons (reader.js puts one in each code block) are not the document's;
            // their attributes are still audited below like every other element's.
            // So are the diagram frames diagrams.js makes (sandboxed, MCQ's own frame page) with their
            // "Show source" buttons, and the MathML that KaTeX writes into a typeset formula.
            const only = (e, allowed) => names(e).every(n => allowed.includes(n));
            const pageOwn = e => (tag(e) === 'button' && E.matches.call(e, 'pre > button.copy-code[type=button]')
                    && only(e, ['type', 'class', 'aria-label', 'title']))
                || (tag(e) === 'iframe' && E.matches.call(e, 'div.diagram > iframe.diagram-frame')
                    && attr(e, 'sandbox') === 'allow-scripts' && /^[/]static[/]diagram[.]html[?]v=[0-9a-f]+$/.test(attr(e, 'src'))
                    && only(e, ['sandbox', 'title', 'loading', 'referrerpolicy', 'height', 'class', 'src']))
                || (tag(e) === 'button' && E.matches.call(e, 'div.diagram > button.diagram-toggle[type=button]')
                    && only(e, ['type', 'class', 'aria-expanded', 'hidden']))
                || (tag(e) === 'math' && E.closest.call(e, '.math.math-rendered') !== null);
            all(root, 'script, iframe, frame, object, embed, form, style, link, meta, base, svg, math,'
                + ' textarea, select, button, applet, noscript, template, video, audio, source')
              .filter(e => !pageOwn(e))
              .forEach(e => findings.push('element <' + tag(e) + '>'));
            all(root, '*').forEach(e => {
              for (const raw of names(e)) {
                const name = raw.toLowerCase();
                const value = attr(e, raw) || '';
                if (name.startsWith('on') || name === 'style' || name === 'srcdoc' || name === 'formaction'
                    || name.includes(':')) {
                  findings.push('attribute ' + name + ' on <' + tag(e) + '>');
                }
                if (['href', 'src', 'action', 'data', 'poster', 'background', 'srcset'].includes(name)) {
                  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value.replace(/[\\u0000-\\u0020]/g, ''));
                  if (scheme && !['http', 'https', 'mailto'].includes(scheme[1].toLowerCase())) {
                    findings.push(name + '=' + value + ' on <' + tag(e) + '>');
                  }
                }
              }
            });
            return findings;
            """;

    /**
     * Resolves once the page has settled: its load event has fired (every
     * image has loaded or failed, so onerror and onload handlers have run),
     * then two frames have been drawn (autofocus, animation and transition
     * events) and one more task has run (timers of 0 ms, refreshes due now).
     */
    static final String SETTLED = """
            const done = arguments[arguments.length - 1];
            const settle = () => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => done(true), 0)));
            if (document.readyState === 'complete') {
              settle();
            } else {
              addEventListener('load', settle, {once: true});
            }
            """;

    @BeforeAll
    static void start() throws IOException {
        chrome.trapScripts();
        chrome.signInAsAlice(mcq);
    }

    /** Waits, at most the script timeout, for the page to settle; a dialog or a navigation ends the wait. */
    private static void awaitSettled() {
        try {
            ((JavascriptExecutor) chrome.driver).executeAsyncScript(SETTLED);
        } catch (UnhandledAlertException | JavascriptException e) {
            // A dialog opened or the page navigated away; the checks that follow report which.
        }
    }

    static List<Path> payloads() throws IOException, URISyntaxException {
        Path corpus = Path.of(XssBrowserTest.class.getResource("/xss").toURI());
        try (Stream<Path> files = Files.list(corpus)) {
            return files.filter(f -> f.getFileName().toString().matches("\\d\\d-.+\\.md")).sorted().toList();
        }
    }

    @Test
    void theTrapRecordsCallsSoASilentRunMeansNothingRan() {
        chrome.driver.get(mcq.baseUrl() + "/");
        chrome.js("window.__xss('control'); window.alert('control');");
        assertThat(chrome.js("return window.__xssCalls")).asInstanceOf(InstanceOfAssertFactories.LIST).containsExactly("__xss:control", "alert:control");
    }

    @Test
    void noHostileDocumentRunsScriptInTheReader() throws Exception {
        List<Path> payloads = payloads();
        assertThat(payloads).as("the render package's hostile corpus").hasSizeGreaterThanOrEqualTo(40);
        List<String> failures = new ArrayList<>();
        for (Path payload : payloads) {
            String name = payload.getFileName().toString();
            String slug = "xss-" + name.substring(0, name.length() - 3).toLowerCase(Locale.ROOT);
            HttpResponse<String> pushed = mcq.push(slug, "Hostile " + name,
                    Files.readString(payload, StandardCharsets.UTF_8), mcq.systemToken());
            assertThat(pushed.statusCode()).as(name + ": " + pushed.body()).isIn(200, 201);

            String url = mcq.baseUrl() + "/d/" + slug;
            if (!ranNothing(name, url, failures)) {
                continue;
            }
            // The page itself still works: its own script ran and built nothing odd.
            if (chrome.driver.findElements(By.cssSelector("#actions-top button.unqueue")).isEmpty()) {
                failures.add(name + ": the reader's own controls are missing");
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + payloads.size() + " hostile documents got through:\n"
                    + String.join("\n", failures));
        }
    }

    /**
     * The search page with every hostile document among its results (title,
     * snippet and all), and with each payload typed as the query itself.
     */
    @Test
    void noHostileDocumentOrQueryRunsScriptInSearch() throws Exception {
        List<Path> payloads = payloads();
        for (Path payload : payloads) {
            String name = payload.getFileName().toString();
            mcq.push("search-" + name.substring(0, 2), "Found " + name,
                    "quokka " + Files.readString(payload, StandardCharsets.UTF_8) + " quokka", mcq.systemToken());
        }
        List<String> failures = new ArrayList<>();
        int pages = (payloads.size() + 19) / 20;
        for (int page = 1; page <= pages; page++) {
            String url = mcq.baseUrl() + "/search?q=quokka&page=" + page;
            if (ranNothing("results page " + page, url, failures)
                    && chrome.driver.findElements(By.cssSelector("#results li")).isEmpty()) {
                failures.add("results page " + page + " lists nothing");
            }
        }
        for (Path payload : payloads) {
            String query = Files.readString(payload, StandardCharsets.UTF_8);
            query = query.substring(0, Math.min(400, query.length()));
            ranNothing(payload.getFileName() + " as the query", mcq.baseUrl() + "/search?q="
                    + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8), failures);
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " search pages ran script:\n" + String.join("\n", failures));
        }
    }

    /**
     * Opens {@code url} and records in {@code failures} any dialog, navigation,
     * trapped call or dangerous markup; true when there was none.
     */
    private static boolean ranNothing(String name, String url, List<String> failures) {
        chrome.driver.get(url);
        // Late payloads (failed image loads, animations, timers, refreshes) get their turn first.
        awaitSettled();
        try {
            String text = chrome.driver.switchTo().alert().getText();
            failures.add(name + ": a dialog is open: " + text);
            chrome.driver.switchTo().alert().dismiss();
            return false;
        } catch (NoAlertPresentException expected) {
            // what should happen
        }
        String current = chrome.driver.getCurrentUrl();
        if (!java.net.URLDecoder.decode(url, StandardCharsets.UTF_8)
                .equals(java.net.URLDecoder.decode(current, StandardCharsets.UTF_8))) {
            failures.add(name + ": the page navigated to " + current);
            return false;
        }
        Object installed = chrome.js("return typeof window.__xss === 'function' && Array.isArray(window.__xssCalls)");
        if (!Boolean.TRUE.equals(installed)) {
            failures.add(name + ": the trap is gone (something replaced window.__xss)");
            return false;
        }
        List<?> calls = (List<?>) chrome.js("return window.__xssCalls");
        if (!calls.isEmpty()) {
            failures.add(name + ": script ran: " + calls);
            return false;
        }
        // The audit reads the document's part of the page: the reader's text, or the search results.
        String root = url.contains("/search?") ? "results" : "content";
        if (!chrome.driver.findElements(By.id(root)).isEmpty()) {
            List<?> findings = (List<?>) chrome.js(DOM_AUDIT, root);
            if (!findings.isEmpty()) {
                failures.add(name + ": dangerous markup survived: " + findings);
                return false;
            }
        } else if (root.equals("content")) {
            failures.add(name + ": the reader shows no document text");
            return false;
        }
        return true;
    }
}
