package net.metacircular.mcq.reviews;

import net.metacircular.mcq.documents.ReviewStatus;

import java.util.List;

/**
 * The review of one revision, for the agent that pushed it (spec §15): the
 * same content as structured data and as Markdown written for a language
 * model, so every surface hands out the same points.
 *
 * @param revision        the revision this feedback is about
 * @param currentRevision the document's current revision (newer means the agent pushed again)
 * @param status          the review status of {@code revision}
 * @param verdict         the latest verdict on {@code revision}; null while pending
 * @param comments        the comments an agent should act on for {@code revision}: written on it,
 *                        or still open from earlier revisions and re-anchored on it; oldest first
 * @param pending         true when a wait ended without a verdict: "pending — call again"
 * @param markdown        the same review as numbered Markdown points, verdict and summary first
 */
public record Feedback(
        String slug,
        long revision,
        long currentRevision,
        ReviewStatus status,
        Verdict verdict,
        List<Comment> comments,
        boolean pending,
        String markdown) {

    public Feedback {
        comments = List.copyOf(comments);
    }
}
