package net.metacircular.mcq.documents;

import java.util.List;

/**
 * A queue entry as every surface shows it (see {@link DocumentView}); REST's
 * list, MCP's {@code list_documents} and gRPC's {@code mcq.v1.DocumentSummary}
 * carry exactly {@link #FIELDS}.
 */
public record DocumentSummaryView(
        String slug,
        String title,
        String pushedBy,
        String pushedAt,
        boolean read,
        String webPath,
        long revision,
        Long readRevision,
        String reviewStatus) {

    /** The wire names of the fields, in order. */
    public static final List<String> FIELDS = List.of("slug", "title", "pushed_by", "pushed_at", "read", "web_path",
            "revision", "read_revision", "review_status");

    public static DocumentSummaryView of(DocumentSummary summary) {
        return new DocumentSummaryView(summary.slug(), summary.title(), summary.pushedBy(),
                DocumentView.time(summary.pushedAt()), summary.read(), DocumentView.webPath(summary.slug()),
                summary.revision(), summary.readRevision(), summary.reviewStatus().wireName());
    }

    /** Every entry of a queue, in its order. */
    public static List<DocumentSummaryView> queue(List<DocumentSummary> queue) {
        return queue.stream().map(DocumentSummaryView::of).toList();
    }
}
