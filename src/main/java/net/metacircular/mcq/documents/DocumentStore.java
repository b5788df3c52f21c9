package net.metacircular.mcq.documents;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where documents are kept, as {@link DocumentService} needs it. The service
 * owns this interface and the database package implements it, so the rules
 * never depend on how the store works. Input is valid by the time it gets
 * here; every method may throw {@link StorageException}.
 */
public interface DocumentStore {

    /**
     * Inserts or replaces a document: a re-push replaces title and body,
     * records the pusher, and marks the document unread.
     */
    PutResult upsert(String slug, String title, String body, String pushedBy, Instant now);

    Optional<Document> find(String slug);

    /** The queue, unread first, then newest. */
    List<DocumentSummary> list();

    /** Marks a document read or unread; empty when there is no such document. */
    Optional<Document> setRead(String slug, boolean read, Instant now);

    /** Removes a document; false when there was none. */
    boolean delete(String slug);

    /** Whether the store answers at all: the health check. */
    boolean isUsable();
}
