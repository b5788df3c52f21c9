package net.metacircular.mcq.grpcserver;

import net.metacircular.mcq.reviews.Anchor;
import net.metacircular.mcq.reviews.Comment;
import net.metacircular.mcq.reviews.Feedback;
import net.metacircular.mcq.reviews.Reply;
import net.metacircular.mcq.reviews.Verdict;

import static net.metacircular.mcq.grpcserver.ProtoMessages.timestamp;

/**
 * Converts the review records to their {@code mcq.v1} messages, field for
 * field the JSON views REST and MCP serialise: a null in JSON is an unset
 * optional field here.
 */
final class ReviewMessages {

    private ReviewMessages() {
    }

    static net.metacircular.mcq.grpc.v1.Feedback feedback(Feedback feedback) {
        net.metacircular.mcq.grpc.v1.Feedback.Builder message = net.metacircular.mcq.grpc.v1.Feedback.newBuilder()
                .setSlug(feedback.slug())
                .setRevision(feedback.revision())
                .setCurrentRevision(feedback.currentRevision())
                .setStatus(feedback.status().wireName())
                .setPending(feedback.pending())
                .setMarkdown(feedback.markdown());
        if (feedback.verdict() != null) {
            message.setVerdict(verdict(feedback.verdict()));
        }
        feedback.comments().forEach(comment -> message.addComments(comment(comment)));
        return message.build();
    }

    static net.metacircular.mcq.grpc.v1.Verdict verdict(Verdict verdict) {
        net.metacircular.mcq.grpc.v1.Verdict.Builder message = net.metacircular.mcq.grpc.v1.Verdict.newBuilder()
                .setRevision(verdict.revision())
                .setVerdict(verdict.kind().wireName())
                .setReviewer(verdict.reviewer())
                .setAt(timestamp(verdict.at()));
        if (verdict.summary() != null) {
            message.setSummary(verdict.summary());
        }
        return message.build();
    }

    static net.metacircular.mcq.grpc.v1.Comment comment(Comment comment) {
        net.metacircular.mcq.grpc.v1.Comment.Builder message = net.metacircular.mcq.grpc.v1.Comment.newBuilder()
                .setId(comment.id())
                .setRevision(comment.revision())
                .setKind(comment.kind().wireName())
                .setOutdated(comment.outdated())
                .setText(comment.text())
                .setAuthor(comment.author())
                .setCreatedAt(timestamp(comment.createdAt()))
                .setResolved(comment.resolved());
        Anchor anchor = comment.anchor();
        if (anchor != null) {
            message.setQuote(anchor.quote()).setStartLine(anchor.startLine()).setEndLine(anchor.endLine());
            if (anchor.prefix() != null) {
                message.setPrefix(anchor.prefix());
            }
            if (anchor.suffix() != null) {
                message.setSuffix(anchor.suffix());
            }
        }
        Anchor current = comment.current();
        if (current != null) {
            message.setCurrentStartLine(current.startLine()).setCurrentEndLine(current.endLine());
        }
        if (comment.replacement() != null) {
            message.setReplacement(comment.replacement());
        }
        if (comment.resolvedBy() != null) {
            message.setResolvedBy(comment.resolvedBy());
        }
        if (comment.resolvedAt() != null) {
            message.setResolvedAt(timestamp(comment.resolvedAt()));
        }
        comment.replies().forEach(reply -> message.addReplies(reply(reply)));
        return message.build();
    }

    static net.metacircular.mcq.grpc.v1.Reply reply(Reply reply) {
        return net.metacircular.mcq.grpc.v1.Reply.newBuilder()
                .setId(reply.id())
                .setAuthor(reply.author())
                .setText(reply.text())
                .setCreatedAt(timestamp(reply.createdAt()))
                .build();
    }
}
