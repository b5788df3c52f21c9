package net.metacircular.mcq.documents;

import java.time.Instant;
import java.util.List;

/** A queue entry as the store keeps it: no body, every account's read mark. */
public record StoredSummary(String slug, String title, String pushedBy, Instant pushedAt, long revision,
                            List<ReadMarker> markers, ReviewStatus reviewStatus) {

    public StoredSummary {
        markers = List.copyOf(markers);
    }
}
