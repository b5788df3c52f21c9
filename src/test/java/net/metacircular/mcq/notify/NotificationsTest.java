package net.metacircular.mcq.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notifications end to end: a real MCQ with {@code [notify]} targets and
 * {@code [server] public_url}, pushes and replies over REST, and local HTTP
 * receivers that record what arrives.
 */
class NotificationsTest {

    private static final String PUBLIC_URL = "https://mcq.example.net";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T opened(T resource) {
        open.add(resource);
        return resource;
    }

    /** MCQ telling an ntfy target and a JSON target, whose URLs carry a secret topic and token. */
    private TestMcq mcq(String ntfyBase, String jsonBase, String publicUrl) {
        String serverKeys = publicUrl == null ? "" : "public_url = \"" + publicUrl + "\"";
        return opened(TestMcq.startWithServerKeys(dir, serverKeys, """

                [[notify.targets]]
                url = "%s/mcq-reviews-8f3k"
                format = "ntfy"

                [[notify.targets]]
                url = "%s/hooks/mcq?token=s3cret"
                format = "json"
                """.formatted(ntfyBase, jsonBase)));
    }

    @Test
    void aChangedPushSendsOneMessageInEachFormatAndAnIdenticalPushNone() throws Exception {
        Receiver ntfy = opened(Receiver.start());
        Receiver hook = opened(Receiver.start());
        TestMcq mcq = mcq(ntfy.base(), hook.base(), PUBLIC_URL + "/");
        String alice = mcq.aliceToken();

        assertThat(mcq.push("plan", "Plan ✓", "# Plan\n", alice).statusCode()).isEqualTo(201);
        Receiver.Received first = ntfy.next(WAIT);
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.pathAndQuery()).isEqualTo("/mcq-reviews-8f3k");
        assertThat(first.body()).isEqualTo("alice pushed \u201CPlan ✓\u201D for review");
        // The title is not ASCII: an RFC 2047 encoded word, which ntfy decodes.
        assertThat(first.header("Title")).isEqualTo("=?UTF-8?B?UGxhbiDinJM=?=");
        assertThat(first.header("Click")).isEqualTo(PUBLIC_URL + "/d/plan");
        assertThat(first.header("Tags")).isEqualTo("memo");
        Receiver.Received firstJson = hook.next(WAIT);
        assertThat(firstJson.pathAndQuery()).isEqualTo("/hooks/mcq?token=s3cret");
        assertThat(firstJson.header("Content-Type")).isEqualTo("application/json");
        JsonNode fields = JSON.readTree(firstJson.body());
        assertThat(fields.get("event").asText()).isEqualTo("pushed");
        assertThat(fields.get("slug").asText()).isEqualTo("plan");
        assertThat(fields.get("title").asText()).isEqualTo("Plan ✓");
        assertThat(fields.get("revision").asLong()).isEqualTo(1);
        assertThat(fields.get("by").asText()).isEqualTo("alice");
        assertThat(fields.get("url").asText()).isEqualTo(PUBLIC_URL + "/d/plan");
        assertThat(fields.get("at").asText()).isEqualTo(TestMcq.json(mcq.get("/v1/documents/plan", alice))
                .get("pushed_at").asText());

        // The same title and body again stores nothing and tells no one: the next message is the next change.
        HttpResponse<String> identical = mcq.push("plan", "Plan ✓", "# Plan\n", alice);
        assertThat(identical.statusCode()).isEqualTo(200);
        assertThat(TestMcq.json(identical).get("changed").asBoolean()).isFalse();
        assertThat(mcq.push("plan", "Plan ✓", "# Plan\n\nRevised.\n", alice).statusCode()).isEqualTo(200);
        Receiver.Received second = ntfy.next(WAIT);
        assertThat(second.body()).isEqualTo("alice pushed revision 2 of \u201CPlan ✓\u201D");
        JsonNode secondFields = JSON.readTree(hook.next(WAIT).body());
        assertThat(secondFields.get("revision").asLong()).isEqualTo(2);
        assertThat(secondFields.get("event").asText()).isEqualTo("pushed");
    }

    @Test
    void anAgentsReplyNotifiesAndAPersonsDoesNot() throws Exception {
        Receiver ntfy = opened(Receiver.start());
        Receiver hook = opened(Receiver.start());
        TestMcq mcq = mcq(ntfy.base(), hook.base(), PUBLIC_URL);
        String alice = mcq.aliceToken();
        String agent = mcq.systemToken();

        assertThat(mcq.push("plan", "Plan", "# Plan\n", agent).statusCode()).isEqualTo(201);
        assertThat(ntfy.next(WAIT).body()).isEqualTo("ci-bot pushed \u201CPlan\u201D for review");
        hook.next(WAIT);
        HttpResponse<String> comment = mcq.send("POST", "/v1/documents/plan/comments", alice, "application/json",
                "{\"kind\":\"comment\",\"text\":\"Why?\"}");
        assertThat(comment.statusCode()).as(comment.body()).isEqualTo(201);
        long id = TestMcq.json(comment).get("id").asLong();

        // A person's reply: nothing. An agent's: one message each.
        assertThat(mcq.send("POST", "/v1/documents/plan/comments/" + id + "/replies", alice, "application/json",
                "{\"text\":\"Please say\"}").statusCode()).isEqualTo(201);
        assertThat(mcq.send("POST", "/v1/documents/plan/comments/" + id + "/replies", agent, "application/json",
                "{\"text\":\"Because\"}").statusCode()).isEqualTo(201);
        Receiver.Received reply = ntfy.next(WAIT);
        assertThat(reply.body()).isEqualTo("ci-bot replied to a comment on \u201CPlan\u201D");
        assertThat(reply.header("Click")).isEqualTo(PUBLIC_URL + "/d/plan");
        assertThat(reply.header("Tags")).isEqualTo("speech_balloon");
        JsonNode fields = JSON.readTree(hook.next(WAIT).body());
        assertThat(fields.get("event").asText()).isEqualTo("replied");
        assertThat(fields.get("by").asText()).isEqualTo(TestMcq.SYSTEM_ACCOUNT);
        assertThat(fields.get("revision").asLong()).isEqualTo(1);
    }

    @Test
    void withoutAPublicUrlMessagesGoWithoutALink() throws Exception {
        Receiver ntfy = opened(Receiver.start());
        Receiver hook = opened(Receiver.start());
        TestMcq mcq = mcq(ntfy.base(), hook.base(), null);

        assertThat(mcq.push("plan", "Plan", "x", mcq.aliceToken()).statusCode()).isEqualTo(201);
        Receiver.Received message = ntfy.next(WAIT);
        assertThat(message.header("Click")).isNull();
        assertThat(message.header("Title")).isEqualTo("Plan");
        assertThat(JSON.readTree(hook.next(WAIT).body()).has("url")).isFalse();
    }

    @Test
    void withTheReceiverDownPushesSucceedAndTheMessagesArriveOnceItIsUp() throws Exception {
        int ntfyPort = Receiver.unusedPort();
        int hookPort = Receiver.unusedPort();
        TestMcq mcq = mcq("http://127.0.0.1:" + ntfyPort, "http://127.0.0.1:" + hookPort, PUBLIC_URL);
        String alice = mcq.aliceToken();

        assertThat(mcq.push("first", "First", "1", alice).statusCode()).isEqualTo(201);
        assertThat(mcq.push("second", "Second", "2", alice).statusCode()).isEqualTo(201);
        assertThat(mcq.push("first", "First", "1 again", alice).statusCode()).isEqualTo(200);

        Receiver ntfy = opened(Receiver.startOn(ntfyPort));
        Receiver hook = opened(Receiver.startOn(hookPort));
        // Retried after 1 s, 2 s, 4 s …: well within the retry window, in the order pushed.
        assertThat(ntfy.next(3, WAIT)).extracting(Receiver.Received::body).containsExactly(
                "alice pushed \u201CFirst\u201D for review", "alice pushed \u201CSecond\u201D for review",
                "alice pushed revision 2 of \u201CFirst\u201D");
        List<String> slugs = new ArrayList<>();
        for (Receiver.Received received : hook.next(3, WAIT)) {
            slugs.add(JSON.readTree(received.body()).get("slug").asText());
        }
        assertThat(slugs).containsExactly("first", "second", "first");
    }

    @Test
    void aReceiverThatNeverAnswersDoesNotSlowPushes() {
        Receiver ntfy = opened(Receiver.holding());
        Receiver hook = opened(Receiver.holding());
        TestMcq mcq = mcq(ntfy.base(), hook.base(), PUBLIC_URL);
        String alice = mcq.aliceToken();

        assertThat(mcq.push("slow-0", "Slow", "0", alice).statusCode()).isEqualTo(201);
        // The sender is now inside a request the receiver holds.
        await(ntfy.holding);
        for (int i = 1; i <= 5; i++) {
            long started = System.nanoTime();
            assertThat(mcq.push("slow-" + i, "Slow", String.valueOf(i), alice).statusCode()).isEqualTo(201);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("push " + i)
                    .isLessThan(Duration.ofSeconds(2));
        }
        // Every push above returned while the receiver held the first request unanswered.
        assertThat(ntfy.answered.get()).isZero();
        assertThat(hook.answered.get()).isZero();
        ntfy.release();
        hook.release();
        assertThat(ntfy.next(WAIT).body()).contains("\u201CSlow\u201D");
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            assertThat(latch.await(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
                    .as("a request reached the receiver").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
