package net.metacircular.mcq.webserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * Mermaid diagrams and math as a reviewer sees them in real Chromium: each
 * diagram drawn as SVG in its own sandboxed frame, each formula typeset as
 * MathML, no Content-Security-Policy violation on the page, and both pages'
 * policies as documented. Hostile diagrams and formulas run nothing, leave
 * the page responsive and show an error box with their source.
 */
class DiagramsAndMathBrowserTest extends BrowserTest {

    static final String DOCUMENT = """
            # Diagrams and math

            Inline math $e^{i\\pi} + 1 = 0$ and a price of $5 and $6 in the same line, with \\$ kept.

            $$
            \\int_0^1 x^2\\,dx = \\frac{1}{3}
            $$

            ```math
            \\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}
            ```

            ```mermaid
            flowchart LR
              A[Push] --> B{Reviewed?}
              B -- yes --> C[Merge]
              B -- no --> D[Revise]
            ```

            ```mermaid
            sequenceDiagram
              Agent->>MCQ: push plan
              MCQ-->>Reviewer: queue
              Reviewer->>MCQ: approve
            ```

            ```mermaid
            classDiagram
              class Document {
                +String slug
                +push()
              }
              Document <|-- Revision
            ```

            ```mermaid
            stateDiagram-v2
              [*] --> Unread
              Unread --> Read
              Read --> [*]
            ```

            ```mermaid
            erDiagram
              DOCUMENT ||--o{ REVISION : has
              DOCUMENT ||--o{ COMMENT : carries
            ```

            ```mermaid
            gantt
              dateFormat YYYY-MM-DD
              title Plan
              section Build
              Parser :a1, 2026-01-01, 3d
              Frames :after a1, 2d
            ```

            """ + RichMarkdownBrowserTest.ALERTS + """
            Shipped :rocket: with a diff:

            ```diff
            -old line
            +new line
            ```
            """;

    /** Records CSP violations from the first moment of every page. */
    static final String VIOLATIONS = """
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', e => {
              window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
            });
            window.__pwned = false;
            """;

    @BeforeAll
    static void start() throws IOException {
        chrome.trapScripts();
        chrome.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", VIOLATIONS));
        push("everything", "Diagrams and math", DOCUMENT);
        push("plain", "Plain", "# Plain\n\nNo diagram, no formula, only a $5 price.\n");
        chrome.signInAsAlice(mcq);
    }

    static void push(String slug, String title, String body) {
        HttpResponse<String> response = mcq.push(slug, title, body, mcq.systemToken());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    }

    private static List<String> scriptsOf(String path) {
        HttpResponse<String> page = mcq.get(path, null);
        return org.jsoup.Jsoup.parse(page.body()).select("script").eachAttr("src");
    }

    /** Waits (bounded) until every diagram is drawn or has its error box. */
    private static void awaitDiagrams(int count) {
        try {
            awaitDiagramsOrFail(count);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("diagrams not settled: " + chrome.js(
                    "return Array.from(document.querySelectorAll('#content .diagram')).map(w => w.className + ' '"
                    + " + (w.querySelector('.render-error') ? w.querySelector('.render-error').textContent : '')"
                    + " + ' ' + (w.querySelector('iframe') ? w.querySelector('iframe').getAttribute('height') : ''))"), e);
        }
    }

    private static void awaitDiagramsOrFail(int count) {
        chrome.waiting().withTimeout(Duration.ofSeconds(40)).until(d -> {
            // Frames load lazily: bring the first one not yet settled into view.
            chrome.js("const w = Array.from(document.querySelectorAll('#content .diagram')).find(w =>"
                    + " !w.classList.contains('is-drawn') && !w.querySelector('.render-error'));"
                    + " if (w) { w.scrollIntoView(); }");
            List<WebElement> wrappers = d.findElements(By.cssSelector("#content .diagram"));
            return wrappers.size() == count && wrappers.stream().allMatch(w ->
                    w.getAttribute("class").contains("is-drawn")
                            || !w.findElements(By.cssSelector(".render-error")).isEmpty());
        });
    }

    @Test
    void diagramsAreSvgInSandboxedFramesAndMathIsMathMl() {
        chrome.desktop(1440, 900);
        chrome.driver.get(mcq.baseUrl() + "/d/everything");
        awaitDiagrams(6);

        List<WebElement> frames = chrome.driver.findElements(By.cssSelector("#content .diagram iframe"));
        assertThat(frames).hasSize(6);
        for (WebElement frame : frames) {
            assertThat(frame.getAttribute("sandbox")).isEqualTo("allow-scripts");
            assertThat(Integer.parseInt(frame.getAttribute("height"))).isGreaterThan(50);
            chrome.driver.switchTo().frame(frame);
            try {
                assertThat(chrome.driver.findElements(By.cssSelector("body > svg"))).hasSize(1);
                // Mermaid's inline styles are allowed by the frame's own policy: a style element the
                // policy blocked would have no style sheet.
                assertThat(chrome.js("const s = Array.from(document.querySelectorAll('style'));"
                        + " return s.length > 0 && s.every(e => e.sheet !== null && e.sheet.cssRules.length > 0)"))
                        .isEqualTo(true);
                // An opaque origin: no cookies, no storage.
                assertThat(chrome.js("try { return document.cookie, 'readable'; } catch (e) { return e.name; }"))
                        .isEqualTo("SecurityError");
            } finally {
                chrome.driver.switchTo().defaultContent();
            }
        }
        assertThat(chrome.driver.findElements(By.cssSelector("#content pre.mermaid-source")))
                .hasSize(6).allSatisfy(pre -> assertThat(pre.isDisplayed()).isFalse());
        assertThat(chrome.driver.findElements(By.cssSelector("#content .render-error"))).isEmpty();

        List<WebElement> math = chrome.driver.findElements(By.cssSelector("#content .math"));
        assertThat(math).hasSize(3);
        for (WebElement formula : math) {
            assertThat(formula.findElements(By.tagName("math"))).as(formula.getAttribute("outerHTML")).hasSize(1);
        }
        assertThat(chrome.driver.findElement(By.xpath("//*[@id='content']/p[contains(., 'price')]")).getText())
                .contains("$5 and $6", "with $ kept");
        // The same page carries the GitHub additions: five styled alerts, emoji, a coloured diff.
        assertThat(chrome.driver.findElements(By.cssSelector("#content div.markdown-alert .markdown-alert-title"))
                .stream().map(WebElement::getText)).containsExactly("Note", "Tip", "Important", "Warning", "Caution");
        assertThat(chrome.driver.findElement(By.xpath("//*[@id='content']/p[contains(., 'Shipped')]")).getText())
                .contains("\uD83D\uDE80");
        assertThat(chrome.driver.findElement(By.cssSelector("#content pre .tok-inserted")).getText())
                .isEqualTo("+new line");
        assertThat(chrome.driver.findElement(By.cssSelector("#content pre .tok-deleted")).getText())
                .isEqualTo("-old line");
        // The reader page's own policy, as served with this document.
        WebClient alice = new WebClient(mcq.baseUrl());
        alice.signIn(TestMcq.ALICE, TestMcq.ALICE_PASSWORD);
        String pageCsp = alice.get("/d/everything").headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(directive(pageCsp, "script-src")).isEqualTo("script-src 'self'");
        assertThat(directive(pageCsp, "style-src")).isEqualTo("style-src 'self'");
        assertThat(pageCsp).contains("frame-src 'self'").doesNotContain("unsafe-eval").doesNotContain("unsafe-inline");

        assertThat(chrome.js("return window.__cspViolations")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).isEmpty();
        assertThat(chrome.js("return window.__xssCalls")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).isEmpty();
        chrome.js("window.scrollTo(0, 0)");
        chrome.screenshot("diagrams-and-math-1440");

        // "Show source" brings a diagram's source back, from the keyboard too.
        WebElement toggle = chrome.driver.findElement(By.cssSelector("#content .diagram-toggle"));
        toggle.sendKeys(org.openqa.selenium.Keys.ENTER);
        assertThat(chrome.driver.findElement(By.cssSelector("#content pre.mermaid-source")).isDisplayed()).isTrue();
        assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("true");

        chrome.phone(390, 844);
        chrome.driver.get(mcq.baseUrl() + "/d/everything");
        awaitDiagrams(6);
        assertThat(chrome.js("return window.__cspViolations")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).isEmpty();
        chrome.js("window.scrollTo(0, 0)");
        chrome.screenshot("diagrams-and-math-390");
        chrome.desktop(1440, 900);
    }

    @Test
    void thePageAndTheFrameHaveTheirOwnPolicies() {
        HttpResponse<String> page = mcq.get("/login", null);
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("frame-src 'self'", "script-src 'self';").doesNotContain("unsafe-eval");
        assertThat(directive(csp, "script-src")).isEqualTo("script-src 'self'");

        List<String> scripts = scriptsOf("/login");
        assertThat(scripts).noneMatch(s -> s.contains("mermaid") || s.contains("katex"));
        String framePath = "/static/" + StaticAssets.DIAGRAM_FRAME;
        HttpResponse<String> frame = mcq.get(framePath, null);
        assertThat(frame.statusCode()).isEqualTo(200);
        String frameCsp = frame.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(frameCsp).doesNotContain("unsafe-eval").contains("frame-ancestors 'self'");
        assertThat(directive(frameCsp, "script-src")).isEqualTo("script-src 'self'");
        assertThat(frame.headers().firstValue("X-Frame-Options")).isEmpty();
        assertThat(frame.body()).contains("/static/vendor/mermaid-").doesNotContain("{{");

        // Scripts an opaque-origin frame loads must not be fenced off by resource policies.
        HttpResponse<String> mermaid = mcq.get("/static/" + StaticAssets.MERMAID, null);
        assertThat(mermaid.statusCode()).isEqualTo(200);
        assertThat(mermaid.headers().firstValue("Cross-Origin-Resource-Policy")).isEmpty();
        assertThat(mermaid.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
    }

    @Test
    void scriptsLoadOnlyForDocumentsThatUseThem() {
        chrome.driver.get(mcq.baseUrl() + "/d/plain");
        List<?> plain = (List<?>) chrome.js("return Array.from(document.scripts).map(s => s.src)");
        assertThat(plain).isNotEmpty().noneMatch(s -> s.toString().matches(".*(katex|math|diagram|mermaid).*"));
        assertThat(chrome.driver.findElements(By.cssSelector("iframe"))).isEmpty();

        chrome.driver.get(mcq.baseUrl() + "/d/everything");
        List<?> rich = (List<?>) chrome.js("return Array.from(document.scripts).map(s => s.src)");
        assertThat(rich).anyMatch(s -> s.toString().contains("/static/vendor/katex-"))
                .anyMatch(s -> s.toString().contains("/static/math.js"))
                .anyMatch(s -> s.toString().contains("/static/diagrams.js"))
                // Mermaid itself loads only inside the frames.
                .noneMatch(s -> s.toString().contains("mermaid"));
    }

    @Test
    void hostileDiagramsAndFormulasRunNothingAndShowErrors() throws IOException {
        push("hostile", "Hostile", HostileMarkdown.diagramsAndMath());
        chrome.desktop(1440, 900);
        chrome.driver.get(mcq.baseUrl() + "/d/hostile");
        int diagrams = chrome.driver.findElements(By.cssSelector("#content pre.mermaid-source")).size();
        assertThat(diagrams).isGreaterThanOrEqualTo(6);
        awaitDiagrams(diagrams);
        try {
            String text = chrome.driver.switchTo().alert().getText();
            throw new AssertionError("a dialog opened: " + text);
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
        // The page still answers promptly (within the script timeout) after all of it.
        assertThat(((JavascriptExecutor) chrome.driver).executeAsyncScript(
                "const done = arguments[0]; setTimeout(() => done(6 * 7), 0);")).isEqualTo(42L);
        assertThat(chrome.js("return window.__xssCalls")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).isEmpty();
        assertThat(chrome.js("return window.__pwned")).isEqualTo(false);
        assertThat(chrome.driver.getTitle()).startsWith("Hostile");
        assertThat(chrome.js("return window.__cspViolations")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).isEmpty();
        assertThat((List<?>) chrome.js(XssBrowserTest.DOM_AUDIT)).isEmpty();

        // Formulas KaTeX refuses are error boxes with their source; none is blank.
        List<WebElement> mathErrors = chrome.driver.findElements(By.cssSelector("#content .math-error"));
        assertThat(mathErrors).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(box -> assertThat(box.findElement(By.cssSelector(".render-error-source")).getText())
                        .isNotBlank());
        // The oversized and over-connected diagrams are refused with their source shown.
        List<String> diagramErrors = chrome.driver.findElements(By.cssSelector("#content .diagram-error")).stream()
                .map(WebElement::getText).toList();
        assertThat(diagramErrors).hasSizeGreaterThanOrEqualTo(3)
                .anyMatch(text -> text.contains("longer than 50,000 characters"))
                .anyMatch(text -> text.toLowerCase(java.util.Locale.ROOT).contains("edge"));
        for (WebElement wrapper : chrome.driver.findElements(By.cssSelector("#content .diagram"))) {
            boolean drawn = wrapper.getAttribute("class").contains("is-drawn");
            boolean sourceShown = wrapper.findElement(By.cssSelector("pre.mermaid-source")).isDisplayed();
            assertThat(drawn || sourceShown).as("a diagram is drawn or shows its source").isTrue();
        }
        chrome.screenshot("diagrams-and-math-hostile");
    }

    private static String directive(String csp, String name) {
        for (String part : csp.split(";")) {
            if (part.strip().startsWith(name + " ")) {
                return part.strip();
            }
        }
        return "";
    }
}
