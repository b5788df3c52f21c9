package net.metacircular.mcq.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import net.metacircular.mcq.ServiceException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Slows down password guessing, on every surface that signs in with a
 * password (REST, the web form, gRPC), keyed twice: by username, so one
 * account attacked from many addresses is protected, and by client address,
 * so one address spraying many usernames is stopped.
 *
 * <p>A few failures are free (people mistype). After that each failure blocks
 * the key for a delay that doubles, up to {@link #MAX_DELAY}: the right
 * password is never locked out for longer than that. A success clears the
 * username's record. The address's record is not cleared by a success, so an
 * attacker who owns one account cannot wipe it by signing in between guesses;
 * it is forgotten {@link #WINDOW} after the address's last failure, like
 * every record. Records live in bounded caches, so a flood of made-up
 * usernames or addresses cannot grow memory.
 */
public final class LoginThrottle {

    /** Failures allowed for one username before a delay starts. */
    static final int FREE_FAILURES_PER_USERNAME = 5;
    /** Failures allowed from one address before a delay starts: higher, as many people may share one. */
    static final int FREE_FAILURES_PER_ADDRESS = 20;
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    public static final Duration MAX_DELAY = Duration.ofSeconds(60);
    /** A record is forgotten this long after its last failure. */
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** Records kept per key kind; the least useful go first when full. */
    static final int MAX_RECORDS = 100_000;

    /** Failures in a row for one key, and until when it is blocked. */
    private record Record(int failures, Instant blockedUntil) {
    }

    private final Clock clock;
    private final Cache<String, Record> byUsername;
    private final Cache<String, Record> byAddress;

    public LoginThrottle(Clock clock) {
        this.clock = clock;
        this.byUsername = cache(clock);
        this.byAddress = cache(clock);
    }

    private static Cache<String, Record> cache(Clock clock) {
        return Caffeine.newBuilder()
                .maximumSize(MAX_RECORDS)
                .expireAfterWrite(WINDOW)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    /** Refuses the attempt with RATE_LIMITED while the username or the address is blocked. */
    void check(String clientAddress, String username) {
        Instant now = clock.instant();
        Optional<Duration> wait = longest(remaining(byUsername, usernameKey(username), now),
                remaining(byAddress, addressKey(clientAddress), now));
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw ServiceException.rateLimited("too many failed sign-ins for this account or from this address; "
                    + "try again in " + seconds + (seconds == 1 ? " second" : " seconds"), Duration.ofSeconds(seconds));
        }
    }

    /** Records a failed sign-in (wrong credentials). */
    void failed(String clientAddress, String username) {
        Instant now = clock.instant();
        fail(byUsername, usernameKey(username), FREE_FAILURES_PER_USERNAME, now);
        fail(byAddress, addressKey(clientAddress), FREE_FAILURES_PER_ADDRESS, now);
    }

    /** Records a successful sign-in: the username's failures are forgiven. */
    void succeeded(String username) {
        byUsername.invalidate(usernameKey(username));
    }

    private static void fail(Cache<String, Record> records, String key, int freeFailures, Instant now) {
        records.asMap().compute(key, (k, old) -> {
            int failures = old == null ? 1 : old.failures() + 1;
            return new Record(failures, failures > freeFailures ? now.plus(delay(failures - freeFailures)) : now);
        });
    }

    /** The delay after the n-th failure beyond the free ones: 1 s, 2 s, 4 s... up to {@link #MAX_DELAY}. */
    static Duration delay(int beyondFree) {
        if (beyondFree >= 31) {
            return MAX_DELAY;
        }
        Duration delay = FIRST_DELAY.multipliedBy(1L << (beyondFree - 1));
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    private static Optional<Duration> remaining(Cache<String, Record> records, String key, Instant now) {
        Record record = records.getIfPresent(key);
        if (record == null || !record.blockedUntil().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, record.blockedUntil()));
    }

    private static Optional<Duration> longest(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().compareTo(a.get()) > 0 ? b : a;
    }

    /** Case does not make another account here: "Alice" and "alice" count together. */
    private static String usernameKey(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    /**
     * The address as its key: an IPv6 address by its /64 network, since one
     * host is commonly given a whole /64 and could otherwise change address
     * for every guess.
     */
    static String addressKey(String clientAddress) {
        if (clientAddress == null || clientAddress.isEmpty()) {
            return "unknown";
        }
        String literal = clientAddress.startsWith("[") && clientAddress.endsWith("]")
                ? clientAddress.substring(1, clientAddress.length() - 1) : clientAddress;
        if (literal.indexOf(':') < 0) {
            return literal;
        }
        try {
            // A literal with ':' is never looked up in DNS.
            byte[] bytes = InetAddress.getByName(literal).getAddress();
            if (bytes.length != 16) {
                return InetAddress.getByAddress(bytes).getHostAddress();
            }
            return InetAddress.getByAddress(Arrays.copyOf(Arrays.copyOf(bytes, 8), 16)).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return literal;
        }
    }
}
