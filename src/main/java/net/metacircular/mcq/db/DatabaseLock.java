package net.metacircular.mcq.db;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exclusive use of a database file, held by a running server and by
 * {@code mcq restore}: an OS file lock on {@code <database>.lock}.
 *
 * <p>The kernel releases the lock when its process ends, however it ends, so
 * a crashed server never leaves a stale lock behind (unlike a PID file). The
 * lock file itself stays; only the lock on it means anything. It holds the
 * owner's process id so a refusal can say who holds it.
 *
 * <p>Snapshots do not take the lock: {@code VACUUM INTO} is safe beside a
 * running server, and that is when they are meant to run.
 */
public final class DatabaseLock implements AutoCloseable {

    /**
     * Locks this process holds, by lock file, with their owners. POSIX locks
     * belong to the process, and closing any descriptor of the file drops
     * them all, so a second owner in this process must be turned away here,
     * before it opens the file.
     */
    private static final Map<Path, String> HELD_HERE = new ConcurrentHashMap<>();

    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;

    private DatabaseLock(Path lockFile, FileChannel channel, FileLock lock) {
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file beside the database: {@code mcq.db} → {@code mcq.db.lock}. */
    public static Path lockFileOf(Path databasePath) {
        Path absolute = databasePath.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + ".lock");
    }

    /**
     * Takes the lock for {@code purpose} (e.g. "server") or fails at once,
     * naming the holder, when another process — or another owner in this
     * process — already has it.
     */
    public static DatabaseLock acquire(Path databasePath, String purpose) {
        Path lockFile = lockFileOf(databasePath).normalize();
        String owner = purpose + ", pid " + ProcessHandle.current().pid();
        String heldHere = HELD_HERE.putIfAbsent(lockFile, owner);
        if (heldHere != null) {
            throw inUse(databasePath, lockFile, Optional.of(heldHere));
        }
        FileChannel channel = null;
        try {
            Path parent = lockFile.getParent();
            if (parent != null) {
                OwnerOnlyFolders.create(parent);
            }
            channel = open(lockFile);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                Optional<String> holder = readHolder(channel);
                channel.close();
                HELD_HERE.remove(lockFile);
                throw inUse(databasePath, lockFile, holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((owner + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            return new DatabaseLock(lockFile, channel, lock);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            HELD_HERE.remove(lockFile);
            if (e instanceof DatabaseInUseException inUse) {
                throw inUse;
            }
            throw new DatabaseException("cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
    }

    private static DatabaseInUseException inUse(Path databasePath, Path lockFile, Optional<String> holder) {
        return new DatabaseInUseException("database " + databasePath + " is in use"
                + holder.map(h -> " by " + h).orElse("") + " (" + lockFile + " is locked)");
    }

    private static FileChannel open(Path lockFile) throws IOException {
        try {
            return FileChannel.open(lockFile, java.util.Set.of(StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.READ, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
    }

    private static Optional<String> readHolder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(200);
            int read = channel.read(buffer, 0);
            if (read <= 0) {
                return Optional.empty();
            }
            String text = new String(buffer.array(), 0, read, StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing; the first error is the one to report
            }
        }
    }

    public Path lockFile() {
        return lockFile;
    }

    /** Releases the lock; the file stays for the next owner. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it too
        } finally {
            closeQuietly(channel);
            HELD_HERE.remove(lockFile);
        }
    }
}
