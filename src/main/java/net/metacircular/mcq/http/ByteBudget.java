package net.metacircular.mcq.http;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A shared budget of request body bytes in flight. A request takes its
 * share before its body is read and gives it back when it ends, so the heap
 * that bodies can occupy at once is bounded whatever the number of clients.
 *
 * <p>A request that does not fit waits in a bounded queue (without holding a
 * thread) until enough is released; the caller gives up on it after a short
 * time. Any waiter that fits may go first, so small requests are not held
 * behind a large one.
 */
final class ByteBudget {

    /** A queued request: admitted when its bytes fit, unless it has given up first. */
    interface Waiter {
        long bytes();

        /** Called once, outside the lock, after the bytes have been taken. */
        void admitted();
    }

    private final long capacity;
    private final int maxWaiters;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private long available;

    ByteBudget(long capacity, int maxWaiters) {
        this.capacity = capacity;
        this.available = capacity;
        this.maxWaiters = maxWaiters;
    }

    long capacity() {
        return capacity;
    }

    /**
     * The share a request of {@code bytes} takes: never more than the whole
     * budget, so a request larger than the budget can still run alone.
     */
    long shareOf(long bytes) {
        return Math.min(bytes, capacity);
    }

    /** Takes the bytes now if they fit and nobody waits; otherwise false. */
    synchronized boolean tryTake(long bytes) {
        if (waiters.isEmpty() && bytes <= available) {
            available -= bytes;
            return true;
        }
        return false;
    }

    /** Queues a waiter; false when the queue is full (the request is refused at once). */
    boolean enqueue(Waiter waiter) {
        List<Waiter> admitted;
        synchronized (this) {
            if (waiters.size() >= maxWaiters) {
                return false;
            }
            waiters.addLast(waiter);
            admitted = admitWaiting();
        }
        admitted.forEach(Waiter::admitted);
        return true;
    }

    /** Removes a waiter that gives up; false if it was admitted meanwhile. */
    synchronized boolean withdraw(Waiter waiter) {
        return waiters.remove(waiter);
    }

    void release(long bytes) {
        List<Waiter> admitted;
        synchronized (this) {
            available += bytes;
            admitted = admitWaiting();
        }
        admitted.forEach(Waiter::admitted);
    }

    /** Bytes not taken at the moment (for tests and diagnostics). */
    synchronized long available() {
        return available;
    }

    private List<Waiter> admitWaiting() {
        List<Waiter> admitted = new ArrayList<>();
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext() && available > 0; ) {
            Waiter waiter = it.next();
            if (waiter.bytes() <= available) {
                available -= waiter.bytes();
                it.remove();
                admitted.add(waiter);
            }
        }
        return admitted;
    }
}
