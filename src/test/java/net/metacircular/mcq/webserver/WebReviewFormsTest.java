package net.metacircular.mcq.webserver;

import com.fasterxml.jackson.databind.JsonNode;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review without JavaScript: the general comment, replies, resolve and
 * the verdict are plain form posts with the session's CSRF token, answered
 * with a redirect back to the page; without the token they are refused and
 * change nothing. The page's script asks for JSON and gets the comment as the
 * REST API shows it, or the service's error.
 */
class WebReviewFormsTest {

    static final String SLUG = "forms-plan";
    static final String BODY = "# Forms plan\n\nFirst we build the parser.\n\nThen we ship it on Friday.\n";

    @TempDir
    static Path dir;
    static TestMcq mcq;

    @BeforeAll
    static void start() {
        mcq = TestMcq.start(dir);
        assertThat(mcq.push(SLUG, "Forms plan", BODY, mcq.systemToken()).statusCode()).isIn(200, 201);
    }

    @AfterAll
    static void stop() {
        mcq.close();
    }

    private static WebClient alice() {
        WebClient alice = new WebClient(mcq.baseUrl());
        assertThat(alice.signIn(TestMcq.ALICE, TestMcq.ALICE_PASSWORD).statusCode()).isEqualTo(303);
        return alice;
    }

    private static JsonNode feedback() {
        return TestMcq.json(mcq.get("/v1/documents/" + SLUG + "/feedback", mcq.systemToken()));
    }

    private static JsonNode commentWithText(String text) {
        for (JsonNode comment : feedback().path("comments")) {
            if (comment.path("text").asText().equals(text)) {
                return comment;
            }
        }
        throw new AssertionError("no comment " + text + " in " + feedback());
    }

    private static Map<String, String> form(String csrf, String... pairs) {
        Map<String, String> form = new HashMap<>();
        if (csrf != null) {
            form.put("csrf", csrf);
        }
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    @Test
    void generalCommentReplyResolveAndVerdictWorkAsPlainForms() {
        WebClient alice = alice();
        HttpResponse<String> reader = alice.get("/d/" + SLUG);
        assertThat(reader.body()).contains("id=\"general-form\"").contains("id=\"verdict-form\"")
                .contains("Review pending");
        String csrf = WebClient.csrfToken(reader);

        HttpResponse<String> posted = alice.post("/d/" + SLUG + "/comments",
                form(csrf, "kind", "comment", "text", "Please add a rollback step."));
        assertThat(posted.statusCode()).isEqualTo(303);
        assertThat(WebClient.location(posted)).hasValueSatisfying(l -> assertThat(l).startsWith("/d/" + SLUG + "#c-"));
        long id = commentWithText("Please add a rollback step.").path("id").asLong();
        assertThat(alice.follow(posted).body()).contains("Please add a rollback step.").contains("id=\"c-" + id + "\"");

        assertThat(alice.post("/d/" + SLUG + "/comments/" + id + "/replies", form(csrf, "text", "Noted."))
                .statusCode()).isEqualTo(303);
        HttpResponse<String> resolved = alice.post("/d/" + SLUG + "/comments/" + id + "/resolve",
                form(csrf, "back", "changes"));
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(303);
        assertThat(WebClient.location(resolved)).hasValue("/d/" + SLUG + "/changes#c-" + id);
        JsonNode comment = commentWithText("Please add a rollback step.");
        assertThat(comment.path("replies").get(0).path("text").asText()).isEqualTo("Noted.");
        assertThat(comment.path("resolved").asBoolean()).isTrue();

        HttpResponse<String> verdict = alice.post("/d/" + SLUG + "/review",
                form(csrf, "verdict", "request_changes", "summary", "One more step.", "revision", "1"));
        assertThat(verdict.statusCode()).isEqualTo(303);
        assertThat(feedback().path("status").asText()).isEqualTo("changes_requested");
        assertThat(alice.follow(verdict).body()).contains("Changes requested");
        assertThat(alice.get("/").body()).contains("status-changes_requested");
    }

    @Test
    void formsWithoutTheTokenAreRefusedAndChangeNothing() {
        WebClient alice = alice();
        int before = feedback().path("comments").size();
        HttpResponse<String> comment = alice.post("/d/" + SLUG + "/comments",
                form(null, "kind", "comment", "text", "forged"));
        HttpResponse<String> verdict = alice.post("/d/" + SLUG + "/review", form("wrong", "verdict", "approve"));
        assertThat(comment.statusCode()).isEqualTo(403);
        assertThat(verdict.statusCode()).isEqualTo(403);
        assertThat(feedback().path("comments").size()).isEqualTo(before);
        assertThat(feedback().path("verdict").isNull() || feedback().path("verdict").path("verdict").asText()
                .equals("request_changes")).isTrue();
    }

    @Test
    void theScriptGetsJsonForAnAnchoredCommentAndForErrors() {
        WebClient alice = alice();
        String csrf = WebClient.csrfToken(alice.get("/d/" + SLUG));
        Map<String, String> json = Map.of("Accept", "application/json");
        HttpResponse<String> added = alice.post("/d/" + SLUG + "/comments", form(csrf, "kind", "replacement",
                "quote", "ship it on Friday", "prefix", "Then we", "suffix", ".", "start_line", "5",
                "end_line", "5", "text", "Too soon", "replacement", "ship it on Monday"), json);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        JsonNode comment = TestMcq.json(added);
        assertThat(comment.path("quote").asText()).isEqualTo("ship it on Friday");
        assertThat(comment.path("start_line").asInt()).isEqualTo(5);
        assertThat(comment.path("replacement").asText()).isEqualTo("ship it on Monday");

        HttpResponse<String> wrongLines = alice.post("/d/" + SLUG + "/comments", form(csrf, "kind", "comment",
                "quote", "ship it on Friday", "start_line", "3", "end_line", "3", "text", "x"), json);
        assertThat(wrongLines.statusCode()).isEqualTo(400);
        assertThat(TestMcq.json(wrongLines).path("error").asText()).isNotEmpty();
        HttpResponse<String> badLine = alice.post("/d/" + SLUG + "/comments", form(csrf, "kind", "comment",
                "quote", "x", "start_line", "99999999999", "end_line", "1", "text", "x"), json);
        assertThat(badLine.statusCode()).isEqualTo(400);
        assertThat(alice.post("/d/" + SLUG + "/comments/abc/resolve", form(csrf), json).statusCode())
                .isEqualTo(404);
    }
}
