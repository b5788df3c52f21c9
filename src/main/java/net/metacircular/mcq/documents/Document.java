package net.metacircular.mcq.documents;

import java.time.Instant;
import java.util.List;

/**
 * A document as one caller sees it: the current revision with its Markdown
 * body, and the read state from that caller's point of view (spec §14).
 *
 * @param read         for a person: they have read the current revision; for a system account:
 *                     some person has (or the account itself marked it read)
 * @param readAt       when the current revision was marked read, as {@code read} counts it;
 *                     {@code null} while unread
 * @param revision     the current revision: 1 on first push, +1 for each push that changed it
 * @param bodySha256   SHA-256 of the body's UTF-8 bytes, lower-case hex
 * @param readRevision the revision the caller last marked read, {@code null} if never; older than
 *                     {@code revision} means "changed since you read it"
 * @param readers      the people who have marked some revision read, newest mark first
 * @param reviewStatus where the review of the current revision stands (spec §15)
 */
public record Document(
        String slug,
        String title,
        String body,
        String pushedBy,
        Instant pushedAt,
        boolean read,
        Instant readAt,
        Instant createdAt,
        long revision,
        String bodySha256,
        Long readRevision,
        List<Reader> readers,
        ReviewStatus reviewStatus) {

    public Document {
        readers = List.copyOf(readers);
    }

    /** The queue entry of this document, as the same caller sees it. */
    public DocumentSummary summary() {
        return new DocumentSummary(slug, title, pushedBy, pushedAt, read, revision, readRevision, reviewStatus);
    }

    /** Whether the caller read an older revision, so the reader can offer the changes since. */
    public boolean changedSinceRead() {
        return readRevision != null && readRevision < revision;
    }
}
