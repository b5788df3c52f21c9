package net.metacircular.mcq.documents;

import java.time.Instant;

/**
 * A revision in a document's history, without its body.
 *
 * @param sizeChange body bytes gained (negative: lost) since the next older revision still kept;
 *                   for the oldest kept revision, its whole size
 */
public record RevisionInfo(long number, String title, String pushedBy, Instant pushedAt, String bodySha256,
                           long bodyBytes, long sizeChange) {
}
