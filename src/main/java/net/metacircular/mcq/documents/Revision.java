package net.metacircular.mcq.documents;

import java.time.Instant;

/**
 * One stored revision of a document, with its body.
 *
 * @param bodyBytes the body's length in UTF-8 bytes
 */
public record Revision(long number, String title, String body, String pushedBy, Instant pushedAt,
                       String bodySha256, long bodyBytes) {

    public RevisionInfo info(long sizeChange) {
        return new RevisionInfo(number, title, pushedBy, pushedAt, bodySha256, bodyBytes, sizeChange);
    }
}
