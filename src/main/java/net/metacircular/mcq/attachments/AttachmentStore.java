package net.metacircular.mcq.attachments;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where attached files are kept. {@code db.SqliteAttachmentStore} is the
 * implementation; this interface is what {@link AttachmentService} needs, so
 * the rules never depend on SQL.
 *
 * <p>Attachments belong to the revisions that reference them: each upload
 * of new bytes under a name is a version of that name, and revision r shows,
 * for each name, the latest version uploaded before the revision after r was
 * pushed (the current revision shows the latest version). An upload of the
 * bytes the name already has reuses that version.
 *
 * <p>Which versions a document keeps: a version stays while a kept revision
 * that mentions its name shows it, and the latest version of a name stays
 * while the current revision mentions the name or when it was uploaded after
 * the current revision was pushed (it is waiting for the push that links to
 * it). {@link #sweep} removes the others; it runs after every push that
 * stores a revision and at every upload, so a version outlives the last
 * revision that showed it only until the document next changes. Files go
 * with their document.
 */
public interface AttachmentStore {

    /**
     * Stores a new version of {@code name} (or reuses the latest one when it
     * has these bytes) and sweeps the document's unkept versions.
     *
     * @param maxTotalBytes the most all the document's kept versions may hold together, this one included
     * @return empty when there is no such document
     * @throws TotalTooLarge when the document's files would exceed {@code maxTotalBytes}
     */
    Optional<StoredUpload> put(String slug, String name, String mediaType, byte[] bytes, String sha256,
                               String addedBy, Instant at, long maxTotalBytes);

    /**
     * The document's files by name, each in the version {@code revision} shows.
     *
     * @param revision a kept revision, or null for the current one (the latest versions)
     * @return empty when there is no such document
     * @throws NoSuchRevision when the document keeps no such revision
     */
    Optional<List<Attachment>> list(String slug, Long revision);

    /**
     * One file with its bytes, in the version {@code revision} shows.
     *
     * @param revision a kept revision, or null for the current one (the latest version)
     * @return empty when the document or the file does not exist
     * @throws NoSuchRevision when the document keeps no such revision
     */
    Optional<AttachmentContent> get(String slug, String name, Long revision);

    /** Whether a file of that name existed (and is now gone, all its versions). */
    boolean delete(String slug, String name);

    /** Removes the document's versions that no kept revision shows and that wait for no push. */
    void sweep(String slug);

    /** A revision the document does not keep (never pushed, or pruned). */
    final class NoSuchRevision extends RuntimeException {
        private final long revision;

        public NoSuchRevision(long revision) {
            super("no revision " + revision, null, false, false);
            this.revision = revision;
        }

        public long revision() {
            return revision;
        }
    }

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
