package net.metacircular.mcq.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits for a verdict on one revision for as long as the person asked, in
 * long polls of at most {@link #MAX_POLL} each (the longest the server
 * holds one), so a wait of an hour is a dozen requests rather than a
 * connection held open for an hour through proxies.
 */
public final class FeedbackWaiter {

    /** The longest wait the server accepts in one request. */
    public static final Duration MAX_POLL = Duration.ofSeconds(300);

    private final RestClient client;
    private final Clock clock;

    public FeedbackWaiter(RestClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** The feedback once decided, or the last pending answer when {@code limit} has passed. */
    public FeedbackAnswer await(String slug, long revision, Duration limit) {
        Instant deadline = clock.instant().plus(limit);
        while (true) {
            Duration left = Duration.between(clock.instant(), deadline);
            // Whole seconds, at least one: the server's wait parameter is in seconds from 1.
            long seconds = Math.max(1, Math.min(MAX_POLL.toSeconds(), (left.toMillis() + 999) / 1000));
            FeedbackAnswer answer = client.feedback(slug, revision, seconds);
            if (answer.decided() || !clock.instant().isBefore(deadline)) {
                return answer;
            }
        }
    }
}
