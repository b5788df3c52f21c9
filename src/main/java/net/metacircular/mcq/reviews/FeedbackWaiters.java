package net.metacircular.mcq.reviews;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Callers waiting for a verdict, by document and revision. A wait is a
 * future and a timer entry on one shared scheduler: no thread and no
 * database connection is held while it waits. A verdict completes the
 * revision's waiters with {@code true}; a timeout, or the document's
 * deletion, with {@code false}.
 */
final class FeedbackWaiters {

    private record Key(String slug, long revision) {
    }

    private final ConcurrentHashMap<Key, Set<CompletableFuture<Boolean>>> waiting = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    FeedbackWaiters(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** A future completed with true on a verdict on {@code revision}, with false after {@code timeout}. */
    CompletableFuture<Boolean> register(String slug, long revision, Duration timeout) {
        Key key = new Key(slug, revision);
        CompletableFuture<Boolean> waiter = new CompletableFuture<>();
        // Added under compute, so a verdict's remove() either sees it or runs before it (the
        // caller checks for an existing verdict after registering, so neither case loses a wake-up).
        waiting.compute(key, (k, set) -> {
            Set<CompletableFuture<Boolean>> waiters = set != null ? set : ConcurrentHashMap.newKeySet();
            waiters.add(waiter);
            return waiters;
        });
        ScheduledFuture<?> timeoutTask = timer.schedule(() -> waiter.complete(false), timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        waiter.whenComplete((given, error) -> {
            timeoutTask.cancel(false);
            waiting.computeIfPresent(key, (k, set) -> {
                set.remove(waiter);
                return set.isEmpty() ? null : set;
            });
        });
        return waiter;
    }

    /** Wakes everyone waiting on this revision. */
    void verdictGiven(String slug, long revision) {
        Set<CompletableFuture<Boolean>> waiters = waiting.remove(new Key(slug, revision));
        if (waiters != null) {
            waiters.forEach(w -> w.complete(true));
        }
    }

    /** Ends every wait on a deleted document; the answer then reports that it is gone. */
    void documentDeleted(String slug) {
        for (Key key : waiting.keySet()) {
            if (key.slug().equals(slug)) {
                Set<CompletableFuture<Boolean>> waiters = waiting.remove(key);
                if (waiters != null) {
                    waiters.forEach(w -> w.complete(false));
                }
            }
        }
    }

    /** Ends every wait, as on a timeout: the server is stopping and its listeners drain. */
    void endAll() {
        for (Key key : waiting.keySet()) {
            Set<CompletableFuture<Boolean>> waiters = waiting.remove(key);
            if (waiters != null) {
                waiters.forEach(w -> w.complete(false));
            }
        }
    }

    /** How many waits are open: for tests and the operator. */
    int size() {
        return waiting.values().stream().mapToInt(Set::size).sum();
    }
}
