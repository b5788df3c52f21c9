package net.metacircular.mcq.documents;

import net.metacircular.mcq.auth.Caller;

import java.util.Comparator;
import java.util.List;

/**
 * Read state from one caller's point of view (spec §14), computed from the
 * stored read marks. The one place that decides what {@code read} means:
 * for a person, "I have read the current revision"; for a system account,
 * "some person has read it" (or the account itself marked it read, so an
 * agent that marks a document read sees it read).
 */
final class ReadState {

    private final Caller caller;

    ReadState(Caller caller) {
        this.caller = caller;
    }

    Document of(StoredDocument stored) {
        List<ReadMarker> markers = stored.markers();
        ReadMarker counted = countedMark(markers, stored.revision());
        return new Document(stored.slug(), stored.title(), stored.body(), stored.pushedBy(), stored.pushedAt(),
                counted != null, counted == null ? null : counted.readAt(), stored.createdAt(), stored.revision(),
                stored.bodySha256(), ownRevision(markers), readers(markers), stored.reviewStatus());
    }

    DocumentSummary of(StoredSummary stored) {
        return new DocumentSummary(stored.slug(), stored.title(), stored.pushedBy(), stored.pushedAt(),
                countedMark(stored.markers(), stored.revision()) != null, stored.revision(),
                ownRevision(stored.markers()), stored.reviewStatus());
    }

    /** The mark that makes the current revision read for this caller, or null when it is unread. */
    private ReadMarker countedMark(List<ReadMarker> markers, long current) {
        ReadMarker counted = null;
        for (ReadMarker marker : markers) {
            if (marker.revision() != current || !counts(marker)) {
                continue;
            }
            if (counted == null || marker.readAt().isAfter(counted.readAt())) {
                counted = marker;
            }
        }
        return counted;
    }

    private boolean counts(ReadMarker marker) {
        if (marker.username().equals(caller.username())
                || marker.username().equals(ReadMarker.BEFORE_PER_REVIEWER_STATE)) {
            return true;
        }
        return caller.isSystemAccount() && marker.human();
    }

    /** The revision this caller last marked read, or null. */
    private Long ownRevision(List<ReadMarker> markers) {
        for (ReadMarker marker : markers) {
            if (marker.username().equals(caller.username())) {
                return marker.revision();
            }
        }
        return null;
    }

    /** People's marks, newest first; the carried-over mark has no person to name. */
    private static List<Reader> readers(List<ReadMarker> markers) {
        return markers.stream()
                .filter(m -> m.human() && !m.username().equals(ReadMarker.BEFORE_PER_REVIEWER_STATE))
                .sorted(Comparator.comparing(ReadMarker::readAt).reversed().thenComparing(ReadMarker::username))
                .map(m -> new Reader(m.username(), m.revision(), m.readAt()))
                .toList();
    }

    /** The queue order: unread first (for this caller), then newest, slug breaking ties. */
    static final Comparator<DocumentSummary> QUEUE_ORDER = Comparator
            .comparing(DocumentSummary::read)
            .thenComparing(DocumentSummary::pushedAt, Comparator.reverseOrder())
            .thenComparing(DocumentSummary::slug);

}
