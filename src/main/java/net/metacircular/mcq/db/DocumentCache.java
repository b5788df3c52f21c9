package net.metacircular.mcq.db;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import net.metacircular.mcq.documents.StoredDocument;
import net.metacircular.mcq.documents.StoredSummary;

import java.util.List;

/**
 * Recently read documents and the current queue, so that a reviewer's reads
 * do not go to SQLite and decode the same body again and again.
 *
 * <p>Coherent because MCQ is the only writer of its database (a restore
 * requires the server to be stopped) and every write goes through
 * {@link SqliteDocumentStore}, which updates this cache in the same critical
 * section as the write. Documents are bounded by the bytes of their bodies
 * and titles (Caffeine, weighed); the queue is one value, replaced or
 * dropped on every write.
 */
final class DocumentCache {

    /** What an entry costs beyond its text: key, record, bookkeeping. */
    static final int ENTRY_OVERHEAD_BYTES = 256;

    private final long maxBytes;
    private final Cache<String, StoredDocument> documents;
    private volatile List<StoredSummary> queue;

    DocumentCache(long maxBytes) {
        this.maxBytes = maxBytes;
        this.documents = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String slug, StoredDocument document) -> weight(document))
                .build();
    }

    StoredDocument get(String slug) {
        return documents.getIfPresent(slug);
    }

    void put(StoredDocument document) {
        if (weight(document) > maxBytes) {
            // Too large to keep: dropping any older version keeps the cache coherent,
            // and admitting it would only push every other entry out.
            documents.invalidate(document.slug());
            return;
        }
        documents.put(document.slug(), document);
    }

    void remove(String slug) {
        documents.invalidate(slug);
    }

    List<StoredSummary> queue() {
        return queue;
    }

    void setQueue(List<StoredSummary> queue) {
        this.queue = queue;
    }

    /** Any write changes the queue (order, titles or read marks). */
    void invalidateQueue() {
        queue = null;
    }

    /** The bytes held, after pending evictions have run. */
    long weightedBytes() {
        documents.cleanUp();
        return documents.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    /** Java strings hold up to two bytes per character. */
    static int weight(StoredDocument document) {
        long bytes = 2L * (document.body().length() + document.title().length()) + ENTRY_OVERHEAD_BYTES;
        return (int) Math.min(bytes, Integer.MAX_VALUE);
    }
}
