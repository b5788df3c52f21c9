package net.metacircular.mcq.reviews;

import java.time.Instant;
import java.util.List;

/**
 * A comment as every surface shows it: REST and MCP serialise this record
 * (snake_case), gRPC's {@code mcq.v1.Comment} carries the same fields, in
 * the order of {@link #FIELDS}. Lines are null for a general comment;
 * {@code current_*} lines are null when general or outdated. Times are RFC
 * 3339 UTC text.
 */
public record CommentView(
        long id,
        long revision,
        String kind,
        String quote,
        String prefix,
        String suffix,
        Integer startLine,
        Integer endLine,
        Integer currentStartLine,
        Integer currentEndLine,
        boolean outdated,
        String text,
        String replacement,
        String author,
        String createdAt,
        boolean resolved,
        String resolvedBy,
        String resolvedAt,
        List<ReplyView> replies) {

    /** The wire names of the fields, in order. */
    public static final List<String> FIELDS = List.of("id", "revision", "kind", "quote", "prefix", "suffix",
            "start_line", "end_line", "current_start_line", "current_end_line", "outdated", "text", "replacement",
            "author", "created_at", "resolved", "resolved_by", "resolved_at", "replies");

    /** A reply as every surface shows it. */
    public record ReplyView(long id, String author, String text, String createdAt) {

        public static final List<String> FIELDS = List.of("id", "author", "text", "created_at");

        public static ReplyView of(Reply reply) {
            return new ReplyView(reply.id(), reply.author(), reply.text(), time(reply.createdAt()));
        }
    }

    public static CommentView of(Comment c) {
        Anchor a = c.anchor();
        Anchor current = c.current();
        return new CommentView(c.id(), c.revision(), c.kind().wireName(),
                a == null ? null : a.quote(), a == null ? null : a.prefix(), a == null ? null : a.suffix(),
                a == null ? null : a.startLine(), a == null ? null : a.endLine(),
                current == null ? null : current.startLine(), current == null ? null : current.endLine(),
                c.outdated(), c.text(), c.replacement(), c.author(), time(c.createdAt()), c.resolved(),
                c.resolvedBy(), time(c.resolvedAt()), c.replies().stream().map(ReplyView::of).toList());
    }

    public static List<CommentView> of(List<Comment> comments) {
        return comments.stream().map(CommentView::of).toList();
    }

    static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
