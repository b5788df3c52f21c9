package net.metacircular.mcq.reviews;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where comments, replies and verdicts are kept, as {@link ReviewService}
 * needs it. Owned here and implemented by the database package, like
 * {@code documents.DocumentStore}. Input is valid by the time it gets here;
 * every method may throw {@code documents.StorageException}. Comments come
 * back as written: {@link Comment#current()} is null and {@link Comment#outdated()}
 * false, since re-anchoring is the service's job.
 */
public interface ReviewStore {

    /**
     * Adds a comment to a document in one transaction with the count check;
     * empty when there is no such document.
     *
     * @throws TooManyComments when the document already has {@code maxComments}
     */
    Optional<Comment> addComment(String slug, long revision, CommentKind kind, Anchor anchor, String text,
                                 String replacement, String author, Instant at, int maxComments);

    /** Appends a reply; empty when the document has no such comment. */
    Optional<Reply> addReply(String slug, long commentId, String author, String text, Instant at);

    /** One comment with its replies; empty when the document has no such comment. */
    Optional<Comment> comment(String slug, long commentId);

    /** Resolves ({@code resolvedBy} set) or reopens ({@code resolvedBy} null) a comment; empty when there is none. */
    Optional<Comment> setResolved(String slug, long commentId, String resolvedBy, Instant at);

    /** Deletes a comment with its replies; false when the document has no such comment. */
    boolean deleteComment(String slug, long commentId);

    /** Every comment of the document with its replies, oldest first; empty when there is no such document. */
    Optional<List<Comment>> comments(String slug);

    /**
     * Records a verdict on {@code revision} if it is still the document's
     * current revision (checked in the same transaction as the write); empty
     * otherwise, or when there is no such document.
     */
    Optional<Verdict> addVerdict(String slug, long revision, VerdictKind kind, String summary, String reviewer,
                                 Instant at);

    /** The latest verdict on a revision; empty while it has none. */
    Optional<Verdict> latestVerdict(String slug, long revision);

    /** The document already holds the most comments it may have. */
    final class TooManyComments extends RuntimeException {
        public TooManyComments(int max) {
            super("a document holds at most " + max + " comments", null, false, false);
        }
    }
}
