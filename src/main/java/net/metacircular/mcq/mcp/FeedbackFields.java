package net.metacircular.mcq.mcp;

import net.metacircular.mcq.reviews.Anchor;
import net.metacircular.mcq.reviews.Comment;
import net.metacircular.mcq.reviews.Feedback;
import net.metacircular.mcq.reviews.Reply;
import net.metacircular.mcq.reviews.Verdict;
import net.metacircular.mcq.text.Rfc3339;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Feedback} under its wire names (spec §15), the JSON REST answers:
 * a passage's lines are flat fields, absent values are nulls.
 */
final class FeedbackFields {

    private FeedbackFields() {
    }

    static FeedbackResult of(Feedback feedback) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("slug", feedback.slug());
        fields.put("revision", feedback.revision());
        fields.put("current_revision", feedback.currentRevision());
        fields.put("status", feedback.status().wireName());
        fields.put("verdict", feedback.verdict() == null ? null : verdict(feedback.verdict()));
        fields.put("comments", feedback.comments().stream().map(FeedbackFields::comment).toList());
        fields.put("pending", feedback.pending());
        fields.put("markdown", feedback.markdown());
        return new FeedbackResult(fields, feedback.markdown());
    }

    static Map<String, Object> verdict(Verdict verdict) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("revision", verdict.revision());
        fields.put("verdict", verdict.kind().wireName());
        fields.put("summary", verdict.summary());
        fields.put("reviewer", verdict.reviewer());
        fields.put("at", time(verdict.at()));
        return fields;
    }

    static Map<String, Object> comment(Comment comment) {
        Anchor anchor = comment.anchor();
        Anchor current = comment.current();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", comment.id());
        fields.put("revision", comment.revision());
        fields.put("kind", comment.kind().wireName());
        fields.put("quote", anchor == null ? null : anchor.quote());
        fields.put("prefix", anchor == null ? null : anchor.prefix());
        fields.put("suffix", anchor == null ? null : anchor.suffix());
        fields.put("start_line", anchor == null ? null : anchor.startLine());
        fields.put("end_line", anchor == null ? null : anchor.endLine());
        fields.put("current_start_line", current == null ? null : current.startLine());
        fields.put("current_end_line", current == null ? null : current.endLine());
        fields.put("outdated", comment.outdated());
        fields.put("text", comment.text());
        fields.put("replacement", comment.replacement());
        fields.put("author", comment.author());
        fields.put("created_at", time(comment.createdAt()));
        fields.put("resolved", comment.resolved());
        fields.put("resolved_by", comment.resolvedBy());
        fields.put("resolved_at", time(comment.resolvedAt()));
        fields.put("replies", replies(comment.replies()));
        return fields;
    }

    static Map<String, Object> reply(Reply reply) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", reply.id());
        fields.put("author", reply.author());
        fields.put("text", reply.text());
        fields.put("created_at", time(reply.createdAt()));
        return fields;
    }

    private static List<Map<String, Object>> replies(List<Reply> replies) {
        return replies.stream().map(FeedbackFields::reply).toList();
    }

    private static String time(Instant instant) {
        return instant == null ? null : Rfc3339.format(instant);
    }
}
