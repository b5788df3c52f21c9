package net.metacircular.mcq.server;

import com.fasterxml.jackson.databind.JsonNode;
import net.metacircular.mcq.reviews.CommentView;
import net.metacircular.mcq.reviews.FeedbackView;
import net.metacircular.mcq.reviews.VerdictView;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The review routes over real HTTP with the development identity provider's accounts. */
class ReviewRestTest {

    private static final String BODY = """
            # Plan

            Migrate the database.

            Deploy on Friday.
            """;

    @TempDir
    Path dir;
    private TestMcq mcq;
    private String alice;
    private String admin;
    private String guest;
    private String agent;

    @BeforeEach
    void start() {
        mcq = TestMcq.start(dir);
        alice = mcq.aliceToken();
        admin = mcq.login("admin", "admin-dev-password");
        guest = mcq.login("guest", "guest-dev-password");
        agent = mcq.systemToken();
        assertThat(mcq.push("plan", "Plan", BODY, agent).statusCode()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        mcq.close();
    }

    private HttpResponse<String> post(String path, String token, String json) {
        return mcq.send("POST", path, token, "application/json", json);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    @Test
    void everyRouteWorksAndSpeaksTheWireNames() {
        HttpResponse<String> created = post("/v1/documents/plan/comments", alice, """
                {"kind":"replacement","quote":"Friday","prefix":"Deploy on ","suffix":".","start_line":5,
                 "end_line":5,"text":"Not on a Friday.","replacement":"Tuesday"}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode comment = TestMcq.json(created);
        assertThat(names(comment)).containsExactlyElementsOf(CommentView.FIELDS);
        assertThat(comment.get("kind").asText()).isEqualTo("replacement");
        assertThat(comment.get("current_start_line").asInt()).isEqualTo(5);
        long id = comment.get("id").asLong();

        HttpResponse<String> general = post("/v1/documents/plan/comments", alice, "{\"kind\":\"comment\",\"text\":\"ok\"}");
        assertThat(general.statusCode()).isEqualTo(201);
        assertThat(TestMcq.json(general).get("start_line").isNull()).isTrue();

        HttpResponse<String> reply = post("/v1/documents/plan/comments/" + id + "/replies", agent, "{\"text\":\"Will do\"}");
        assertThat(reply.statusCode()).isEqualTo(201);
        assertThat(names(TestMcq.json(reply))).containsExactlyElementsOf(CommentView.ReplyView.FIELDS);

        assertThat(TestMcq.json(post("/v1/documents/plan/comments/" + id + "/resolve", admin, ""))
                .get("resolved_by").asText()).isEqualTo("admin");
        assertThat(TestMcq.json(post("/v1/documents/plan/comments/" + id + "/reopen", alice, ""))
                .get("resolved").asBoolean()).isFalse();

        JsonNode listed = TestMcq.json(mcq.get("/v1/documents/plan/comments?revision=1", guest));
        assertThat(listed.get("comments")).hasSize(2);
        assertThat(listed.get("comments").get(0).get("replies").get(0).get("author").asText()).isEqualTo("ci-bot");

        HttpResponse<String> verdict = post("/v1/documents/plan/review", alice,
                "{\"verdict\":\"request_changes\",\"summary\":\"Pick another day.\",\"revision\":1}");
        assertThat(verdict.statusCode()).as(verdict.body()).isEqualTo(200);
        assertThat(names(TestMcq.json(verdict))).containsExactlyElementsOf(VerdictView.FIELDS);

        JsonNode feedback = TestMcq.json(mcq.get("/v1/documents/plan/feedback", agent));
        assertThat(names(feedback)).containsExactlyElementsOf(FeedbackView.FIELDS);
        assertThat(feedback.get("status").asText()).isEqualTo("changes_requested");
        assertThat(feedback.get("verdict").get("verdict").asText()).isEqualTo("request_changes");
        assertThat(feedback.get("markdown").asText())
                .startsWith("Changes requested on revision 1 of `plan` by alice: Pick another day.")
                .contains("→ Replace with: “Tuesday”").contains("   - ci-bot: Will do");
        assertThat(TestMcq.json(mcq.get("/v1/documents/plan", guest)).get("review_status").asText())
                .isEqualTo("changes_requested");
        assertThat(TestMcq.json(mcq.get("/v1/documents", guest)).get("documents").get(0).get("review_status")
                .asText()).isEqualTo("changes_requested");

        assertThat(mcq.send("DELETE", "/v1/documents/plan/comments/" + id, null, null, null).statusCode())
                .isEqualTo(401);
        assertThat(mcq.send("DELETE", "/v1/documents/plan/comments/" + id, alice, null, null).statusCode())
                .isEqualTo(204);
        assertThat(mcq.send("DELETE", "/v1/documents/plan/comments/" + id, alice, null, null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void refusalsAreForbiddenNotFoundOrBadInput() {
        long id = TestMcq.json(post("/v1/documents/plan/comments", admin, "{\"kind\":\"comment\",\"text\":\"mine\"}"))
                .get("id").asLong();
        assertThat(post("/v1/documents/plan/review", agent, "{\"verdict\":\"approve\"}").statusCode()).isEqualTo(403);
        assertThat(post("/v1/documents/plan/comments/" + id + "/resolve", agent, "").statusCode()).isEqualTo(403);
        assertThat(post("/v1/documents/plan/comments", guest, "{\"kind\":\"comment\",\"text\":\"x\"}").statusCode())
                .isEqualTo(403);
        assertThat(mcq.send("DELETE", "/v1/documents/plan/comments/" + id, alice, null, null).statusCode())
                .isEqualTo(403);

        assertThat(mcq.get("/v1/documents/nope/feedback", alice).statusCode()).isEqualTo(404);
        assertThat(mcq.get("/v1/documents/nope/comments", alice).statusCode()).isEqualTo(404);
        assertThat(mcq.get("/v1/documents/plan/feedback?revision=9", alice).statusCode()).isEqualTo(404);
        assertThat(post("/v1/documents/plan/comments/424242/replies", alice, "{\"text\":\"x\"}").statusCode())
                .isEqualTo(404);

        for (String body : List.of("{\"kind\":\"praise\",\"text\":\"x\"}", "{\"kind\":\"comment\"}",
                "{\"kind\":\"comment\",\"text\":\"x\",\"quote\":\"Plan\"}",
                "{\"kind\":\"comment\",\"text\":\"x\",\"quote\":\"Plan\",\"start_line\":-1,\"end_line\":1}",
                "{\"kind\":\"comment\",\"text\":\"x\",\"quote\":\"Plan\",\"start_line\":1,\"end_line\":99999999999}",
                "{\"kind\":\"comment\",\"text\":\"x\",\"quote\":\"Plan\",\"start_line\":\"1\",\"end_line\":1}",
                "{\"kind\":\"comment\",\"text\":\"x\",\"quote\":\"absent\",\"start_line\":1,\"end_line\":5}",
                "{\"kind\":\"comment\",\"text\":\"x\",\"color\":\"red\"}", "{not json", "[]")) {
            HttpResponse<String> response = post("/v1/documents/plan/comments", alice, body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(TestMcq.json(response).get("error").asText()).isNotEmpty();
        }
        assertThat(post("/v1/documents/plan/comments/abc/resolve", alice, "").statusCode()).isEqualTo(400);
        assertThat(post("/v1/documents/plan/review", alice, "{\"verdict\":\"maybe\"}").statusCode()).isEqualTo(400);
        assertThat(post("/v1/documents/plan/review", alice, "{\"verdict\":\"approve\",\"revision\":2}").statusCode())
                .isEqualTo(400);
        for (String wait : List.of("0", "301", "-1", "x", "99999999999")) {
            assertThat(mcq.get("/v1/documents/plan/feedback?wait=" + wait, alice).statusCode()).as(wait).isEqualTo(400);
        }
    }

    @Test
    void hostileInputIsStoredAsTextOrRefusedWithFourHundreds() {
        String xss = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        HttpResponse<String> stored = post("/v1/documents/plan/comments", alice,
                "{\"kind\":\"comment\",\"text\":" + quoteJson(xss) + "}");
        assertThat(stored.statusCode()).isEqualTo(201);
        assertThat(TestMcq.json(stored).get("text").asText()).isEqualTo(xss);

        String megabyteQuote = "a".repeat(1 << 20);
        HttpResponse<String> huge = post("/v1/documents/plan/comments", alice,
                "{\"kind\":\"comment\",\"text\":\"x\",\"quote\":\"" + megabyteQuote + "\",\"start_line\":1,\"end_line\":1}");
        assertThat(huge.statusCode()).isEqualTo(413);
        HttpResponse<String> longQuote = post("/v1/documents/plan/comments", alice,
                "{\"kind\":\"comment\",\"text\":\"x\",\"quote\":\"" + "a".repeat(2001) + "\",\"start_line\":1,\"end_line\":1}");
        assertThat(longQuote.statusCode()).isEqualTo(413);
        assertThat(TestMcq.json(longQuote).get("error").asText()).contains("quote is longer than 2000 characters");
        assertThat(post("/v1/documents/plan/comments", alice,
                "{\"kind\":\"comment\",\"text\":\"" + "b".repeat(16_385) + "\"}").statusCode()).isEqualTo(413);
        assertThat(mcq.send("POST", "/v1/documents/plan/comments", alice, "text/plain", "{}").statusCode())
                .isEqualTo(415);
    }

    private static String quoteJson(String text) {
        try {
            return net.metacircular.mcq.http.Json.MAPPER.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aLongPollAnswersSoonAfterTheVerdictAndPendingAfterItsWait() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> waiting = client.sendAsync(
                HttpRequest.newBuilder(URI.create(mcq.baseUrl() + "/v1/documents/plan/feedback?wait=60"))
                        .header("Authorization", "Bearer " + agent).build(),
                HttpResponse.BodyHandlers.ofString());
        awaitOpenWaits(1);
        long verdictAt = System.nanoTime();
        assertThat(post("/v1/documents/plan/review", alice, "{\"verdict\":\"approve\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> answer = waiting.get(5, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - verdictAt) / 1_000_000;
        assertThat(millis).isLessThan(1_000);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(TestMcq.json(answer).get("status").asText()).isEqualTo("approved");
        assertThat(TestMcq.json(answer).get("pending").asBoolean()).isFalse();

        assertThat(mcq.push("plan", "Plan", BODY + "\nMore.\n", agent).statusCode()).isEqualTo(200);
        HttpResponse<String> timedOut = mcq.get("/v1/documents/plan/feedback?wait=1", agent);
        assertThat(timedOut.statusCode()).isEqualTo(200);
        JsonNode pending = TestMcq.json(timedOut);
        assertThat(pending.get("pending").asBoolean()).isTrue();
        assertThat(pending.get("revision").asLong()).isEqualTo(2);
        assertThat(pending.get("verdict").isNull()).isTrue();
    }

    @Test
    void twoHundredWaitersAreAllAnsweredWhilePushesGoOnAndHealthStaysFast() throws Exception {
        int waiters = 200;
        HttpClient client = HttpClient.newBuilder().executor(java.util.concurrent.Executors.newFixedThreadPool(4))
                .build();
        for (int i = 0; i < 4; i++) {
            assertThat(mcq.push("doc-" + i, "Doc " + i, "Body " + i, agent).statusCode()).isEqualTo(201);
        }
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < waiters; i++) {
            // Half wait for a verdict that comes, half time out.
            String path = i % 2 == 0 ? "/v1/documents/plan/feedback?wait=30" : "/v1/documents/doc-" + (i % 4)
                    + "/feedback?wait=3";
            answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create(mcq.baseUrl() + path))
                    .header("Authorization", "Bearer " + agent).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        awaitOpenWaits(waiters);
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            assertThat(mcq.get("/v1/health", null).statusCode()).isEqualTo(200);
            assertThat((System.nanoTime() - start) / 1_000_000).as("health while %d wait", waiters).isLessThan(500);
            assertThat(mcq.push("busy", "Busy", "Body " + i, agent).statusCode()).isIn(200, 201);
        }
        assertThat(post("/v1/documents/plan/review", alice, "{\"verdict\":\"approve\"}").statusCode()).isEqualTo(200);
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        int approved = 0;
        int pending = 0;
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode feedback = TestMcq.json(response);
            if (feedback.get("pending").asBoolean()) {
                pending++;
            } else if (feedback.get("status").asText().equals("approved")) {
                approved++;
            }
        }
        assertThat(approved).isEqualTo(waiters / 2);
        assertThat(pending).isEqualTo(waiters / 2);
        assertThat(mcq.app.reviews().openWaits()).isZero();
    }

    /** Waits (bounded) until the service holds {@code count} open waits. */
    private void awaitOpenWaits(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (mcq.app.reviews().openWaits() < count) {
            assertThat(System.nanoTime()).as("waits registered").isLessThan(deadline);
            Thread.onSpinWait();
            Thread.sleep(1);
        }
    }
}
