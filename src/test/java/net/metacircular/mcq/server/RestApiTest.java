package net.metacircular.mcq.server;

import com.fasterxml.jackson.databind.JsonNode;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST API end to end: real server, real SQLite file, the development MCIAS over HTTP. */
class RestApiTest {

    @TempDir
    static Path dir;
    static TestMcq mcq;
    static String alice;
    static String bot;

    @BeforeAll
    static void start() {
        mcq = TestMcq.start(dir);
        alice = mcq.aliceToken();
        bot = mcq.systemToken();
    }

    @AfterAll
    static void stop() {
        mcq.close();
    }

    @Test
    void healthNeedsNoToken() {
        HttpResponse<String> response = mcq.get("/v1/health", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestMcq.json(response).path("status").asText()).isEqualTo("ok");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    }

    @Test
    void rePushOfAReadDocumentMakesItUnreadAndUpdatesIt() {
        HttpResponse<String> created = mcq.push("upsert-doc", "First title", "# One\n", alice);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains("/v1/documents/upsert-doc");
        JsonNode first = TestMcq.json(created);
        assertThat(first.path("pushed_by").asText()).isEqualTo("alice");
        assertThat(first.path("read").asBoolean()).isFalse();

        HttpResponse<String> read = mcq.send("POST", "/v1/documents/upsert-doc/read", alice, null, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(TestMcq.json(read).path("read").asBoolean()).isTrue();
        assertThat(TestMcq.json(read).path("read_at").asText()).isNotEmpty();

        mcq.clock.advance(Duration.ofSeconds(5));
        HttpResponse<String> replaced = mcq.push("upsert-doc", "Second title", "# Two\n", bot);
        assertThat(replaced.statusCode()).isEqualTo(200);

        JsonNode doc = TestMcq.json(mcq.get("/v1/documents/upsert-doc", alice));
        assertThat(doc.path("title").asText()).isEqualTo("Second title");
        assertThat(doc.path("body").asText()).isEqualTo("# Two\n");
        assertThat(doc.path("pushed_by").asText()).isEqualTo("ci-bot");
        assertThat(doc.path("read").asBoolean()).isFalse();
        assertThat(doc.path("read_at").isNull()).isTrue();
        Instant firstPush = Instant.parse(first.path("pushed_at").asText());
        Instant secondPush = Instant.parse(doc.path("pushed_at").asText());
        assertThat(secondPush).isAfter(firstPush);
        assertThat(doc.path("created_at").asText()).isEqualTo(first.path("created_at").asText());
        // RFC 3339 in UTC.
        assertThat(doc.path("pushed_at").asText()).endsWith("Z");
    }

    @Test
    void listHasNoBodiesAndPutsUnreadFirst() {
        mcq.push("list-read", "Read one", "body", alice);
        mcq.send("POST", "/v1/documents/list-read/read", alice, null, null);
        mcq.clock.advance(Duration.ofSeconds(1));
        mcq.push("list-unread", "Unread one", "body", alice);

        JsonNode documents = TestMcq.json(mcq.get("/v1/documents", alice)).path("documents");
        assertThat(documents.isArray()).isTrue();
        int unreadIndex = -1;
        int readIndex = -1;
        for (int i = 0; i < documents.size(); i++) {
            JsonNode d = documents.get(i);
            assertThat(d.has("body")).isFalse();
            assertThat(d.has("slug") && d.has("title") && d.has("pushed_by") && d.has("pushed_at") && d.has("read")).isTrue();
            if (d.path("slug").asText().equals("list-unread")) {
                unreadIndex = i;
            }
            if (d.path("slug").asText().equals("list-read")) {
                readIndex = i;
            }
        }
        assertThat(unreadIndex).isNotNegative().isLessThan(readIndex);
        for (int i = 1; i < documents.size(); i++) {
            boolean previousRead = documents.get(i - 1).path("read").asBoolean();
            boolean thisRead = documents.get(i).path("read").asBoolean();
            assertThat(previousRead && !thisRead).as("unread after read at %d", i).isFalse();
        }
    }

    @Test
    void deleteUnqueues() {
        mcq.push("to-delete", "Gone soon", "x", alice);
        assertThat(mcq.send("DELETE", "/v1/documents/to-delete", alice, null, null).statusCode()).isEqualTo(204);
        HttpResponse<String> after = mcq.get("/v1/documents/to-delete", alice);
        assertThat(after.statusCode()).isEqualTo(404);
        assertThat(TestMcq.json(after).path("error").asText()).contains("to-delete");
        assertThat(mcq.send("DELETE", "/v1/documents/to-delete", alice, null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void markUnreadClearsReadAt() {
        mcq.push("toggle", "Toggle", "x", alice);
        mcq.send("POST", "/v1/documents/toggle/read", alice, null, null);
        HttpResponse<String> unread = mcq.send("POST", "/v1/documents/toggle/unread", alice, null, null);
        assertThat(unread.statusCode()).isEqualTo(200);
        assertThat(TestMcq.json(unread).path("read").asBoolean()).isFalse();
        assertThat(TestMcq.json(unread).path("read_at").isNull()).isTrue();
    }

    @Test
    void unknownEndpointsAnswerJson() {
        HttpResponse<String> response = mcq.get("/v1/nothing-here", alice);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(TestMcq.json(response).path("error").asText()).isNotEmpty();
        HttpResponse<String> wrongMethod = mcq.send("PATCH", "/v1/documents/x", alice, "application/json", "{}");
        assertThat(wrongMethod.statusCode()).isIn(404, 405);
        assertThat(TestMcq.json(wrongMethod).path("error").asText()).isNotEmpty();
    }

    @Test
    void responsesCarrySecurityHeaders() {
        HttpResponse<String> response = mcq.get("/v1/documents", alice);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors 'none'");
        assertThat(response.headers().firstValue("Server")).isEmpty();
    }
}
