package net.metacircular.mcq.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** Applies {@code [log] level} to MCQ's own loggers, and flushes them at exit. */
final class Logging {

    private Logging() {
    }

    static void setLevel(String level) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level, Level.INFO));
    }

    /**
     * Writes out the events still queued in the asynchronous appender: the
     * JVM does not wait for its worker thread, so without this the last lines
     * before exit (the clean stop) could be lost.
     */
    static void flush() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }
}
