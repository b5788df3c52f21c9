package net.metacircular.mcq.mcp;

import net.metacircular.mcq.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The MCP sessions MCQ keeps, with their owners, bounded three ways: per
 * account, in all, and in time. The MCP SDK holds each session's state; this
 * registry decides how long it may, and asks {@code closer} to end a session
 * when it is evicted, idle too long, or its token signed out.
 *
 * <p>When a limit is reached, a new session closes the least recently used
 * one (of the same account first) rather than being refused: an agent that
 * restarted without ending its old sessions can always connect again, and
 * one whose session was closed gets 404 on its next request, which the MCP
 * transport rules answer by initializing anew.
 */
final class McpSessions implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(McpSessions.class);

    /** Who opened a session: the account and the token (by {@code AuthService.tokenId}). */
    record Owner(String username, String tokenId) {
    }

    private record Entry(Owner owner, Instant lastUsed) {
    }

    private final McpLimits limits;
    private final Clock clock;
    private final Consumer<String> closer;
    /** In access order: the first entry is the least recently used. */
    private final LinkedHashMap<String, Entry> sessions = new LinkedHashMap<>(16, 0.75f, true);
    private final ScheduledExecutorService sweeper;

    /** @param closer ends a session in the SDK, by id; called without the registry's lock */
    McpSessions(McpLimits limits, Clock clock, Consumer<String> closer) {
        this.limits = limits;
        this.clock = clock;
        this.closer = closer;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("mcq-mcp-sessions"));
        long period = limits.sweepInterval().toMillis();
        sweeper.scheduleWithFixedDelay(this::closeIdle, period, period, TimeUnit.MILLISECONDS);
    }

    /** Records a new session, closing the least recently used ones beyond the limits. */
    void opened(String sessionId, Owner owner) {
        List<String> evicted = new ArrayList<>();
        synchronized (this) {
            sessions.put(sessionId, new Entry(owner, clock.instant()));
            int owned = 0;
            for (Entry entry : sessions.values()) {
                if (entry.owner.username().equals(owner.username())) {
                    owned++;
                }
            }
            for (Iterator<Map.Entry<String, Entry>> it = sessions.entrySet().iterator();
                 it.hasNext() && owned > limits.maxSessionsPerCaller(); ) {
                Map.Entry<String, Entry> oldest = it.next();
                if (oldest.getValue().owner.username().equals(owner.username())) {
                    it.remove();
                    evicted.add(oldest.getKey());
                    owned--;
                }
            }
            for (Iterator<String> it = sessions.keySet().iterator(); sessions.size() > limits.maxSessions(); ) {
                evicted.add(it.next());
                it.remove();
            }
        }
        if (!evicted.isEmpty()) {
            log.info("closed {} least recently used MCP session(s) to stay within the session limits", evicted.size());
        }
        close(evicted);
    }

    /**
     * Marks a session used by {@code username}; false when MCQ does not keep
     * it (never opened, closed, idle too long) or it belongs to another account.
     */
    boolean use(String sessionId, String username) {
        boolean expired;
        synchronized (this) {
            Entry entry = sessions.get(sessionId);
            if (entry == null || !entry.owner.username().equals(username)) {
                return false;
            }
            expired = isIdle(entry, clock.instant());
            if (expired) {
                sessions.remove(sessionId);
            } else {
                sessions.put(sessionId, new Entry(entry.owner, clock.instant()));
            }
        }
        if (expired) {
            close(List.of(sessionId));
        }
        return !expired;
    }

    /** Forgets a session its client ended itself. */
    synchronized void ended(String sessionId) {
        sessions.remove(sessionId);
    }

    /** Closes every session opened with the token named {@code tokenId}. */
    void tokenSignedOut(String tokenId) {
        close(removeIf(entry -> entry.owner.tokenId().equals(tokenId)));
    }

    /** Closes the sessions unused for longer than the idle timeout. */
    void closeIdle() {
        try {
            Instant now = clock.instant();
            List<String> idle = removeIf(entry -> isIdle(entry, now));
            if (!idle.isEmpty()) {
                log.info("closed {} idle MCP session(s)", idle.size());
            }
            close(idle);
        } catch (RuntimeException e) {
            log.warn("closing idle MCP sessions failed", e);
        }
    }

    synchronized int size() {
        return sessions.size();
    }

    synchronized boolean contains(String sessionId) {
        return sessions.containsKey(sessionId);
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }

    private boolean isIdle(Entry entry, Instant now) {
        return Duration.between(entry.lastUsed, now).compareTo(limits.idleTimeout()) > 0;
    }

    private synchronized List<String> removeIf(java.util.function.Predicate<Entry> condition) {
        List<String> removed = new ArrayList<>();
        for (Iterator<Map.Entry<String, Entry>> it = sessions.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Entry> session = it.next();
            if (condition.test(session.getValue())) {
                it.remove();
                removed.add(session.getKey());
            }
        }
        return removed;
    }

    private void close(List<String> sessionIds) {
        for (String sessionId : sessionIds) {
            try {
                closer.accept(sessionId);
            } catch (RuntimeException e) {
                log.warn("closing an MCP session failed: {}", e.getMessage());
            }
        }
    }
}
