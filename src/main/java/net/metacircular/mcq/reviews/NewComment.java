package net.metacircular.mcq.reviews;

/**
 * A comment as a reviewer submits it, before any check.
 *
 * @param revision    the revision the reviewer was reading; null means the current one
 * @param anchor      the selected passage; null for a general comment
 * @param replacement required for {@link CommentKind#REPLACEMENT}, absent otherwise
 */
public record NewComment(Long revision, CommentKind kind, Anchor anchor, String text, String replacement) {
}
