package net.metacircular.mcq.db;

import net.metacircular.mcq.documents.StorageException;

/** The database could not do what was asked: unreachable, locked too long, corrupt or full. */
public final class DatabaseException extends StorageException {
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
