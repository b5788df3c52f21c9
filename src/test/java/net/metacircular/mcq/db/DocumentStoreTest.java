package net.metacircular.mcq.db;
import net.metacircular.mcq.documents.DocumentStore;

import net.metacircular.mcq.documents.Document;
import net.metacircular.mcq.documents.DocumentSummary;
import net.metacircular.mcq.documents.PutResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentStoreTest {

    @TempDir
    Path dir;
    private Database database;
    private DocumentStore store;

    @BeforeEach
    void open() {
        database = Database.open(dir.resolve("data/mcq.db"));
        store = new SqliteDocumentStore(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void databaseFileIsOwnerOnlyAndInWalMode() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("data/mcq.db"))))
                .isEqualTo("rw-------");
        try (Connection c = database.connection(); Statement s = c.createStatement()) {
            assertThat(scalar(s, "PRAGMA journal_mode")).isEqualTo("wal");
            assertThat(scalar(s, "PRAGMA foreign_keys")).isEqualTo("1");
            assertThat(scalar(s, "PRAGMA busy_timeout")).isEqualTo("5000");
            assertThat(scalar(s, "SELECT group_concat(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success = 1")).isEqualTo("1");
        }
    }

    @Test
    void reopeningAppliesNoMigrationTwice() throws Exception {
        database.close();
        database = Database.open(dir.resolve("data/mcq.db"));
        try (Connection c = database.connection(); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT count(*) FROM flyway_schema_history")).isEqualTo("1");
        }
    }

    @Test
    void rePushReplacesContentAndMarksUnread() {
        Instant first = Instant.parse("2026-01-01T10:00:00Z");
        PutResult created = store.upsert("design", "Design v1", "# One", "alice", first);
        assertThat(created.created()).isTrue();
        assertThat(created.document().revision()).isEqualTo(1);

        Document read = store.setRead("design", true, first.plusSeconds(60)).orElseThrow();
        assertThat(read.read()).isTrue();
        assertThat(read.readAt()).isEqualTo(first.plusSeconds(60));

        Instant second = first.plusSeconds(3600);
        PutResult replaced = store.upsert("design", "Design v2", "# Two", "ci-bot", second);
        assertThat(replaced.created()).isFalse();
        Document doc = replaced.document();
        assertThat(doc.title()).isEqualTo("Design v2");
        assertThat(doc.body()).isEqualTo("# Two");
        assertThat(doc.pushedBy()).isEqualTo("ci-bot");
        assertThat(doc.pushedAt()).isEqualTo(second);
        assertThat(doc.read()).isFalse();
        assertThat(doc.readAt()).isNull();
        assertThat(doc.createdAt()).isEqualTo(first);
        assertThat(doc.revision()).isEqualTo(2);
        assertThat(store.find("design")).contains(doc);
    }

    @Test
    void queueListsUnreadFirstThenNewest() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        store.upsert("old-unread", "a", "", "u", t);
        store.upsert("new-unread", "b", "", "u", t.plusSeconds(10));
        store.upsert("newest-read", "c", "", "u", t.plusSeconds(20));
        store.setRead("newest-read", true, t.plusSeconds(30));

        List<String> slugs = store.list().stream().map(DocumentSummary::slug).toList();
        assertThat(slugs).containsExactly("new-unread", "old-unread", "newest-read");
    }

    @Test
    void unknownSlugsAreReportedNotInvented() {
        assertThat(store.find("nothing")).isEmpty();
        assertThat(store.setRead("nothing", true, Instant.now())).isEmpty();
        assertThat(store.delete("nothing")).isFalse();
        assertThat(store.list()).isEmpty();
    }

    @Test
    void textSurvivesByteForByte() {
        String body = "Unicode ✓ 日本語 🎉, quotes \" ' `, backslash \\ and NUL \u0000 and CRLF\r\n";
        store.upsert("unicode", "Ünïcødé “title”", body, "alice", Instant.now());
        Document doc = store.find("unicode").orElseThrow();
        assertThat(doc.body()).isEqualTo(body);
        assertThat(doc.title()).isEqualTo("Ünïcødé “title”");
    }

    @Test
    void snapshotContainsEveryDocumentAndRetentionPrunes() throws Exception {
        for (int i = 0; i < 50; i++) {
            store.upsert("doc-" + i, "Doc " + i, "body " + i, "alice", Instant.now());
        }
        Path backups = Snapshots.backupsDir(database.path());
        Path first = null;
        for (int i = 0; i < 4; i++) {
            Path snapshot = Snapshots.take(database, backups, 3, Instant.parse("2026-01-01T00:00:0" + i + "Z"));
            if (first == null) {
                first = snapshot;
            }
        }
        assertThat(Snapshots.list(backups)).hasSize(3).doesNotContain(first);
        Path latest = Snapshots.list(backups).get(2);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(latest))).isEqualTo("rw-------");
        try (Database copy = Database.open(latest)) {
            assertThat(new SqliteDocumentStore(copy).list()).hasSize(50);
            assertThat(new SqliteDocumentStore(copy).find("doc-49").orElseThrow().body()).isEqualTo("body 49");
        }
    }

    private static String scalar(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
