package net.metacircular.mcq.server;

import net.metacircular.mcq.documents.Document;
import net.metacircular.mcq.documents.ReviewStatus;
import net.metacircular.mcq.documents.DocumentView;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST response cache is keyed by the identity of the value served: the
 * store makes a new object for every push, revision or read mark, so a new
 * version always misses and is encoded afresh.
 */
class ResponseCacheTest {

    private static Document document(String slug, String body, long revision) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return new Document(slug, "Title", body, "alice", now, false, null, now, revision, "", null, List.of(), ReviewStatus.PENDING);
    }

    @Test
    void theSameObjectIsEncodedOnce() {
        ResponseCache cache = new ResponseCache(1024 * 1024);
        Document document = document("a", "body", 1);
        assertThat(cache.json(document, DocumentView::of)).isSameAs(cache.json(document, DocumentView::of));
    }

    @Test
    void aNewObjectIsANewKeyEvenWhenEqual() {
        ResponseCache cache = new ResponseCache(1024 * 1024);
        Document first = document("a", "body", 1);
        Document equalCopy = document("a", "body", 1);
        assertThat(equalCopy).isEqualTo(first);
        assertThat(cache.json(equalCopy, DocumentView::of)).isNotSameAs(cache.json(first, DocumentView::of));
    }

    @Test
    void aNewRevisionNeverServesTheOldJson() {
        ResponseCache cache = new ResponseCache(1024 * 1024);
        String first = new String(cache.json(document("a", "first body", 1), DocumentView::of),
                StandardCharsets.UTF_8);
        String second = new String(cache.json(document("a", "second body", 2), DocumentView::of),
                StandardCharsets.UTF_8);
        assertThat(first).contains("first body");
        assertThat(second).contains("second body").doesNotContain("first body");
    }

    @Test
    void theBytesHeldNeverExceedTheBound() {
        long bound = 64 * 1024;
        ResponseCache cache = new ResponseCache(bound);
        java.util.List<Document> kept = new java.util.ArrayList<>(); // strong references: weak keys must not hide the bound
        for (int i = 0; i < 1_000; i++) {
            Document document = document("doc-" + i, "z".repeat(1_000), 1);
            kept.add(document);
            cache.json(document, DocumentView::of);
            if (i % 50 == 0) {
                assertThat(cache.weightedBytes()).isLessThanOrEqualTo(bound);
            }
        }
        assertThat(cache.weightedBytes()).isLessThanOrEqualTo(bound).isGreaterThan(bound / 2);
        assertThat(kept).hasSize(1_000);
    }

    @Test
    void aRePushIsServedAtOnceOverRest(@TempDir Path dir) {
        try (TestMcq mcq = TestMcq.start(dir)) {
            String token = mcq.aliceToken();
            assertThat(mcq.push("notes", "Notes", "first version", token).statusCode()).isBetween(200, 201);
            assertThat(mcq.get("/v1/documents/notes", token).body()).contains("first version");
            assertThat(mcq.get("/v1/documents/notes", token).body()).contains("first version");

            assertThat(mcq.push("notes", "Notes", "second version", token).statusCode()).isBetween(200, 201);
            String body = mcq.get("/v1/documents/notes", token).body();
            assertThat(body).contains("second version").doesNotContain("first version");
            assertThat(mcq.get("/v1/documents", token).body()).contains("notes");
        }
    }
}
