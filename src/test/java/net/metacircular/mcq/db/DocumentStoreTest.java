package net.metacircular.mcq.db;

import net.metacircular.mcq.documents.PushedBody;
import net.metacircular.mcq.documents.DocumentStore;
import net.metacircular.mcq.documents.BodyHash;
import net.metacircular.mcq.documents.DocumentRules;
import net.metacircular.mcq.documents.ReadMarker;
import net.metacircular.mcq.documents.RevisionInfo;
import net.metacircular.mcq.documents.StoredDocument;
import net.metacircular.mcq.documents.StoredPush;
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
            assertThat(scalar(s, "SELECT group_concat(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success = 1")).isEqualTo("1,2,3,4,5,6,7");
        }
    }

    @Test
    void reopeningAppliesNoMigrationTwice() throws Exception {
        database.close();
        database = Database.open(dir.resolve("data/mcq.db"));
        try (Connection c = database.connection(); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT count(*) FROM flyway_schema_history")).isEqualTo("7");
        }
    }

    @Test
    void aChangedPushAppendsARevisionAndAnIdenticalOneStoresNothing() throws Exception {
        Instant first = Instant.parse("2026-01-01T10:00:00Z");
        StoredPush created = push("design", "Design v1", "# One", "alice", first);
        assertThat(created.created()).isTrue();
        assertThat(created.changed()).isTrue();
        assertThat(created.document().revision()).isEqualTo(1);
        assertThat(created.document().bodySha256()).isEqualTo(BodyHash.of("# One"));

        StoredDocument read = store.markRead("design", "alice", true, first.plusSeconds(60)).orElseThrow();
        assertThat(read.markers()).containsExactly(new ReadMarker("alice", true, 1, first.plusSeconds(60)));

        Instant second = first.plusSeconds(3600);
        StoredPush replaced = push("design", "Design v2", "# Two", "ci-bot", second);
        assertThat(replaced.created()).isFalse();
        assertThat(replaced.changed()).isTrue();
        StoredDocument doc = replaced.document();
        assertThat(doc.title()).isEqualTo("Design v2");
        assertThat(doc.body()).isEqualTo("# Two");
        assertThat(doc.pushedBy()).isEqualTo("ci-bot");
        assertThat(doc.pushedAt()).isEqualTo(second);
        assertThat(doc.createdAt()).isEqualTo(first);
        assertThat(doc.revision()).isEqualTo(2);
        assertThat(doc.markers()).as("alice's mark stays on the revision she read")
                .containsExactly(new ReadMarker("alice", true, 1, first.plusSeconds(60)));
        assertThat(store.find("design")).contains(doc);

        StoredPush again = push("design", "Design v2", "# Two", "ci-bot", second.plusSeconds(5));
        assertThat(again.changed()).isFalse();
        assertThat(again.created()).isFalse();
        assertThat(again.document()).isEqualTo(doc);
        assertThat(count("SELECT count(*) FROM revisions")).isEqualTo(2);

        StoredPush titleOnly = push("design", "Design v3", "# Two", "ci-bot", second.plusSeconds(10));
        assertThat(titleOnly.changed()).as("a new title alone is a new revision").isTrue();
        assertThat(titleOnly.document().revision()).isEqualTo(3);
    }

    @Test
    void theHistoryListsRevisionsNewestFirstWithTheirSizeChange() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        push("plan", "Plan", "abc", "agent", t);
        push("plan", "Plan", "abcdef", "agent", t.plusSeconds(1));
        push("plan", "Plan", "ab", "agent", t.plusSeconds(2));
        List<RevisionInfo> history = store.revisions("plan").orElseThrow();
        assertThat(history).extracting(RevisionInfo::number).containsExactly(3L, 2L, 1L);
        assertThat(history).extracting(RevisionInfo::sizeChange).containsExactly(-4L, 3L, 3L);
        assertThat(store.revision("plan", 2).orElseThrow().body()).isEqualTo("abcdef");
        assertThat(store.revision("plan", 4)).isEmpty();
        assertThat(store.revisions("nothing")).isEmpty();
    }

    @Test
    void pruningKeepsTheNewestTheCurrentAndEveryMarkedRevision() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 1; i <= 3; i++) {
            store.push("log", "Log", PushedBody.of("v" + i), "agent", t.plusSeconds(i), 2);
        }
        store.markRead("log", "alice", true, t.plusSeconds(10));   // alice read revision 3
        for (int i = 4; i <= 8; i++) {
            store.push("log", "Log", PushedBody.of("v" + i), "agent", t.plusSeconds(i * 10), 2);
        }
        assertThat(store.revisions("log").orElseThrow()).extracting(RevisionInfo::number)
                .containsExactly(8L, 7L, 3L);
        assertThat(store.revision("log", 3).orElseThrow().body()).isEqualTo("v3");
        assertThat(store.revision("log", 1)).isEmpty();
    }

    @Test
    void aLargeLimitIsPrunedInStepsAndNeverExceeded() {
        // A limit of 64 prunes 4 at a time: after each push 61 to 64 revisions are kept.
        int limit = 64;
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        java.util.Set<Integer> counts = new java.util.TreeSet<>();
        int prunes = 0;
        long oldest = 1;
        for (int i = 1; i <= 140; i++) {
            store.push("steps", "Steps", PushedBody.of("v" + i), "agent", t.plusSeconds(i), limit);
            List<RevisionInfo> kept = store.revisions("steps").orElseThrow();
            assertThat(kept.get(0).number()).isEqualTo(i);
            assertThat(kept).as("kept after push %d", i).hasSizeLessThanOrEqualTo(limit);
            if (i > limit) {
                counts.add(kept.size());
            }
            long nowOldest = kept.get(kept.size() - 1).number();
            if (nowOldest != oldest) {
                prunes++;
                assertThat(nowOldest - oldest).as("one step pruned at once").isEqualTo(4);
                oldest = nowOldest;
            }
        }
        assertThat(counts).containsExactly(61, 62, 63, 64);
        assertThat(prunes).as("pushes that pruned, of the 76 past the limit").isEqualTo(19);
        assertThat(store.revision("steps", oldest).orElseThrow().body()).isEqualTo("v" + oldest);
    }

    @Test
    void pruneHorizonMatchesTheLimitExactlyBelowSixteen() {
        for (long current = 1; current <= 40; current++) {
            assertThat(SqliteDocumentStore.pruneHorizon(current, 2)).isEqualTo(Math.max(0, current - 2));
        }
        assertThat(SqliteDocumentStore.pruneHorizon(200, 200)).isZero();
        assertThat(SqliteDocumentStore.pruneHorizon(201, 200)).isEqualTo(12);
        assertThat(SqliteDocumentStore.pruneHorizon(202, 200)).isZero();
        assertThat(SqliteDocumentStore.pruneHorizon(213, 200)).isEqualTo(24);
    }

    @Test
    void marksAreKeptPerAccountAndUnreadRemovesOnlyTheCallersMark() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        push("spec", "Spec", "one", "agent", t);
        store.markRead("spec", "alice", true, t.plusSeconds(1));
        store.markRead("spec", "ci-bot", false, t.plusSeconds(2));
        StoredDocument after = store.markUnread("spec", "ci-bot").orElseThrow();
        assertThat(after.markers()).containsExactly(new ReadMarker("alice", true, 1, t.plusSeconds(1)));
        assertThat(store.list()).singleElement().satisfies(summary ->
                assertThat(summary.markers()).containsExactly(new ReadMarker("alice", true, 1, t.plusSeconds(1))));
    }

    @Test
    void deletingADocumentRemovesItsHistoryAndMarks() throws Exception {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        push("gone", "Gone", "one", "agent", t);
        push("gone", "Gone", "two", "agent", t.plusSeconds(1));
        store.markRead("gone", "alice", true, t.plusSeconds(2));
        assertThat(store.delete("gone")).isTrue();
        assertThat(count("SELECT count(*) FROM revisions")).isZero();
        assertThat(count("SELECT count(*) FROM read_markers")).isZero();
    }

    @Test
    void unknownSlugsAreReportedNotInvented() {
        assertThat(store.find("nothing")).isEmpty();
        assertThat(store.markRead("nothing", "alice", true, Instant.now())).isEmpty();
        assertThat(store.markUnread("nothing", "alice")).isEmpty();
        assertThat(store.delete("nothing")).isFalse();
        assertThat(store.list()).isEmpty();
    }

    @Test
    void textSurvivesByteForByte() {
        String body = "Unicode ✓ 日本語 🎉, quotes \" ' `, backslash \\ and NUL \u0000 and CRLF\r\n";
        push("unicode", "Ünïcødé “title”", body, "alice", Instant.now());
        StoredDocument doc = store.find("unicode").orElseThrow();
        assertThat(doc.body()).isEqualTo(body);
        assertThat(doc.title()).isEqualTo("Ünïcødé “title”");
        assertThat(store.revision("unicode", 1).orElseThrow().body()).isEqualTo(body);
    }

    @Test
    void snapshotContainsEveryDocumentAndRetentionPrunes() throws Exception {
        for (int i = 0; i < 50; i++) {
            push("doc-" + i, "Doc " + i, "body " + i, "alice", Instant.now());
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

    private StoredPush push(String slug, String title, String body, String by, Instant at) {
        return store.push(slug, title, PushedBody.of(body), by, at, DocumentRules.DEFAULT_MAX_REVISIONS);
    }

    private long count(String sql) throws Exception {
        try (Connection c = database.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String scalar(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
