package net.metacircular.mcq.documents;

import com.fasterxml.jackson.databind.JsonNode;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spec §14 on a running MCQ over REST: revisions, "changed: false" for an
 * identical push, and read state as each kind of caller sees it.
 */
class RevisionReadStateTest {

    @TempDir
    static Path dir;
    private static TestMcq mcq;
    private static String alice;
    private static String admin;
    private static String agent;

    @BeforeAll
    static void start() {
        mcq = TestMcq.start(dir);
        alice = mcq.aliceToken();
        admin = mcq.login("admin", "admin-dev-password");
        agent = mcq.systemToken();
    }

    @AfterAll
    static void stop() {
        mcq.close();
    }

    @Test
    void aReviewerSeesWhatChangedSinceTheyReadAndAnIdenticalPushChangesNothing() {
        JsonNode first = json(mcq.push("plan-a", "Plan", "# Plan\n\nStep one.\n", agent), 201);
        assertThat(first.path("revision").asLong()).isEqualTo(1);
        assertThat(first.path("changed").asBoolean()).isTrue();

        json(mcq.send("POST", "/v1/documents/plan-a/read", alice, null, null), 200);
        assertThat(doc("plan-a", agent).path("read").asBoolean())
                .as("the agent sees that a person read revision 1").isTrue();

        JsonNode second = json(mcq.push("plan-a", "Plan", "# Plan\n\nStep one.\nStep two.\n", agent), 200);
        assertThat(second.path("revision").asLong()).isEqualTo(2);
        assertThat(second.path("changed").asBoolean()).isTrue();
        JsonNode third = json(mcq.push("plan-a", "Plan", "# Plan\n\nStep one.\nStep two.\n", agent), 200);
        assertThat(third.path("changed").asBoolean()).isFalse();
        assertThat(third.path("revision").asLong()).as("an identical push stores no revision").isEqualTo(2);

        JsonNode history = json(mcq.get("/v1/documents/plan-a/revisions", alice), 200);
        assertThat(history.path("revisions")).hasSize(2);

        JsonNode forAlice = doc("plan-a", alice);
        assertThat(forAlice.path("read").asBoolean()).isFalse();
        assertThat(forAlice.path("read_revision").asLong()).as("changed since revision 1").isEqualTo(1);
        assertThat(forAlice.path("readers")).singleElement().satisfies(reader -> {
            assertThat(reader.path("username").asText()).isEqualTo("alice");
            assertThat(reader.path("revision").asLong()).isEqualTo(1);
        });

        JsonNode forAdmin = doc("plan-a", admin);
        assertThat(forAdmin.path("read").asBoolean()).isFalse();
        assertThat(forAdmin.path("read_revision").isNull()).as("admin never read it: no changes banner").isTrue();

        assertThat(doc("plan-a", agent).path("read").asBoolean())
                .as("no person has read revision 2 yet").isFalse();
        json(mcq.send("POST", "/v1/documents/plan-a/read", admin, null, null), 200);
        assertThat(doc("plan-a", agent).path("read").asBoolean()).isTrue();
        assertThat(doc("plan-a", alice).path("read").asBoolean())
                .as("admin's mark is admin's: alice still has revision 2 to read").isFalse();
    }

    @Test
    void theQueuePutsWhatTheCallerHasNotReadFirst() {
        mcq.push("queue-old", "Old", "old", agent);
        mcq.clock.advance(java.time.Duration.ofSeconds(5));
        mcq.push("queue-new", "New", "new", agent);
        json(mcq.send("POST", "/v1/documents/queue-new/read", alice, null, null), 200);

        assertThat(order(alice)).containsSubsequence("queue-old", "queue-new");
        assertThat(order(admin)).containsSubsequence("queue-new", "queue-old");
    }

    @Test
    void markingUnreadForgetsOnlyTheCallersOwnMark() {
        mcq.push("shared", "Shared", "text", agent);
        json(mcq.send("POST", "/v1/documents/shared/read", alice, null, null), 200);
        json(mcq.send("POST", "/v1/documents/shared/read", admin, null, null), 200);
        JsonNode unread = json(mcq.send("POST", "/v1/documents/shared/unread", alice, null, null), 200);
        assertThat(unread.path("read").asBoolean()).isFalse();
        assertThat(doc("shared", admin).path("read").asBoolean()).isTrue();
    }

    private static java.util.List<String> order(String token) {
        java.util.List<String> slugs = new java.util.ArrayList<>();
        json(mcq.get("/v1/documents", token), 200).path("documents").forEach(d -> slugs.add(d.path("slug").asText()));
        return slugs;
    }

    private static JsonNode doc(String slug, String token) {
        return json(mcq.get("/v1/documents/" + slug, token), 200);
    }

    private static JsonNode json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return TestMcq.json(response);
    }
}
