package net.metacircular.mcq.reviews;

import net.metacircular.mcq.auth.Caller;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The application service for reviews (spec §15): comments, replies,
 * verdicts and the feedback agents read. REST, gRPC, the web UI and MCP all
 * call it; who may do what is decided here, once:
 *
 * <ul>
 *   <li>people with role {@code user} or {@code admin} comment, reply, resolve, reopen and give verdicts;</li>
 *   <li>guests read;</li>
 *   <li>system accounts (agents) read feedback and reply, but never give a verdict or resolve;</li>
 *   <li>only a comment's author or an admin deletes it.</li>
 * </ul>
 *
 * Refusals are {@code ServiceException}s of kind {@code PERMISSION_DENIED}; bad
 * input (unknown comment, quote not in the revision, line range out of
 * bounds, text over the limits) is {@code INVALID_INPUT} or {@code TOO_LARGE};
 * an unknown document or comment is {@code NOT_FOUND}.
 */
public final class ReviewService {

    /** How long a wait lasts when the caller does not say. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(50);
    /** The longest wait a caller may ask for. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(300);

    /** Adds a comment to a revision (the current one unless {@code comment.revision()} names another kept one). */
    public Comment addComment(Caller caller, String slug, NewComment comment) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Adds a reply to a comment's thread; people and agents may reply, guests may not. */
    public Reply reply(Caller caller, String slug, long commentId, String text) {
        throw new UnsupportedOperationException("not built yet");
    }

    public Comment resolve(Caller caller, String slug, long commentId) {
        throw new UnsupportedOperationException("not built yet");
    }

    public Comment reopen(Caller caller, String slug, long commentId) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Deletes a comment with its replies: its author or an admin only. */
    public void deleteComment(Caller caller, String slug, long commentId) {
        throw new UnsupportedOperationException("not built yet");
    }

    /**
     * Records a verdict on the current revision. {@code revision}, when given,
     * must be the current one, so a verdict never lands on a revision the
     * reviewer did not read.
     */
    public Verdict review(Caller caller, String slug, Long revision, VerdictKind kind, String summary) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Every comment of the document as seen against {@code revision} (null: current), oldest first. */
    public List<Comment> comments(Caller caller, String slug, Long revision) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The review of {@code revision} (null: current) as data and as Markdown. */
    public Feedback feedback(Caller caller, String slug, Long revision) {
        throw new UnsupportedOperationException("not built yet");
    }

    /**
     * Completes with the feedback as soon as a verdict exists on {@code revision}
     * (null: current), or after {@code timeout} (null: {@link #DEFAULT_WAIT},
     * at most {@link #MAX_WAIT}) with {@code pending} true. Holds no thread and
     * no database connection while it waits. Checks (document exists, caller may
     * read) happen at once and throw rather than complete exceptionally.
     */
    public CompletableFuture<Feedback> waitForFeedback(Caller caller, String slug, Long revision, Duration timeout) {
        throw new UnsupportedOperationException("not built yet");
    }
}
