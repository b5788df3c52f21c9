package net.metacircular.mcq.reviews;

/**
 * A reply just added to a comment's thread, as its listeners hear of it.
 *
 * @param title           the document's title when the reply was written
 * @param revision        the document's current revision then
 * @param bySystemAccount written by a system account (an agent), not a person
 */
public record ReplyAdded(String slug, String title, long revision, long commentId, Reply reply,
                         boolean bySystemAccount) {
}
