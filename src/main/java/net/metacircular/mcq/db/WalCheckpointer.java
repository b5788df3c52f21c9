package net.metacircular.mcq.db;

import net.metacircular.mcq.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Copies the write-ahead log back into the database file on a background
 * thread, shortly after writes, instead of in the write that happens to fill
 * the log.
 *
 * <p>Why: a checkpoint copies every page written since the last one and
 * syncs the file. SQLite's automatic checkpoint does that inside the
 * committing write, while every other push waits for the store's write
 * lock. A passive checkpoint on this thread runs beside the writers;
 * the automatic one stays as a backstop at a higher threshold and then only
 * has the frames left that this thread had not yet copied.
 */
final class WalCheckpointer implements AutoCloseable {

    /** Frames after which a committing write checkpoints itself (about 16 MiB of 4 KiB pages). */
    static final int BACKSTOP_FRAMES = 4000;

    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);
    /** Writes within this window share one checkpoint. */
    private static final long DELAY_MILLIS = 100;

    private final Database database;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean scheduled = new AtomicBoolean();

    WalCheckpointer(Database database) {
        this.database = database;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                DaemonThreads.named("mcq-wal-checkpoint"));
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.thread = executor;
    }

    /** Called after every committed write; schedules one checkpoint for the writes of the next moment. */
    void written() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                thread.schedule(this::checkpoint, DELAY_MILLIS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                scheduled.set(false);
            }
        }
    }

    private void checkpoint() {
        scheduled.set(false);
        try (Connection c = database.connection(); Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (SQLException e) {
            // The next write schedules another; the backstop keeps the log bounded meanwhile.
            LOG.atWarn().setMessage("background checkpoint failed").addKeyValue("error", e.getMessage()).log();
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
