package net.metacircular.mcq.reviews;

import net.metacircular.mcq.ServiceException;

import java.nio.charset.StandardCharsets;

/**
 * The size limits of reviews (config {@code [limits]}), checked before
 * anything is stored. Too long is {@code TOO_LARGE} (413), malformed is
 * {@code INVALID_INPUT} (400); the messages say which field and what limit.
 *
 * @param maxCommentBytes        the longest comment text, reply, replacement or summary, in UTF-8 bytes
 * @param maxCommentsPerDocument comments one document may hold over all its revisions
 */
public record ReviewRules(int maxCommentBytes, int maxCommentsPerDocument) {

    /** A quote is a selection in the reader, not a copy of the document. */
    public static final int MAX_QUOTE_CHARS = 2_000;
    /** Enough context to tell repeats of a quote apart. */
    public static final int MAX_CONTEXT_CHARS = 200;

    /** The largest request body a review call needs: text, replacement and anchor, with JSON escaping. */
    public long maxRequestBytes() {
        return 2L * 6 * maxCommentBytes + 6L * (MAX_QUOTE_CHARS + 2 * MAX_CONTEXT_CHARS) + 4096;
    }

    void checkText(String field, String value) {
        if (value != null && value.getBytes(StandardCharsets.UTF_8).length > maxCommentBytes) {
            throw tooLarge(field + " is longer than " + maxCommentBytes + " bytes");
        }
    }

    static void checkChars(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw tooLarge(field + " is longer than " + max + " characters");
        }
    }

    static ServiceException tooLarge(String message) {
        return new ServiceException(ServiceException.Kind.TOO_LARGE, message);
    }
}
