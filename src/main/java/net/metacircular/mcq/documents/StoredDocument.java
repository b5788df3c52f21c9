package net.metacircular.mcq.documents;

import java.time.Instant;
import java.util.List;

/**
 * A document as the store keeps it, the same for every caller: the current
 * revision's content and every account's read mark. {@link ReadState} turns
 * it into what one caller sees.
 *
 * @param reviewStatus where the review of the current revision stands
 */
public record StoredDocument(
        String slug,
        String title,
        String body,
        String pushedBy,
        Instant pushedAt,
        Instant createdAt,
        long revision,
        String bodySha256,
        List<ReadMarker> markers,
        ReviewStatus reviewStatus) {

    public StoredDocument {
        markers = List.copyOf(markers);
    }
}
