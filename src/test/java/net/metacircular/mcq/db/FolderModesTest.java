package net.metacircular.mcq.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The data and backup folders MCQ creates are 0700, the database and snapshots 0600 (as the docs say). */
class FolderModesTest {

    @TempDir
    Path dir;

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    @SuppressWarnings("try") // the lock is held for the snapshot, as the server holds it
    void dataAndBackupFoldersAreCreatedOwnerOnly() throws IOException {
        Path data = dir.resolve("var/lib/mcq");
        Path databaseFile = data.resolve("mcq.db");
        Path backups = dir.resolve("backups/daily");
        try (DatabaseLock lock = DatabaseLock.acquire(databaseFile, "test");
             Database database = Database.open(databaseFile)) {
            Path snapshot = Snapshots.take(database, backups, 3, Instant.now());
            assertThat(mode(snapshot)).isEqualTo("rw-------");
        }
        assertThat(mode(dir.resolve("var"))).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("var/lib"))).isEqualTo("rwx------");
        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(databaseFile)).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("backups"))).isEqualTo("rwx------");
        assertThat(mode(backups)).isEqualTo("rwx------");
    }

    @Test
    void aFolderThatAlreadyExistsKeepsTheOperatorsMode() throws IOException {
        Path data = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-x---"));
        try (Database database = Database.open(data.resolve("mcq.db"))) {
            assertThat(database.isUsable()).isTrue();
        }
        assertThat(mode(data)).isEqualTo("rwxr-x---");
    }
}
