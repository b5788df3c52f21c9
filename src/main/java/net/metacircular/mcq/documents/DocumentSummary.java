package net.metacircular.mcq.documents;

import java.time.Instant;

/**
 * A queue entry as one caller sees it: a document without its body.
 *
 * @param readRevision the revision the caller last marked read, {@code null} if never
 * @param reviewStatus where the review of the current revision stands (spec §15)
 */
public record DocumentSummary(String slug, String title, String pushedBy, Instant pushedAt, boolean read,
                              long revision, Long readRevision, ReviewStatus reviewStatus) {
}
