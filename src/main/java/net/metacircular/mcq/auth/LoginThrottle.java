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
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>Concurrent attempts cannot slip past a record that is about to block:
 * one attempt per username runs at a time, and a few per address; the others
 * are refused at once with a one-second wait, before MCIAS is asked.
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
    /** Attempts running at once for one username... */
    static final int CONCURRENT_PER_USERNAME = 1;
    /** ...and from one address. */
    static final int CONCURRENT_PER_ADDRESS = 4;
    private static final Duration BUSY_WAIT = Duration.ofSeconds(1);

    /** Failures in a row for one key, and until when it is blocked. */
    private record Record(int failures, Instant blockedUntil) {
    }

    private final Clock clock;
    private final Cache<String, Record> byUsername;
    private final Cache<String, Record> byAddress;
    /** Attempts running now, by key; an entry lives only while one runs, so this is bounded by concurrency. */
    private final ConcurrentHashMap<String, Integer> runningByUsername = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> runningByAddress = new ConcurrentHashMap<>();

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

    /** One sign-in attempt in progress: report how it ended, then close it. */
    final class Attempt implements AutoCloseable {
        private final String address;
        private final String username;

        private Attempt(String address, String username) {
            this.address = address;
            this.username = username;
        }

        /** Wrong credentials. */
        void failed() {
            Instant now = clock.instant();
            fail(byUsername, username, FREE_FAILURES_PER_USERNAME, now);
            fail(byAddress, address, FREE_FAILURES_PER_ADDRESS, now);
        }

        /** Signed in: the username's failures are forgiven. */
        void succeeded() {
            byUsername.invalidate(username);
        }

        @Override
        public void close() {
            release(runningByUsername, username);
            release(runningByAddress, address);
        }
    }

    /**
     * Starts an attempt, or refuses it with RATE_LIMITED while the username or
     * the address is blocked, or busy with other attempts.
     */
    Attempt begin(String clientAddress, String username) {
        String user = usernameKey(username);
        String address = addressKey(clientAddress);
        if (!acquire(runningByUsername, user, CONCURRENT_PER_USERNAME)) {
            throw busy();
        }
        if (!acquire(runningByAddress, address, CONCURRENT_PER_ADDRESS)) {
            release(runningByUsername, user);
            throw busy();
        }
        Attempt attempt = new Attempt(address, user);
        try {
            check(address, user);
        } catch (RuntimeException e) {
            attempt.close();
            throw e;
        }
        return attempt;
    }

    private static ServiceException busy() {
        return ServiceException.rateLimited("another sign-in for this account or from this address is in progress; "
                + "try again in 1 second", BUSY_WAIT);
    }

    private static boolean acquire(ConcurrentHashMap<String, Integer> running, String key, int limit) {
        boolean[] acquired = {false};
        running.compute(key, (k, count) -> {
            int now = count == null ? 0 : count;
            if (now >= limit) {
                return count;
            }
            acquired[0] = true;
            return now + 1;
        });
        return acquired[0];
    }

    private static void release(ConcurrentHashMap<String, Integer> running, String key) {
        running.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
    }

    /** Refuses with RATE_LIMITED while the username or the address key is blocked. */
    private void check(String address, String user) {
        Instant now = clock.instant();
        Optional<Duration> wait = longest(remaining(byUsername, user, now), remaining(byAddress, address, now));
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw ServiceException.rateLimited("too many failed sign-ins for this account or from this address; "
                    + "try again in " + seconds + (seconds == 1 ? " second" : " seconds"), Duration.ofSeconds(seconds));
        }
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
