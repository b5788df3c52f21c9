package net.metacircular.mcq.db;

/** Another process (a running server, a restore) holds the database's lock. */
public final class DatabaseInUseException extends RuntimeException {
    public DatabaseInUseException(String message) {
        super(message);
    }
}
