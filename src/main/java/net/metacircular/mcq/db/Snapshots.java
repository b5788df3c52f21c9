package net.metacircular.mcq.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Consistent copies of the live database in {@code <data dir>/backups/},
 * named by UTC time so they sort oldest first, with a retention count.
 */
public final class Snapshots {

    private static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String PREFIX = "mcq-";
    private static final String SUFFIX = ".db";

    private Snapshots() {
    }

    /** The backups folder beside the database file. */
    public static Path backupsDir(Path databasePath) {
        Path parent = databasePath.toAbsolutePath().getParent();
        return parent.resolve("backups");
    }

    /**
     * Writes a snapshot and deletes all but the newest {@code keep} snapshots.
     *
     * @return the new snapshot file
     */
    public static Path take(Database database, Path backupsDir, int keep, Instant now) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1");
        }
        try {
            OwnerOnlyFolders.create(backupsDir);
            Path target = uniqueName(backupsDir, now);
            // VACUUM INTO accepts an empty file; creating it first gives it
            // owner-only permissions like the database itself.
            Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            database.snapshotTo(target);
            prune(backupsDir, keep);
            return target;
        } catch (IOException e) {
            throw new DatabaseException("cannot write snapshot in " + backupsDir + ": " + e.getMessage(), e);
        }
    }

    /** Snapshot files in the folder, oldest first. */
    public static List<Path> list(Path backupsDir) throws IOException {
        if (!Files.isDirectory(backupsDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(backupsDir)) {
            return files.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
            }).sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }

    private static Path uniqueName(Path dir, Instant now) {
        String stem = PREFIX + NAME_TIME.format(now);
        Path candidate = dir.resolve(stem + SUFFIX);
        for (int i = 1; Files.exists(candidate); i++) {
            candidate = dir.resolve(stem + "-" + i + SUFFIX);
        }
        return candidate;
    }

    private static void prune(Path dir, int keep) throws IOException {
        List<Path> all = list(dir);
        for (Path old : all.subList(0, Math.max(0, all.size() - keep))) {
            Files.deleteIfExists(old);
        }
    }
}
