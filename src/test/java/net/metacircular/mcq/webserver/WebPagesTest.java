package net.metacircular.mcq.webserver;

import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The pages over HTTP: what they say, their headers, their errors, and the flows that need no script. */
class WebPagesTest {

    static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' https:; connect-src 'self'; frame-src 'self'; manifest-src 'self'; worker-src 'self'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @TempDir
    static Path dir;
    static TestMcq mcq;
    WebClient alice;

    @BeforeAll
    static void start() {
        mcq = TestMcq.start(dir);
    }

    @AfterAll
    static void stop() {
        mcq.close();
    }

    @BeforeEach
    void signIn() {
        alice = new WebClient(mcq.baseUrl());
        alice.signIn(TestMcq.ALICE, TestMcq.ALICE_PASSWORD);
        for (var doc : TestMcq.json(mcq.get("/v1/documents", mcq.systemToken())).path("documents")) {
            mcq.send("DELETE", "/v1/documents/" + doc.path("slug").asText(), mcq.systemToken(), null, null);
        }
    }

    private void push(String slug, String title, String body) {
        assertThat(mcq.push(slug, title, body, mcq.systemToken()).statusCode()).isIn(200, 201);
    }

    @Test
    void pagesCarryTheirSecurityHeaders() {
        push("headers", "Headers", "text");
        for (String path : new String[] {"/", "/d/headers", "/d/headers/delete", "/logout", "/d/missing"}) {
            HttpResponse<String> page = alice.get(path);
            assertThat(page.headers().firstValue("Content-Security-Policy")).as(path).contains(PAGE_POLICY);
            assertThat(page.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(page.headers().firstValue("Referrer-Policy")).as(path).contains("same-origin");
            assertThat(page.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
            assertThat(page.headers().firstValue("Cache-Control")).as(path).contains("no-store");
            assertThat(page.headers().firstValue("Content-Type")).as(path).get().asString()
                    .startsWith("text/html").containsIgnoringCase("charset=utf-8");
            // No inline script or style anywhere: the policy would block it, so none is written.
            assertThat(page.body()).as(path).doesNotContainPattern("<script>|<script [^>]*>[^<]|<style| style=| on[a-z]+=");
        }
        HttpResponse<String> login = new WebClient(mcq.baseUrl()).get("/login");
        assertThat(login.headers().firstValue("Content-Security-Policy")).contains(PAGE_POLICY);
    }

    @Test
    void withSsoTheMciasOriginMayReceiveTheSignInForm(@TempDir Path ssoDir) {
        try (TestMcq sso = TestMcq.startWithSso(ssoDir)) {
            HttpResponse<String> login = new WebClient(sso.baseUrl()).get("/login");
            assertThat(login.headers().firstValue("Content-Security-Policy")).get().asString()
                    .contains("form-action 'self' " + sso.idp.baseUrl() + ";");
        }
    }

    @Test
    void theQueueListsUnreadFirstThenNewestWithRelativeAndExactTimes() {
        push("older", "Older & <b>bold</b>", "a");
        mcq.clock.advance(Duration.ofMinutes(3));
        push("newer", "Newer", "b");
        push("read-one", "Already read", "c");
        // Read state is each reviewer's own (spec §14): alice marks it read herself.
        mcq.send("POST", "/v1/documents/read-one/read", mcq.aliceToken(), null, null);
        mcq.clock.advance(Duration.ofMinutes(2));

        String page = alice.get("/").body();
        assertThat(page).contains("2 unread of 3.");
        assertThat(page.indexOf("data-slug=\"newer\"")).isLessThan(page.indexOf("data-slug=\"older\""));
        assertThat(page.indexOf("data-slug=\"older\"")).isLessThan(page.indexOf("data-slug=\"read-one\""));
        assertThat(page).contains("Older &amp; &lt;b&gt;bold&lt;/b&gt;").doesNotContain("<b>bold</b>");
        assertThat(page).contains(">5 minutes ago</time>").contains(">2 minutes ago</time>");
        Matcher time = Pattern.compile("<time datetime=\"([^\"]+)\" title=\"([^\"]+)\">5 minutes ago</time>")
                .matcher(page);
        assertThat(time.find()).isTrue();
        assertThat(time.group(1)).isEqualTo(time.group(2)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(page).contains("class=\"doc is-read\" data-slug=\"read-one\"")
                .contains("class=\"doc is-unread\" data-slug=\"newer\"");
    }

    @Test
    void aLongQueueComesAPageAtATime() {
        int total = DocumentPages.QUEUE_PAGE_SIZE * 2 + 5;
        for (int i = 0; i < total; i++) {
            push(String.format("paged-%03d", i), "Paged " + i, "x");
            mcq.clock.advance(Duration.ofSeconds(1));
        }
        String first = alice.get("/").body();
        assertThat(first).contains(total + " unread of " + total + ".").contains("Page 1 of 3");
        assertThat(Pattern.compile("data-slug=").matcher(first).results().count()).isEqualTo(DocumentPages.QUEUE_PAGE_SIZE);
        // Newest first: the last pushed leads page 1, the first pushed ends page 3.
        assertThat(first).contains("data-slug=\"paged-" + (total - 1) + "\"").contains("href=\"/?page=2\"");

        String last = alice.get("/?page=3").body();
        assertThat(Pattern.compile("data-slug=").matcher(last).results().count()).isEqualTo(5);
        assertThat(last).contains("data-slug=\"paged-000\"").contains("href=\"/?page=2\"").doesNotContain("Older");
        // Past the end shows the last page rather than an empty one.
        assertThat(alice.get("/?page=99").body()).contains("data-slug=\"paged-000\"");

        for (String bad : new String[] {"0", "-1", "two", "1e3", "%00"}) {
            HttpResponse<String> page = alice.get("/?page=" + bad);
            assertThat(page.statusCode()).as(bad).isEqualTo(400);
            assertThat(page.body()).contains("Page must be a whole number from 1 up.");
        }
    }

    @Test
    void anEmptyQueueSaysSoAndHowToFillIt() {
        String page = alice.get("/").body();
        assertThat(page).contains("id=\"empty-queue\"").contains("Nothing to review.").contains("mcq push");
    }

    @Test
    void anUnknownDocumentIsA404PageAndABadSlugA400Page() {
        HttpResponse<String> missing = alice.get("/d/no-such-doc");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("Not in the queue").contains("no-such-doc").contains("href=\"/\"");

        HttpResponse<String> bad = alice.get("/d/Bad%20Slug!");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("That address is not valid").contains("lowercase");

        assertThat(alice.post("/d/no-such-doc/read", Map.of("csrf", WebClient.csrfToken(alice.get("/"))))
                .statusCode()).isEqualTo(404);
    }

    @Test
    void unknownAddressesGetAPageInABrowserAndJsonForTheApi() {
        HttpResponse<String> page = alice.get("/no/such/page", Map.of("Accept", "text/html,*/*;q=0.8"));
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("Page not found");
        assertThat(page.headers().firstValue("Content-Security-Policy")).contains(PAGE_POLICY);

        HttpResponse<String> api = alice.get("/v1/no-such", Map.of("Accept", "text/html"));
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.body()).startsWith("{\"error\"");
        HttpResponse<String> plain = alice.get("/no/such/page", Map.of("Accept", "application/json"));
        assertThat(plain.body()).startsWith("{\"error\"");
    }

    @Test
    void visitingAFormsAddressIsA405PageInABrowserAndJsonForTheApi() {
        push("visited", "Visited", "text");
        HttpResponse<String> page = alice.get("/d/visited/read", Map.of("Accept", "text/html,*/*;q=0.8"));
        assertThat(page.statusCode()).isEqualTo(405);
        assertThat(page.body()).contains("This address takes a form, not a visit.").doesNotContain("{\"error\"");
        assertThat(page.headers().firstValue("Content-Security-Policy")).contains(PAGE_POLICY);
        // Nothing changed.
        assertThat(TestMcq.json(mcq.get("/v1/documents/visited", mcq.systemToken())).path("read").asBoolean()).isFalse();

        HttpResponse<String> api = alice.get("/v1/documents/visited/read", Map.of("Accept", "text/html"));
        assertThat(api.statusCode()).isEqualTo(405);
        assertThat(api.body()).startsWith("{\"error\"");
    }

    @Test
    void unqueueingWithoutScriptAsksOnAPageOfItsOwn() {
        push("no-js", "No script", "text");
        String token = WebClient.csrfToken(alice.get("/d/no-js"));
        // The reader's button sends confirmed="" (script fills in "yes" after asking).
        HttpResponse<String> ask = alice.post("/d/no-js/delete", Map.of("csrf", token, "confirmed", ""));
        assertThat(ask.statusCode()).isEqualTo(303);
        assertThat(WebClient.location(ask)).contains("/d/no-js/delete");
        assertThat(mcq.get("/v1/documents/no-js", mcq.systemToken()).statusCode()).isEqualTo(200);

        HttpResponse<String> confirm = alice.get("/d/no-js/delete");
        assertThat(confirm.body()).contains("Unqueue this document?").contains("name=\"confirmed\" value=\"yes\"");
        HttpResponse<String> done = alice.post("/d/no-js/delete",
                Map.of("csrf", WebClient.csrfToken(confirm), "confirmed", "yes"));
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(WebClient.location(done)).contains("/");
        assertThat(mcq.get("/v1/documents/no-js", mcq.systemToken()).statusCode()).isEqualTo(404);
    }

    @Test
    void theReaderShowsTheDocumentRenderedWithItsContents() {
        push("rendered", "Rendered", "# Rendered\n\n## One\n\ntext\n\n## Two\n\n```java\nclass A {}\n```\n");
        String page = alice.get("/d/rendered").body();
        assertThat(page).contains("<h1 class=\"doc-title\">Rendered</h1>")
                .contains("class=\"markdown commentable starts-with-title\"")
                .contains("<nav aria-label=\"Table of contents\">")
                .contains("<span class=\"tok-keyword\">class</span>")
                .containsPattern("<script src=\"/static/reader.js\\?v=[0-9a-f]{12}\" defer></script>");
        // The title heading is hidden on the page, so it is not in the contents either.
        assertThat(page).contains(">One</a>").contains(">Two</a>").doesNotContain(">Rendered</a>");

        push("one-heading", "Short", "## Only\n\ntext");
        assertThat(alice.get("/d/one-heading").body()).doesNotContain("id=\"toc\"");
    }

    @Test
    void everyPageNamesTheWebAppManifestAndItsIcons() {
        push("app", "App", "text");
        for (WebClient browser : new WebClient[] {alice, new WebClient(mcq.baseUrl())}) {
            String page = browser.get(browser == alice ? "/d/app" : "/login").body();
            assertThat(page).contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\">")
                    .containsPattern("<link rel=\"apple-touch-icon\" href=\"/static/apple-touch-icon.png\\?v=[0-9a-f]{12}\">")
                    .contains("<meta name=\"theme-color\" content=\"#fffff8\" media=\"(prefers-color-scheme: light)\">")
                    .containsPattern("<script src=\"/static/pwa.js\\?v=[0-9a-f]{12}\" defer></script>");
        }
    }

    @Test
    void theManifestAndTheServiceWorkerAreRevalidatedAndNameThisReleasesFiles() {
        WebClient anyone = new WebClient(mcq.baseUrl());
        HttpResponse<String> manifest = anyone.get("/manifest.webmanifest");
        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(manifest.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/manifest+json");
        assertThat(manifest.headers().firstValue("Cache-Control")).contains("no-cache");
        var json = TestMcq.json(manifest);
        assertThat(json.path("name").asText()).isEqualTo("MCQ");
        assertThat(json.path("start_url").asText()).isEqualTo("/");
        assertThat(json.path("scope").asText()).isEqualTo("/");
        assertThat(json.path("display").asText()).isEqualTo("standalone");
        assertThat(json.path("icons")).hasSize(3);
        for (var icon : json.path("icons")) {
            HttpResponse<String> image = anyone.get(icon.path("src").asText());
            assertThat(image.statusCode()).as(icon.toString()).isEqualTo(200);
            assertThat(image.headers().firstValue("Content-Type")).contains("image/png");
        }

        HttpResponse<String> worker = anyone.get("/sw.js");
        assertThat(worker.statusCode()).isEqualTo(200);
        assertThat(worker.headers().firstValue("Content-Type")).get().asString().startsWith("text/javascript");
        assertThat(worker.headers().firstValue("Cache-Control")).contains("no-cache");
        assertThat(worker.headers().firstValue("Content-Security-Policy"))
                .contains(PageHeaders.SERVICE_WORKER_POLICY);
        assertThat(worker.body()).doesNotContain("{{").containsPattern("mcq-static-[0-9a-f]{12}");
        Matcher offline = Pattern.compile("'(/static/offline\\.html\\?v=[0-9a-f]{12})'").matcher(worker.body());
        assertThat(offline.find()).isTrue();

        HttpResponse<String> offlinePage = anyone.get(offline.group(1));
        assertThat(offlinePage.statusCode()).isEqualTo(200);
        assertThat(offlinePage.headers().firstValue("Content-Security-Policy"))
                .contains(PageHeaders.OFFLINE_PAGE_POLICY);
        assertThat(offlinePage.body()).doesNotContain("{{").contains("MCQ cannot be reached")
                .doesNotContainPattern("<script>|<script [^>]*>[^<]|<style| style=| on[a-z]+=");
    }

    @Test
    void staticFilesHaveTheirTypesAndLongCacheLifetimes() {
        WebClient anyone = new WebClient(mcq.baseUrl());
        String[][] files = {
                {"mcq.css", "text/css"},
                {"reader.js", "text/javascript"},
                {"favicon.svg", "image/svg+xml"},
        };
        for (String[] file : files) {
            HttpResponse<String> response = anyone.get("/static/" + file[0] + "?v=1");
            assertThat(response.statusCode()).as(file[0]).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).as(file[0]).get().asString().startsWith(file[1]);
            assertThat(response.headers().firstValue("Cache-Control")).as(file[0])
                    .contains("public, max-age=31536000, immutable");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        }
        assertThat(anyone.get("/static/nope.js").statusCode()).isEqualTo(404);
        // The web app's files at the root are only there, where browsers look for their updates.
        assertThat(anyone.get("/static/" + StaticAssets.SERVICE_WORKER).statusCode()).isEqualTo(404);
        assertThat(anyone.get("/static/" + StaticAssets.MANIFEST).statusCode()).isEqualTo(404);
        assertThat(anyone.get("/static/..%2Fmcq-version.properties").statusCode()).isEqualTo(404);
        assertThat(anyone.get("/static/logback.xml").statusCode()).isEqualTo(404);
    }
}
