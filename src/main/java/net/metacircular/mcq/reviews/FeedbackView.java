package net.metacircular.mcq.reviews;

import java.util.List;

/**
 * Feedback as every surface shows it: the structured review and the same
 * review as Markdown. {@code verdict} is null while pending; {@code pending}
 * is true when a wait ended without a verdict ("call again").
 */
public record FeedbackView(
        String slug,
        long revision,
        long currentRevision,
        String status,
        VerdictView verdict,
        List<CommentView> comments,
        boolean pending,
        String markdown) {

    public static final List<String> FIELDS = List.of("slug", "revision", "current_revision", "status", "verdict",
            "comments", "pending", "markdown");

    public static FeedbackView of(Feedback feedback) {
        return new FeedbackView(feedback.slug(), feedback.revision(), feedback.currentRevision(),
                feedback.status().wireName(), VerdictView.of(feedback.verdict()), CommentView.of(feedback.comments()),
                feedback.pending(), feedback.markdown());
    }
}
