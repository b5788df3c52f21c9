package net.metacircular.mcq.webserver;

import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.documents.DocumentSummary;
import net.metacircular.mcq.documents.ReviewStatus;

import java.util.function.Predicate;

/**
 * The queue's views, each a tab with its count: what the reviewer has not
 * read, what awaits a verdict, what came back with changes requested, what
 * was approved, and everything. Read state is the caller's own.
 */
enum QueueView {
    ALL("all", "All", summary -> true),
    UNREAD("unread", "Unread", summary -> !summary.read()),
    AWAITING("awaiting", "Awaiting review", summary -> summary.reviewStatus() == ReviewStatus.PENDING),
    CHANGES_REQUESTED("changes", "Changes requested",
            summary -> summary.reviewStatus() == ReviewStatus.CHANGES_REQUESTED),
    APPROVED("approved", "Approved", summary -> summary.reviewStatus() == ReviewStatus.APPROVED);

    /** The value of the {@code view} query parameter. */
    final String param;
    final String label;
    private final Predicate<DocumentSummary> shows;

    QueueView(String param, String label, Predicate<DocumentSummary> shows) {
        this.param = param;
        this.label = label;
        this.shows = shows;
    }

    boolean shows(DocumentSummary summary) {
        return shows.test(summary);
    }

    /** The view a {@code view} parameter names; all when absent. */
    static QueueView named(String param) {
        if (param == null || param.isEmpty()) {
            return ALL;
        }
        for (QueueView view : values()) {
            if (view.param.equals(param)) {
                return view;
            }
        }
        throw ServiceException.invalid("view must be all, unread, awaiting, changes or approved");
    }
}
