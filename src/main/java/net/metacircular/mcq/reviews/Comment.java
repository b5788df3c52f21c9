package net.metacircular.mcq.reviews;

import java.time.Instant;
import java.util.List;

/**
 * A comment with its thread, as seen against one revision of its document.
 *
 * @param revision       the revision the comment was written on
 * @param anchor         the passage on that revision; null for a general comment
 * @param current        where the passage is in the revision this view was made for
 *                       (re-anchored by quote and context); null when general or outdated
 * @param outdated       the passage is gone from the revision this view was made for
 * @param replacement    the suggested text, for {@link CommentKind#REPLACEMENT}; null otherwise
 * @param resolvedBy     who resolved it; null while open
 */
public record Comment(
        long id,
        long revision,
        CommentKind kind,
        Anchor anchor,
        Anchor current,
        boolean outdated,
        String text,
        String replacement,
        String author,
        Instant createdAt,
        boolean resolved,
        String resolvedBy,
        Instant resolvedAt,
        List<Reply> replies) {

    public Comment {
        replies = List.copyOf(replies);
    }

    public boolean isGeneral() {
        return anchor == null;
    }
}
