package net.metacircular.mcq.notify;

import net.metacircular.mcq.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Delivers messages to the targets on one daemon thread, so that a push only
 * ever adds to a queue in memory and never waits for, or fails because of, a
 * receiver.
 *
 * <p>Each target has its own bounded queue ({@link #DEFAULT_CAPACITY}
 * messages; when full the oldest is dropped) and its own backoff: messages go
 * out oldest first; after a failure the target is tried again after 1 s,
 * then 2 s, 4 s … up to a cap, until a message has waited for the retry
 * window (10 minutes), when it is dropped with one log line. A 2xx answer
 * delivers a message; a 4xx other than 429, or a redirect, refuses it (sending
 * it again would not help). Connections and requests have timeouts, so a
 * receiver that never answers costs the sender thread a bounded time and the
 * pushes nothing.
 *
 * <p>Logs name a target by {@link Target#origin()} only, never its path,
 * query or credentials.
 */
final class Sender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Sender.class);

    static final int DEFAULT_CAPACITY = 1_000;
    static final Duration DEFAULT_RETRY_WINDOW = Duration.ofMinutes(10);
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofMinutes(1);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final List<Lane> lanes = new ArrayList<>();
    private final int capacity;
    private final long retryWindowNanos;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Thread thread;
    private boolean stopped;

    Sender(List<Target> targets) {
        this(targets, DEFAULT_CAPACITY, DEFAULT_RETRY_WINDOW, REQUEST_TIMEOUT, FIRST_DELAY);
    }

    /**
     * @param retryWindow how long a message is retried before it is dropped (tests shorten it)
     * @param firstDelay  the wait before the first retry, doubling after each failure (tests shorten it)
     */
    Sender(List<Target> targets, int capacity, Duration retryWindow, Duration requestTimeout, Duration firstDelay) {
        for (Target target : targets) {
            lanes.add(new Lane(target, firstDelay.toNanos()));
        }
        this.capacity = capacity;
        this.retryWindowNanos = retryWindow.toNanos();
        this.requestTimeout = requestTimeout;
        // A redirect is not followed: it could carry the message, and a token in its URL, elsewhere.
        this.http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.thread = DaemonThreads.named("mcq-notify").newThread(this::run);
        thread.start();
    }

    /** Queues {@code message} for every target; returns at once. */
    void send(Message message) {
        lock.lock();
        try {
            if (stopped) {
                return;
            }
            long now = System.nanoTime();
            for (Lane lane : lanes) {
                if (lane.queue.size() >= capacity) {
                    lane.queue.pollFirst();
                    lane.overflowed++;
                    // The first drop and then one line in a hundred: a flood of pushes must not flood the log.
                    if (lane.overflowed % 100 == 1) {
                        log.atWarn().addKeyValue("target", lane.target.origin())
                                .addKeyValue("queued", capacity).addKeyValue("dropped", lane.overflowed)
                                .log("notification queue full: dropped the oldest message");
                    }
                }
                lane.queue.addLast(new Pending(message, now));
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops the thread; messages not yet delivered are dropped. */
    @Override
    public void close() {
        int left = 0;
        lock.lock();
        try {
            stopped = true;
            for (Lane lane : lanes) {
                left += lane.queue.size();
                lane.queue.clear();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (left > 0) {
            log.atWarn().addKeyValue("messages", left).log("stopping: notifications not delivered are dropped");
        }
    }

    private void run() {
        try {
            while (true) {
                Lane lane;
                Pending head;
                lock.lock();
                try {
                    lane = nextDue();
                    if (lane == null) {
                        return;
                    }
                    head = lane.queue.peekFirst();
                } finally {
                    lock.unlock();
                }
                Result result = deliver(lane.target, head.message);
                lock.lock();
                try {
                    settle(lane, head, result);
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException e) {
            // Stopping.
        } catch (RuntimeException e) {
            log.error("notification sender failed; notifications stop until restart", e);
        }
    }

    /** Waits for a target with a message that is due; null once stopped. Called under the lock. */
    private Lane nextDue() throws InterruptedException {
        while (!stopped) {
            long now = System.nanoTime();
            Lane due = null;
            long wait = Long.MAX_VALUE;
            for (Lane lane : lanes) {
                if (lane.queue.isEmpty()) {
                    continue;
                }
                long left = lane.notBefore - now;
                if (left <= 0) {
                    if (due == null || lane.notBefore - due.notBefore < 0) {
                        due = lane;
                    }
                } else {
                    wait = Math.min(wait, left);
                }
            }
            if (due != null) {
                return due;
            }
            if (wait == Long.MAX_VALUE) {
                changed.await();
            } else {
                changed.awaitNanos(wait);
            }
        }
        return null;
    }

    /** What came of one attempt; {@code retryAfter} is the receiver's {@code Retry-After}, or null. */
    private record Result(Outcome outcome, String reason, Duration retryAfter) {
    }

    private enum Outcome { DELIVERED, REFUSED, RETRY }

    private Result deliver(Target target, Message message) throws InterruptedException {
        Payload payload = Payload.of(target.format(), message);
        HttpRequest.Builder request = HttpRequest.newBuilder(target.endpoint())
                .timeout(requestTimeout)
                .header("Content-Type", payload.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload.body()));
        for (Map.Entry<String, String> header : payload.headers().entrySet()) {
            request.header(header.getKey(), header.getValue());
        }
        if (target.authorization() != null) {
            request.header("Authorization", target.authorization());
        }
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Result(Outcome.DELIVERED, null, null);
            }
            String reason = "HTTP " + status;
            if (status == 429 || status >= 500) {
                return new Result(Outcome.RETRY, reason, status == 429 ? retryAfter(response) : null);
            }
            return new Result(Outcome.REFUSED, reason, null);
        } catch (IOException e) {
            // The exception's class says what failed (refused, timed out); its message is not logged, in
            // case it quotes the URL.
            return new Result(Outcome.RETRY, e.getClass().getSimpleName(), null);
        } catch (IllegalArgumentException e) {
            return new Result(Outcome.REFUSED, "the request could not be built", null);
        }
    }

    /** Called under the lock. */
    private void settle(Lane lane, Pending head, Result result) {
        long now = System.nanoTime();
        switch (result.outcome()) {
            case DELIVERED -> {
                lane.queue.removeFirstOccurrence(head);
                if (lane.failing) {
                    log.atInfo().addKeyValue("target", lane.target.origin())
                            .log("notification target reachable again");
                }
                lane.healthy();
            }
            case REFUSED -> {
                lane.queue.removeFirstOccurrence(head);
                log.atWarn().addKeyValue("target", lane.target.origin()).addKeyValue("reason", result.reason())
                        .addKeyValue("event", head.message.event().wireName())
                        .addKeyValue("slug", head.message.slug())
                        .log("notification refused by its target; not retried");
                lane.healthy();
            }
            case RETRY -> {
                if (!lane.failing) {
                    log.atWarn().addKeyValue("target", lane.target.origin()).addKeyValue("reason", result.reason())
                            .log("notification target failed; retrying with backoff");
                    lane.failing = true;
                }
                long delay = lane.delay;
                if (result.retryAfter() != null) {
                    delay = Math.max(delay, Math.min(result.retryAfter().toNanos(), MAX_DELAY.toNanos()));
                }
                lane.notBefore = now + delay;
                lane.delay = Math.min(lane.delay * 2, MAX_DELAY.toNanos());
                dropExpired(lane, now, result.reason());
            }
        }
    }

    /** Drops the messages that have waited longer than the retry window, with one log line. */
    private void dropExpired(Lane lane, long now, String reason) {
        int dropped = 0;
        for (Iterator<Pending> it = lane.queue.iterator(); it.hasNext(); ) {
            if (now - it.next().queuedAt >= retryWindowNanos) {
                it.remove();
                dropped++;
            }
        }
        if (dropped > 0) {
            log.atWarn().addKeyValue("target", lane.target.origin()).addKeyValue("reason", reason)
                    .addKeyValue("dropped", dropped)
                    .addKeyValue("window", Duration.ofNanos(retryWindowNanos).toString())
                    .log("notifications dropped after retrying for the whole retry window");
        }
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(value -> {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }

    /** A message waiting for one target; compared by identity, as two pushes may read the same. */
    private static final class Pending {
        final Message message;
        final long queuedAt;

        Pending(Message message, long queuedAt) {
            this.message = message;
            this.queuedAt = queuedAt;
        }
    }

    /** One target's queue and backoff; guarded by the sender's lock. */
    private static final class Lane {
        final Target target;
        final ArrayDeque<Pending> queue = new ArrayDeque<>();
        long notBefore = System.nanoTime();
        final long firstDelay;
        long delay;
        boolean failing;
        long overflowed;

        Lane(Target target, long firstDelay) {
            this.target = target;
            this.firstDelay = firstDelay;
            this.delay = firstDelay;
        }

        void healthy() {
            failing = false;
            delay = firstDelay;
            notBefore = System.nanoTime();
        }
    }
}
