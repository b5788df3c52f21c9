package net.metacircular.mcq.webserver;

import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The revision pages over HTTP: headers, errors, defaults, and the helpers that shape them. */
class RevisionPagesTest {

    @TempDir
    static Path dir;
    static TestMcq mcq;
    static WebClient alice;

    @BeforeAll
    static void start() {
        mcq = TestMcq.start(dir);
        alice = new WebClient(mcq.baseUrl());
        alice.signIn(TestMcq.ALICE, TestMcq.ALICE_PASSWORD);
        push("notes", "Notes", "# Notes\n\nFirst text.\n");
        push("notes", "Notes", "# Notes\n\nFirst text, edited.\n\nA second paragraph.\n");
        push("notes", "Notes", "# Notes\n\nFirst text, edited again.\n\nA second paragraph.\n");
    }

    @AfterAll
    static void stop() {
        mcq.close();
    }

    private static void push(String slug, String title, String body) {
        assertThat(mcq.push(slug, title, body, mcq.systemToken()).statusCode()).isIn(200, 201);
    }

    @Test
    void everyRevisionPageCarriesThePagePolicyAndNoInlineScript() {
        for (String path : List.of("/d/notes/changes", "/d/notes/changes?raw=1", "/d/notes/history",
                "/d/notes/r/1", "/d/notes/changes?from=1&to=3")) {
            HttpResponse<String> page = alice.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy")).as(path)
                    .contains(WebPagesTest.PAGE_POLICY);
            assertThat(page.headers().firstValue("Cache-Control")).as(path).contains("no-store");
            assertThat(page.body()).as(path)
                    .doesNotContainPattern("<script>|<script [^>]*>[^<]|<style| style=| on[a-z]+=");
        }
        assertThat(alice.get("/d/notes/changes").body()).contains("/static/changes.js?v=");
    }

    @Test
    void withoutFromTheChangesAreSinceTheRevisionBeforeTheCurrent() {
        // alice never read it: the default is the one before the current.
        String page = alice.get("/d/notes/changes").body();
        assertThat(page).contains("From <a href=\"/d/notes/r/2\">revision 2</a>")
                .contains("<a href=\"/d/notes\">revision 3</a>");
    }

    @Test
    void badRevisionsAreAnsweredWithErrorPages() {
        assertThat(alice.get("/d/notes/r/9").statusCode()).isEqualTo(404);
        assertThat(alice.get("/d/notes/r/zero").statusCode()).isEqualTo(400);
        assertThat(alice.get("/d/notes/r/0").statusCode()).isEqualTo(400);
        assertThat(alice.get("/d/notes/changes?from=x").statusCode()).isEqualTo(400);
        assertThat(alice.get("/d/notes/changes?from=1&to=9").statusCode()).isEqualTo(404);
        assertThat(alice.get("/d/missing/history").statusCode()).isEqualTo(404);
        assertThat(alice.get("/d/notes/history").body()).contains("3 revisions kept");
    }

    @Test
    void signedOutVisitorsAreSentToSignIn() {
        HttpResponse<String> page = new WebClient(mcq.baseUrl()).get("/d/notes/history");
        assertThat(page.statusCode()).isIn(302, 303);
        assertThat(page.headers().firstValue("Location")).get().asString().startsWith("/login");
    }

    @Test
    void theRawDiffKeepsEveryLineAndItsBreak() {
        String unified = "--- a@1\n+++ a@2\n@@ -1,2 +1,2 @@\n same\n-old\n+new\n\\ No newline at end of file\n";
        List<Views.DiffLine> lines = RevisionPages.diffLines(unified);
        assertThat(lines).extracting(Views.DiffLine::kind)
                .containsExactly("file", "file", "hunk", "same", "del", "add", "note");
        assertThat(String.join("", lines.stream().map(Views.DiffLine::text).toList())).isEqualTo(unified);
        // A removed line that looks like a header, after the first hunk, is still a removed line.
        assertThat(RevisionPages.diffLines("--- a\n+++ b\n@@ -1 +1 @@\n--- x\n+++ y\n"))
                .extracting(Views.DiffLine::kind).containsExactly("file", "file", "hunk", "del", "add");
    }

    @Test
    void sizeChangesAreSignedWithARealMinus() {
        assertThat(RevisionPages.signedBytes(1234)).isEqualTo("+1,234 B");
        assertThat(RevisionPages.signedBytes(-8)).isEqualTo("\u22128 B");
        assertThat(RevisionPages.signedBytes(0)).isEqualTo("±0 B");
    }

    @Test
    void theTitleHeadingIsHiddenOnlyWhenItOpensTheChangesUnchanged() {
        assertThat(RevisionPages.startsWithUnchangedTitle(
                "<div class=\"chg chg-same\"><h1 id=\"doc-notes\">Notes</h1>", "Notes")).isTrue();
        assertThat(RevisionPages.startsWithUnchangedTitle(
                "<div class=\"chg chg-mod\" id=\"doc-change-1\"><h1>Notes</h1>", "Notes")).isFalse();
        assertThat(RevisionPages.startsWithUnchangedTitle(
                "<div class=\"chg chg-same\"><h1>Other</h1>", "Notes")).isFalse();
    }
}
