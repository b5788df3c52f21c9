package net.metacircular.mcq.documents;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where documents, their revisions and read marks are kept, as
 * {@link DocumentService} needs it. The service owns this interface and the
 * database package implements it, so the rules never depend on how the
 * store works. Input is valid by the time it gets here; every method may
 * throw {@link StorageException}.
 */
public interface DocumentStore {

    /**
     * Stores a push in one transaction. When title and body hash equal the
     * current revision's, nothing is written ({@code changed} false).
     * Otherwise the next revision is appended, the document points at it,
     * and revisions beyond {@code maxRevisions} that no read mark points at
     * are pruned (never the current one).
     */
    StoredPush push(String slug, String title, PushedBody body, String pushedBy, Instant now, int maxRevisions);

    Optional<StoredDocument> find(String slug);

    /** Every document without its body, in no particular order. */
    List<StoredSummary> list();

    /** Records that {@code username} read the current revision; empty when there is no such document. */
    Optional<StoredDocument> markRead(String slug, String username, boolean human, Instant now);

    /**
     * Removes {@code username}'s read mark, and a mark carried over from
     * before read state was per reviewer (which would otherwise keep it
     * read); empty when there is no such document.
     */
    Optional<StoredDocument> markUnread(String slug, String username);

    /** Removes a document with its revisions and marks; false when there was none. */
    boolean delete(String slug);

    /** The kept revisions, newest first; empty when there is no such document. */
    Optional<List<RevisionInfo>> revisions(String slug);

    /** One kept revision; empty when the document or the revision does not exist (or was pruned). */
    Optional<Revision> revision(String slug, long number);

    /** Whether the store answers at all: the health check. */
    boolean isUsable();
}
