package net.metacircular.mcq.db;

import net.metacircular.mcq.documents.PushedBody;
import net.metacircular.mcq.documents.DocumentStore;
import net.metacircular.mcq.documents.BodyHash;
import net.metacircular.mcq.documents.DocumentRules;
import net.metacircular.mcq.documents.ReadMarker;
import net.metacircular.mcq.documents.RevisionInfo;
import net.metacircular.mcq.documents.StoredDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flyway takes over from Part I's runner: a Part I database upgrades in place,
 * and a migration with triggers and a string holding {@code --} applies as written.
 */
class MigrationsTest {

    /** The product's migrations plus a test-only V002 (FTS5 with triggers). */
    private static final Migrations WITH_SEARCH = new Migrations(
            List.of(Migrations.PRODUCT_LOCATION, "classpath:db/test-migrations"));

    @TempDir
    Path dir;

    @Test
    void partOneDatabaseKeepsItsDocumentsAndIsBaselinedAtItsVersion() throws Exception {
        Path file = partOneCopy();
        try (Database database = Database.open(file)) {
            assertPartOneDocuments(new SqliteDocumentStore(database));
            try (Connection c = database.connection(); Statement s = c.createStatement()) {
                assertThat(rows(s, "SELECT CAST(version AS INTEGER), type FROM flyway_schema_history ORDER BY installed_rank"))
                        .containsExactly("1 BASELINE", "2 SQL", "3 JDBC", "4 SQL", "5 SQL", "6 SQL", "7 SQL");
                assertThat(rows(s, "SELECT version, name FROM schema_migrations"))
                        .as("Part I's own record is kept").containsExactly("1 V001__documents");
            }
        }
        // Reopening neither baselines again nor re-applies V001.
        try (Database database = Database.open(file); Connection c = database.connection();
             Statement s = c.createStatement()) {
            assertThat(rows(s, "SELECT CAST(version AS INTEGER), type FROM flyway_schema_history ORDER BY installed_rank"))
                    .containsExactly("1 BASELINE", "2 SQL", "3 JDBC", "4 SQL", "5 SQL", "6 SQL", "7 SQL");
        }
    }

    @Test
    void partOneDatabaseTakesANewMigration() throws Exception {
        try (Database database = Database.open(partOneCopy(), WITH_SEARCH)) {
            DocumentStore store = new SqliteDocumentStore(database);
            assertPartOneDocuments(store);
            try (Connection c = database.connection(); Statement s = c.createStatement()) {
                assertThat(rows(s, "SELECT CAST(version AS INTEGER), type, success FROM flyway_schema_history ORDER BY installed_rank"))
                        .containsExactly("1 BASELINE 1", "2 SQL 1", "3 JDBC 1", "4 SQL 1", "5 SQL 1", "6 SQL 1", "7 SQL 1",
                                "900 SQL 1");
                assertThat(rows(s, "SELECT rowid FROM documents_search WHERE documents_search MATCH 'design'"))
                        .as("the rebuild indexed the Part I documents").containsExactly("1");
            }
        }
    }

    @Test
    void triggersAndACommentMarkerInAStringApplyAsWritten() throws Exception {
        try (Database database = Database.open(dir.resolve("data/mcq.db"), WITH_SEARCH)) {
            DocumentStore store = new SqliteDocumentStore(database);
            store.push("plan", "Ship the zeppelin", PushedBody.of("plan"), "alice",
                    Instant.parse("2026-02-01T10:00:00Z"), DocumentRules.DEFAULT_MAX_REVISIONS);
            try (Connection c = database.connection(); Statement s = c.createStatement()) {
                assertThat(rows(s, "SELECT note FROM migration_notes")).containsExactly("keep -- this; and this");
                assertThat(rows(s, "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name"))
                        .containsExactly("documents_search_insert", "documents_search_update");
                assertThat(rows(s, "SELECT count(*) FROM documents_search WHERE documents_search MATCH 'zeppelin'"))
                        .as("the insert trigger ran").containsExactly("1");
            }
            store.push("plan", "Ship the airship", PushedBody.of("plan"), "alice",
                    Instant.parse("2026-02-02T10:00:00Z"), DocumentRules.DEFAULT_MAX_REVISIONS);
            try (Connection c = database.connection(); Statement s = c.createStatement()) {
                assertThat(rows(s, "SELECT count(*) FROM documents_search WHERE documents_search MATCH 'zeppelin'"))
                        .as("both statements of the update trigger ran").containsExactly("0");
                assertThat(rows(s, "SELECT count(*) FROM documents_search WHERE documents_search MATCH 'airship'"))
                        .containsExactly("1");
            }
        }
    }

    @Test
    void newDatabaseIsOwnerOnlyAndRecordsEachMigrationOnce() throws Exception {
        Path file = dir.resolve("data/mcq.db");
        try (Database database = Database.open(file)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            try (Connection c = database.connection(); Statement s = c.createStatement()) {
                assertThat(rows(s, "SELECT CAST(version AS INTEGER), script, success FROM flyway_schema_history"))
                        .containsExactly("1 V001__documents.sql 1", "2 V002__revisions.sql 1",
                                "3 net.metacircular.mcq.db.V003__RevisionHashes 1", "4 V004__reviews.sql 1",
                                "5 V005__revision_deltas.sql 1", "6 V006__attachments.sql 1",
                                "7 V007__attachment_versions.sql 1");
                assertThat(Migrations.hasTable(s, Migrations.PART_ONE_HISTORY)).isFalse();
            }
        }
        assertThat(Migrations.latestVersion()).isEqualTo(7);
    }

    @Test
    void filesOfV006BecomeVersionsThatEveryRevisionShows() throws Exception {
        Path file = dir.resolve("v006.db");
        String url = "jdbc:sqlite:" + file;
        org.flywaydb.core.Flyway.configure(Migrations.class.getClassLoader()).dataSource(url, null, null)
                .locations(Migrations.PRODUCT_LOCATION).javaMigrations(new V003__RevisionHashes())
                .table(Migrations.HISTORY).target("6").load().migrate();
        try (Connection c = java.sql.DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO documents (id, slug, title, pushed_by, pushed_at, created_at, revision, body)"
                    + " VALUES (1, 'plan', 'Plan', 'bot', 2000, 1000, 2, '![a](a.png) ![b](b.png)')");
            s.executeUpdate("INSERT INTO revisions (document_id, revision, title, pushed_by, pushed_at, body_sha256,"
                    + " body_bytes, body_form, body) VALUES (1, 1, 'Plan', 'bot', 1000, 'x', 12, 'full', '![a](a.png)'),"
                    + " (1, 2, 'Plan', 'bot', 2000, 'y', 24, 'current', NULL)");
            // a.png was uploaded before the current revision was pushed, c.png after it (waiting for a push).
            s.executeUpdate("INSERT INTO attachments (document_id, name, media_type, sha256, size, added_by, added_at,"
                    + " bytes) VALUES (1, 'a.png', 'image/png', 'aa', 2, 'bot', 1500, X'0102'),"
                    + " (1, 'c.png', 'image/png', 'cc', 1, 'bot', 2500, X'03')");
        }
        try (Database database = Database.open(file)) {
            try (Connection c = database.connection(); Statement s = c.createStatement()) {
                assertThat(rows(s, "SELECT name, from_revision, last_uploaded_revision, sha256, hex(bytes)"
                        + " FROM attachment_versions ORDER BY id"))
                        .containsExactly("a.png 0 0 aa 0102", "c.png 0 2 cc 03");
                assertThat(Migrations.hasTable(s, "attachments")).isFalse();
            }
            SqliteAttachmentStore files = new SqliteAttachmentStore(database, new SqliteDocumentStore(database));
            assertThat(files.get("plan", "a.png", 1L).orElseThrow().bytes()).containsExactly(1, 2);
            assertThat(files.get("plan", "a.png", null).orElseThrow().bytes()).containsExactly(1, 2);
            files.sweep("plan");
            assertThat(files.list("plan", null).orElseThrow()).extracting(f -> f.name())
                    .as("a.png is linked, c.png waits for a push").containsExactly("a.png", "c.png");
        }
    }

    /**
     * The Part I documents, each now a history of one revision (its current
     * one, with its hash), and Part I's read mark kept as one nobody owns.
     */
    private static void assertPartOneDocuments(DocumentStore store) {
        StoredDocument design = store.find("design").orElseThrow();
        assertThat(design.title()).isEqualTo("Design v2");
        assertThat(design.body()).isEqualTo("# Design\n\nSecond revision.");
        assertThat(design.revision()).isEqualTo(2);
        assertThat(design.bodySha256()).isEqualTo(BodyHash.of(design.body()));
        assertThat(store.revisions("design").orElseThrow()).extracting(RevisionInfo::number).containsExactly(2L);
        assertThat(store.revision("design", 2).orElseThrow().body()).isEqualTo(design.body());
        StoredDocument notes = store.find("notes").orElseThrow();
        assertThat(notes.pushedBy()).isEqualTo("bob");
        assertThat(notes.markers()).singleElement().satisfies(marker -> {
            assertThat(marker.username()).isEqualTo(ReadMarker.BEFORE_PER_REVIEWER_STATE);
            assertThat(marker.revision()).isEqualTo(notes.revision());
        });
        assertThat(design.markers()).as("design was unread in Part I").isEmpty();
    }

    /** A copy of the fixture written by Part I's runner (two documents, schema_migrations at version 1). */
    private Path partOneCopy() throws Exception {
        Path file = dir.resolve("part-one.db");
        try (InputStream in = getClass().getResourceAsStream("/db/part-one.db")) {
            Files.copy(in, file);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static List<String> rows(Statement s, String query) throws Exception {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(rs.getString(i));
                }
                rows.add(String.join(" ", values));
            }
        }
        return rows;
    }
}
