package net.metacircular.mcq.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.AppenderAttachable;
import org.slf4j.LoggerFactory;

import java.util.Iterator;

/** Applies {@code [log] level} to MCQ's own loggers, flushes them at exit, and moves them off stdout. */
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

    /**
     * Sends every console log line to standard error, for commands whose
     * standard output is a protocol channel ({@code mcq mcp}). Console
     * appenders behind an async appender are found too.
     */
    static void toStandardError() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (Logger logger : context.getLoggerList()) {
            redirect(logger.iteratorForAppenders());
        }
    }

    private static void redirect(Iterator<Appender<ILoggingEvent>> appenders) {
        while (appenders.hasNext()) {
            Appender<ILoggingEvent> appender = appenders.next();
            if (appender instanceof ConsoleAppender<ILoggingEvent> console) {
                console.stop();
                console.setTarget("System.err");
                console.start();
            } else if (appender instanceof AppenderAttachable<?> attachable) {
                @SuppressWarnings("unchecked")
                Iterator<Appender<ILoggingEvent>> nested =
                        ((AppenderAttachable<ILoggingEvent>) attachable).iteratorForAppenders();
                redirect(nested);
            }
        }
    }
}
