package net.metacircular.mcq.db;

/** The database could not do what was asked: unreachable, locked too long, corrupt or full. */
public final class DatabaseException extends RuntimeException {
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
