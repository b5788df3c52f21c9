package net.metacircular.mcq.attachments;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where attached files are kept. {@code db.SqliteAttachmentStore} is the
 * implementation; this interface is what {@link AttachmentService} needs, so
 * the rules never depend on SQL.
 *
 * <p>Which files a document keeps: a file stays while the body of any kept
 * revision mentions its name, or when it was uploaded after the current
 * revision was pushed (it is waiting for the push that links to it).
 * {@link #sweep} removes the others; it runs after every push that stores a
 * revision and before every upload, so a file outlives the last revision
 * that showed it only until the document next changes. Files go with their
 * document.
 */
public interface AttachmentStore {

    /**
     * Stores a file under {@code name}, replacing one of that name, after
     * sweeping the document's unkept files.
     *
     * @param maxTotalBytes the most all the document's files may hold together, this one included
     * @return empty when there is no such document
     * @throws TotalTooLarge when the document's files would exceed {@code maxTotalBytes}
     */
    Optional<StoredUpload> put(String slug, String name, String mediaType, byte[] bytes, String sha256,
                               String addedBy, Instant at, long maxTotalBytes);

    /** The document's files by name; empty when there is no such document. */
    Optional<List<Attachment>> list(String slug);

    /** One file with its bytes; empty when the document or the file does not exist. */
    Optional<AttachmentContent> get(String slug, String name);

    /** Whether a file of that name existed (and is now gone). */
    boolean delete(String slug, String name);

    /** Removes the document's files that no kept revision mentions and that are older than its current revision. */
    void sweep(String slug);

    /** An upload the document's files have no room for. */
    final class TotalTooLarge extends RuntimeException {
        private final long keptBytes;

        public TotalTooLarge(long keptBytes) {
            super("the document's files hold " + keptBytes + " bytes", null, false, false);
            this.keptBytes = keptBytes;
        }

        /** What the document's other files already hold. */
        public long keptBytes() {
            return keptBytes;
        }
    }
}
