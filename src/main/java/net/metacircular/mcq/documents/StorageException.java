package net.metacircular.mcq.documents;

/**
 * The store could not do what was asked: unreachable, locked too long,
 * corrupt or full. {@link DocumentService} turns it into a 503 for callers.
 */
public class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
