package net.metacircular.mcq.documents;

import java.time.Instant;

/**
 * One account's read mark as stored: the revision it last marked read.
 *
 * @param human    false for a system account, whose mark never counts as "a person read it"
 * @param username {@link #BEFORE_PER_REVIEWER_STATE} for a mark carried over from before read
 *                 state was kept per reviewer
 */
public record ReadMarker(String username, boolean human, long revision, Instant readAt) {

    /**
     * The username of a read mark made before MCQ recorded who read what: it
     * counts as read by everyone, until the next revision.
     */
    public static final String BEFORE_PER_REVIEWER_STATE = "";
}
