package net.metacircular.mcq.db;

import net.metacircular.mcq.documents.ReviewStatus;
import net.metacircular.mcq.documents.StoredDocument;

import java.util.List;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentCacheTest {

    private static StoredDocument document(String slug, String body) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return new StoredDocument(slug, "Title " + slug, body, "alice", now, now, 1, "", List.of(), ReviewStatus.PENDING);
    }

    @Test
    void theBytesHeldNeverExceedTheBound() {
        long bound = 64 * 1024;
        DocumentCache cache = new DocumentCache(bound);
        String body = "x".repeat(1_000);
        for (int i = 0; i < 1_000; i++) {
            cache.put(document("doc-" + i, body));
            if (i % 50 == 0) {
                assertThat(cache.weightedBytes()).isLessThanOrEqualTo(bound);
            }
        }
        assertThat(cache.weightedBytes()).isLessThanOrEqualTo(bound).isGreaterThan(bound / 2);
    }

    @Test
    void aNewVersionReplacesTheOldOne() {
        DocumentCache cache = new DocumentCache(1024 * 1024);
        cache.put(document("a", "first"));
        cache.put(document("a", "second"));
        assertThat(cache.get("a").body()).isEqualTo("second");
        assertThat(cache.weightedBytes()).isEqualTo(DocumentCache.weight(document("a", "second")));
    }

    @Test
    void aDocumentLargerThanTheBoundIsNotKeptAndDropsItsOlderVersion() {
        DocumentCache cache = new DocumentCache(4 * 1024);
        cache.put(document("small", "s"));
        cache.put(document("a", "old"));
        cache.put(document("a", "y".repeat(10_000)));
        assertThat(cache.get("a")).isNull();
        assertThat(cache.get("small")).isNotNull();
    }

    @Test
    void removeForgetsADocument() {
        DocumentCache cache = new DocumentCache(1024 * 1024);
        cache.put(document("a", "body"));
        cache.remove("a");
        assertThat(cache.get("a")).isNull();
        assertThat(cache.weightedBytes()).isZero();
    }
}
