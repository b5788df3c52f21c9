package net.metacircular.mcq.render;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads documents are rendered on: about as many as the machine has
 * cores (rendering is pure computation), and a short queue; a render that finds the
 * queue full is refused at once rather than piling up memory and waiting
 * requests. Threads have a fixed, generous stack, so how deeply a document
 * may nest does not depend on which thread renders it.
 */
public final class RenderPool implements AutoCloseable {

    /** Stack for render threads: commonmark recurses once per nesting level. */
    static final long STACK_BYTES = 4L * 1024 * 1024;

    private final ThreadPoolExecutor executor;

    public RenderPool(int threads, int queueLength) {
        if (threads < 1 || queueLength < 1) {
            throw new IllegalArgumentException("a render pool needs at least one thread and one queue slot");
        }
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueLength),
                task -> {
                    Thread thread = new Thread(null, task, "render-" + count.incrementAndGet(), STACK_BYTES);
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true);
    }

    /**
     * One thread per core but one, so a core stays free for the requests that
     * do not render (health, REST, cached pages), and a queue of a few renders
     * per core.
     */
    public static RenderPool sizedForThisMachine() {
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        return new RenderPool(Math.max(1, cores - 1), 4 * cores);
    }

    /** Runs {@code task} on the pool; throws RejectedExecutionException when the queue is full. */
    void execute(Runnable task) {
        executor.execute(task);
    }

    int inFlight() {
        return executor.getActiveCount() + executor.getQueue().size();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
