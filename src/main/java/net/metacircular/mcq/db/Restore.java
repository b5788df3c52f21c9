package net.metacircular.mcq.db;

import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Puts a snapshot back in place of the database, for {@code mcq restore}.
 *
 * <p>Order of work, each step before anything irreversible:
 * <ol>
 *   <li>take the database's lock, so no server runs on it meanwhile (and
 *       refuse if one does);</li>
 *   <li>copy the backup next to the database (mode 0600) and check the copy:
 *       SQLite's integrity check, MCQ's tables, a schema this MCQ knows;</li>
 *   <li>keep the current database as {@code <db>.replaced-<UTC time>} (a hard
 *       link, so the live name is never missing), with its write-ahead log
 *       moved along so the kept copy stays complete and the log cannot be
 *       replayed into the restored file;</li>
 *   <li>rename the checked copy over the database in one atomic step.</li>
 * </ol>
 * A refused restore leaves the database and its side files untouched.
 */
public final class Restore {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    /** SQLite's side files: write-ahead log, shared memory index, rollback journal. */
    private static final List<String> SIDE_FILES = List.of("-wal", "-shm", "-journal");

    /** What was restored. {@code replaced} is empty when there was no database before. */
    public record Result(Path database, Path backup, Optional<Path> replaced, long documents, int schemaVersion) {
    }

    /** The backup was not restored; nothing was changed. The message says why and what to do. */
    public static final class RefusedException extends RuntimeException {
        RefusedException(String message) {
            super(message);
        }
    }

    private record Checked(long documents, int schemaVersion) {
    }

    private Restore() {
    }

    public static Result restore(Path backup, Path databasePath, Instant now) {
        Path database = databasePath.toAbsolutePath().normalize();
        Path source = backup.toAbsolutePath().normalize();
        if (!Files.isRegularFile(source)) {
            throw new RefusedException("backup " + backup + " does not exist or is not a file");
        }
        if (sameFile(source, database)) {
            throw new RefusedException("backup " + backup + " is the database itself");
        }
        if (Files.exists(sideFile(source, "-wal"))) {
            throw new RefusedException("backup " + backup + " has a write-ahead log beside it (" + sideFile(source, "-wal")
                    + "): it is a live database, not a snapshot; restore a file written by mcq snapshot");
        }

        DatabaseLock lock;
        try {
            lock = DatabaseLock.acquire(database, "restore");
        } catch (DatabaseInUseException e) {
            throw new RefusedException(e.getMessage()
                    + ": stop MCQ first (systemctl stop mcq, or mcp stop mcq), then restore");
        }
        try (lock) {
            Path staged = database.resolveSibling(database.getFileName() + ".restoring");
            try {
                copyOwnerOnly(source, staged);
                Checked checked = check(staged, backup);
                Optional<Path> replaced = keepCurrent(database, now);
                Files.move(staged, database, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                syncDirectory(database.getParent());
                return new Result(database, source, replaced, checked.documents(), checked.schemaVersion());
            } finally {
                deleteWithSideFiles(staged);
            }
        } catch (IOException e) {
            throw new DatabaseException("restore of " + backup + " into " + database + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Checks a copy of a backup as the server would need it: a sound SQLite
     * file with MCQ's tables, at a schema version this MCQ can migrate from.
     */
    private static Checked check(Path copy, Path named) throws IOException {
        checkNotTruncated(copy, named);
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection c = config.createConnection("jdbc:sqlite:" + copy);
             Statement s = c.createStatement()) {
            List<String> problems = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("PRAGMA integrity_check(5)")) {
                while (rs.next()) {
                    problems.add(rs.getString(1));
                }
            }
            if (!problems.equals(List.of("ok"))) {
                throw new RefusedException("backup " + named + " is damaged (integrity check: "
                        + String.join("; ", problems) + "); choose an older snapshot");
            }
            if (!Migrations.hasTable(s, "documents")) {
                throw new RefusedException("backup " + named + " is not an MCQ database: it has no documents table");
            }
            if (!Migrations.hasTable(s, Migrations.HISTORY) && !Migrations.hasTable(s, Migrations.PART_ONE_HISTORY)) {
                throw new RefusedException("backup " + named + " is not an MCQ database: it has no "
                        + Migrations.HISTORY + " (or Part I " + Migrations.PART_ONE_HISTORY + ") table");
            }
            int version = Migrations.recordedVersion(s);
            int known = latestSchemaVersion();
            if (version > known) {
                throw new RefusedException("backup " + named + " has schema version " + version
                        + ", newer than this MCQ knows (" + known + "): restore it with the MCQ release that wrote it");
            }
            long documents;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM documents")) {
                rs.next();
                documents = rs.getLong(1);
            }
            return new Checked(documents, version);
        } catch (SQLException e) {
            throw new RefusedException("backup " + named + " is not a readable SQLite database ("
                    + e.getMessage() + "); choose another snapshot");
        }
    }

    /**
     * A file cut short (an interrupted copy) is named as such, rather than
     * as "malformed", and one that lost only trailing free pages, which
     * SQLite's own check would pass, is caught too: the length is compared with the
     * size the file's header records: page size (offset 16) times page
     * count (offset 28), which the header marks valid when its
     * "version-valid-for" number (offset 92) equals the change counter
     * (offset 24).
     */
    private static void checkNotTruncated(Path copy, Path named) throws IOException {
        java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(100);
        long length;
        try (FileChannel in = FileChannel.open(copy, StandardOpenOption.READ)) {
            length = in.size();
            while (header.hasRemaining() && in.read(header) > 0) {
                // fill the header
            }
        }
        header.flip();
        byte[] magic = new byte[16];
        if (header.remaining() < 100) {
            throw new RefusedException("backup " + named + " is not a readable SQLite database (" + length
                    + " bytes, shorter than a database header); choose another snapshot");
        }
        header.get(magic);
        if (!new String(magic, java.nio.charset.StandardCharsets.US_ASCII).equals("SQLite format 3\0")) {
            throw new RefusedException("backup " + named + " is not a readable SQLite database (no SQLite header); "
                    + "choose another snapshot");
        }
        int pageSize = Short.toUnsignedInt(header.getShort(16));
        long pageSize64 = pageSize == 1 ? 65536 : pageSize;
        long pages = Integer.toUnsignedLong(header.getInt(28));
        boolean countValid = header.getInt(92) == header.getInt(24) && pages > 0;
        if (countValid && length < pageSize64 * pages) {
            throw new RefusedException("backup " + named + " is truncated: its header records " + pages + " pages of "
                    + pageSize64 + " bytes (" + pageSize64 * pages + " bytes), the file has " + length
                    + "; choose another snapshot");
        }
    }

    static int latestSchemaVersion() {
        return Migrations.latestVersion();
    }

    /**
     * Keeps the current database under a new name. A hard link first, so the
     * live name always points at a complete database; then its write-ahead
     * log (if the last server did not close cleanly) goes along with it, and
     * the shared-memory index, which SQLite rebuilds, is removed.
     */
    private static Optional<Path> keepCurrent(Path database, Instant now) throws IOException {
        if (!Files.exists(database)) {
            for (String suffix : SIDE_FILES) {
                Files.deleteIfExists(sideFile(database, suffix));
            }
            return Optional.empty();
        }
        String stem = database.getFileName() + ".replaced-" + STAMP.format(now);
        Path kept = database.resolveSibling(stem);
        for (int i = 1; Files.exists(kept); i++) {
            kept = database.resolveSibling(stem + "-" + i);
        }
        try {
            Files.createLink(kept, database);
        } catch (UnsupportedOperationException | FileSystemException e) {
            Files.copy(database, kept, StandardCopyOption.COPY_ATTRIBUTES);
        }
        for (String suffix : List.of("-wal", "-journal")) {
            Path side = sideFile(database, suffix);
            if (Files.exists(side)) {
                Files.move(side, sideFile(kept, suffix), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Files.deleteIfExists(sideFile(database, "-shm"));
        return Optional.of(kept);
    }

    private static void copyOwnerOnly(Path source, Path target) throws IOException {
        deleteWithSideFiles(target);
        Files.createFile(target, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.setPosixFilePermissions(target, OWNER_ONLY);
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE)) {
            long size = in.size();
            long done = 0;
            while (done < size) {
                done += out.transferFrom(in, done, size - done);
            }
            out.force(true);
        }
    }

    private static void deleteWithSideFiles(Path file) {
        try {
            Files.deleteIfExists(file);
            for (String suffix : SIDE_FILES) {
                Files.deleteIfExists(sideFile(file, suffix));
            }
        } catch (IOException e) {
            throw new DatabaseException("cannot remove " + file + ": " + e.getMessage(), e);
        }
    }

    private static Path sideFile(Path database, String suffix) {
        return database.resolveSibling(database.getFileName() + suffix);
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** Makes the renames durable; where a directory cannot be opened this way, the rename still happened. */
    private static void syncDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // not every file system lets a directory be synced; the data file already was
        }
    }
}
