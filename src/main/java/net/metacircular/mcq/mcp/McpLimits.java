package net.metacircular.mcq.mcp;

import java.time.Duration;

/**
 * What one caller can make the MCP endpoint hold in memory.
 *
 * @param maxMessageBytes      the largest message other than {@code tools/call}: initialize,
 *                             list, ping, notifications and responses are all small
 * @param maxToolCallBytes     the largest {@code tools/call}, which may carry a whole document
 * @param maxSessionsPerCaller sessions one account may hold; a new one closes its least recently used
 * @param maxSessions          sessions of all accounts together; a new one closes the least recently used
 * @param idleTimeout          a session unused this long is closed
 * @param sweepInterval        how often idle sessions are looked for
 */
record McpLimits(int maxMessageBytes, int maxToolCallBytes, int maxSessionsPerCaller, int maxSessions,
                 Duration idleTimeout, Duration sweepInterval) {

    static final int MAX_MESSAGE_BYTES = 64 * 1024;
    static final int MAX_SESSIONS_PER_CALLER = 16;
    static final int MAX_SESSIONS = 256;
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);
    static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    McpLimits {
        if (maxMessageBytes <= 0 || maxToolCallBytes < maxMessageBytes || maxSessionsPerCaller <= 0
                || maxSessions < maxSessionsPerCaller || idleTimeout.isNegative() || idleTimeout.isZero()
                || sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("inconsistent MCP limits");
        }
    }

    /** The defaults, with {@code tools/call} allowed up to {@code maxToolCallBytes}. */
    static McpLimits defaults(int maxToolCallBytes) {
        return new McpLimits(MAX_MESSAGE_BYTES, Math.max(maxToolCallBytes, MAX_MESSAGE_BYTES),
                MAX_SESSIONS_PER_CALLER, MAX_SESSIONS, IDLE_TIMEOUT, SWEEP_INTERVAL);
    }

    McpLimits withSessions(int perCaller, int total) {
        return new McpLimits(maxMessageBytes, maxToolCallBytes, perCaller, total, idleTimeout, sweepInterval);
    }

    McpLimits withIdleTimeout(Duration idle, Duration sweep) {
        return new McpLimits(maxMessageBytes, maxToolCallBytes, maxSessionsPerCaller, maxSessions, idle, sweep);
    }
}
