package net.metacircular.mcq.db;

import net.metacircular.mcq.documents.Document;
import net.metacircular.mcq.documents.DocumentSummary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recently read documents and the current queue, so that a reviewer's reads
 * do not go to SQLite and decode the same body again and again.
 *
 * <p>Coherent because MCQ is the only writer of its database (a restore
 * requires the server to be stopped) and every write goes through
 * {@link DocumentStore}, which updates this cache in the same critical
 * section as the write. Bounded by the bytes of cached bodies.
 */
final class DocumentCache {

    private final long maxBytes;
    private long bytes;
    private final LinkedHashMap<String, Document> documents = new LinkedHashMap<>(64, 0.75f, true);
    private List<DocumentSummary> queue;

    DocumentCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    synchronized Document get(String slug) {
        return documents.get(slug);
    }

    synchronized void put(Document document) {
        remove(document.slug());
        long size = weight(document);
        if (size > maxBytes) {
            return;
        }
        documents.put(document.slug(), document);
        bytes += size;
        var eldest = documents.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            Map.Entry<String, Document> entry = eldest.next();
            bytes -= weight(entry.getValue());
            eldest.remove();
        }
    }

    synchronized void remove(String slug) {
        Document old = documents.remove(slug);
        if (old != null) {
            bytes -= weight(old);
        }
    }

    synchronized List<DocumentSummary> queue() {
        return queue;
    }

    synchronized void setQueue(List<DocumentSummary> queue) {
        this.queue = queue;
    }

    /** Any write changes the queue (order, titles or read marks). */
    synchronized void invalidateQueue() {
        queue = null;
    }

    /** Java strings hold up to two bytes per character. */
    private static long weight(Document document) {
        return 2L * (document.body().length() + document.title().length()) + 256;
    }
}
