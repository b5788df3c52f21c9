package net.metacircular.mcq.render;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The time one render may take, checked from inside the render: the parser's
 * checkpoints ({@link RenderCheckpoints}), the HTML writer and the sanitizer
 * ({@link BoundedOutput}) call {@link #tick()} as they go, and a render over
 * budget or no longer wanted stops with {@link RenderAbandoned}.
 *
 * <p>The limit is on the render thread's processor time, so a document is not
 * judged too slow because the machine was busy when it was rendered (that
 * verdict is remembered). A wall-clock limit, a few times longer, still stops
 * a render starved of processor time; that one only means "busy" and is not
 * remembered. One instance per render, used by the thread that renders.
 */
final class RenderBudget {

    /**
     * The cancel flag and wall clock (a few nanoseconds) are read once every
     * this many ticks, the thread's processor time (slower) once every
     * {@link #TICKS_PER_CPU_CHECK}: a tick must stay little more than an
     * increment, yet a tick can stand for a long scan in a hostile document.
     */
    private static final int TICKS_PER_CHECK = 16;
    private static final int TICKS_PER_CPU_CHECK = 256;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static final ThreadLocal<RenderBudget> CURRENT = new ThreadLocal<>();

    private final long cpuLimitNanos;
    private final long wallDeadline;
    private final long cpuStart;
    private final BooleanSupplier cancelled;
    private int ticks;

    private RenderBudget(Duration cpuLimit, Duration wallLimit, BooleanSupplier cancelled) {
        this.cpuLimitNanos = cpuLimit.toNanos();
        this.wallDeadline = System.nanoTime() + wallLimit.toNanos();
        this.cpuStart = cpuTime();
        this.cancelled = cancelled;
    }

    /** A budget starting now, on the calling thread. */
    static RenderBudget start(Duration cpuLimit, Duration wallLimit, BooleanSupplier cancelled) {
        return new RenderBudget(cpuLimit, wallLimit, cancelled);
    }

    /** Runs {@code work} with this budget as the calling thread's current one. */
    <T> T around(Supplier<T> work) {
        RenderBudget previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** Ticks the calling thread's current budget, if it has one. */
    static void tickCurrent() {
        RenderBudget budget = CURRENT.get();
        if (budget != null) {
            budget.tick();
        }
    }

    /** Counts a unit of work; now and then checks the clocks and the cancel flag. */
    void tick() {
        int count = ++ticks;
        if (count % TICKS_PER_CPU_CHECK == 0) {
            check();
        } else if (count % TICKS_PER_CHECK == 0) {
            checkWanted();
        }
    }

    /** Throws {@link RenderAbandoned} when the render is over budget or no longer wanted. */
    void check() {
        checkWanted();
        if (cpuTime() - cpuStart > cpuLimitNanos) {
            throw new RenderAbandoned(Unrendered.TOO_SLOW);
        }
    }

    private void checkWanted() {
        if (cancelled.getAsBoolean() || System.nanoTime() - wallDeadline > 0) {
            throw new RenderAbandoned(Unrendered.BUSY);
        }
    }

    private static long cpuTime() {
        // Wall time where the platform cannot measure a thread's processor time.
        long cpu = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
        return cpu >= 0 ? cpu : System.nanoTime();
    }
}
