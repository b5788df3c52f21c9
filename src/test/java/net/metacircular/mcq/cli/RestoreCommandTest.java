package net.metacircular.mcq.cli;

import net.metacircular.mcq.config.ConfigLoader;
import net.metacircular.mcq.db.DatabaseInUseException;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Back up and restore as an operator does it: {@code mcq snapshot} beside a
 * running server under write load, {@code mcq restore} into a new data
 * directory, and a server started on the result.
 */
class RestoreCommandTest {

    @TempDir
    Path dir;

    private static CommandRun mcq(String... args) {
        return CommandRun.of(args);
    }

    /** A config for a data directory no server has used, with an MCIAS nobody needs for a restore. */
    private static Path configFor(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        return Files.writeString(dataDir.resolve("restore.toml"), TestMcq.configToml(dataDir, "http://127.0.0.1:1"));
    }

    private static String body(String slug) {
        return "# " + slug + "\n\n" + ("Paragraph of " + slug + ". ").repeat(20);
    }

    @Test
    void snapshotUnderWriteLoadRestoresEveryAcknowledgedDocumentIntoANewDataDirectory() throws Exception {
        Path original = dir.resolve("original");
        Files.createDirectories(original);
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        Map<String, String> acknowledgedBeforeSnapshot;
        Path snapshot;
        int writtenBeforeSnapshot;
        int writtenAfterSnapshot;

        try (TestMcq server = TestMcq.start(original)) {
            String token = server.systemToken();
            for (int i = 0; i < 150; i++) {
                String slug = "seed-" + i;
                assertThat(server.push(slug, "Seed " + i, body(slug), token).statusCode()).isEqualTo(201);
                acknowledged.put(slug, body(slug));
            }

            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger written = new AtomicInteger();
            // One permit per acknowledged write, so the test waits for writes, not for time.
            Semaphore writes = new Semaphore(0);
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int writer = w;
                Thread thread = new Thread(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        String slug = "live-" + writer + "-" + i;
                        HttpResponse<String> response = server.push(slug, "Live " + i, body(slug), token);
                        if (response.statusCode() == 201) {
                            acknowledged.put(slug, body(slug));
                            written.incrementAndGet();
                            writes.release();
                        }
                    }
                }, "writer-" + w);
                thread.start();
                writers.add(thread);
            }
            try {
                assertThat(writes.tryAcquire(40, 60, TimeUnit.SECONDS)).as("40 writes within 60 s").isTrue();

                // Everything acknowledged up to here was committed before the snapshot began.
                acknowledgedBeforeSnapshot = Map.copyOf(acknowledged);
                writtenBeforeSnapshot = written.get();
                CommandRun run = mcq("snapshot", "--config", server.configFile.toString(), "--keep", "3");
                assertThat(run.exit()).as(run.err()).isZero();
                snapshot = Path.of(run.out().trim());
                writes.drainPermits();
                assertThat(writes.tryAcquire(20, 60, TimeUnit.SECONDS)).as("20 writes after the snapshot").isTrue();
            } finally {
                stop.set(true);
                for (Thread thread : writers) {
                    thread.join(TimeUnit.SECONDS.toMillis(30));
                }
            }
            writtenAfterSnapshot = written.get() - writtenBeforeSnapshot;
        }
        // The writers ran on both sides of the snapshot.
        assertThat(writtenBeforeSnapshot).isGreaterThanOrEqualTo(40);
        assertThat(writtenAfterSnapshot).isGreaterThanOrEqualTo(20);

        Path fresh = dir.resolve("fresh");
        CommandRun restore = mcq("restore", "--config", configFor(fresh).toString(), snapshot.toString());
        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("restored " + snapshot).contains("there was no database before");
        Path restored = fresh.resolve("mcq.db");
        assertThat(Files.getPosixFilePermissions(restored)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        try (TestMcq server = TestMcq.start(fresh)) {
            String token = server.systemToken();
            for (Map.Entry<String, String> document : acknowledgedBeforeSnapshot.entrySet()) {
                HttpResponse<String> response = server.get("/v1/documents/" + document.getKey(), token);
                assertThat(response.statusCode()).as(document.getKey()).isEqualTo(200);
                assertThat(TestMcq.json(response).path("body").asText()).isEqualTo(document.getValue());
            }
            // The restored database takes new documents too.
            assertThat(server.push("after-restore", "After", "new", token).statusCode()).isEqualTo(201);
        }
    }

    @Test
    void attachedFilesSurviveSnapshotAndRestore() throws Exception {
        Path original = dir.resolve("original");
        Files.createDirectories(original);
        byte[] png = net.metacircular.mcq.testing.TestImages.png(java.awt.Color.RED);
        byte[] blue = net.metacircular.mcq.testing.TestImages.png(java.awt.Color.BLUE);
        byte[] svg = net.metacircular.mcq.testing.TestImages.hostileSvg();
        Path snapshot;
        try (TestMcq server = TestMcq.start(original)) {
            String token = server.systemToken();
            assertThat(server.push("pictured", "Pictured", "![a](a.png) ![b](b.svg)\n", token).statusCode())
                    .isEqualTo(201);
            assertThat(server.sendBytes("PUT", "/v1/documents/pictured/files/a.png", token, "image/png", png)
                    .statusCode()).isEqualTo(201);
            assertThat(server.sendBytes("PUT", "/v1/documents/pictured/files/b.svg", token, "image/svg+xml", svg)
                    .statusCode()).isEqualTo(201);
            // A second revision with a new version of a.png, in a folder too: revision 1 keeps the first.
            assertThat(server.push("pictured", "Pictured", "Two.\n\n![a](a.png) ![b](b.svg) ![c](img/c.png)\n",
                    token).statusCode()).isEqualTo(200);
            assertThat(server.sendBytes("PUT", "/v1/documents/pictured/files/a.png", token, "image/png", blue)
                    .statusCode()).isEqualTo(200);
            assertThat(server.sendBytes("PUT", "/v1/documents/pictured/files/img/c.png", token, "image/png", png)
                    .statusCode()).isEqualTo(201);
            CommandRun run = mcq("snapshot", "--config", server.configFile.toString());
            assertThat(run.exit()).as(run.err()).isZero();
            snapshot = Path.of(run.out().trim());
        }
        Path fresh = dir.resolve("fresh");
        CommandRun restore = mcq("restore", "--config", configFor(fresh).toString(), snapshot.toString());
        assertThat(restore.exit()).as(restore.err()).isZero();
        try (TestMcq server = TestMcq.start(fresh)) {
            String token = server.systemToken();
            HttpResponse<byte[]> a = server.getBytes("/v1/documents/pictured/files/a.png", token);
            assertThat(a.statusCode()).isEqualTo(200);
            assertThat(a.body()).isEqualTo(blue);
            assertThat(server.getBytes("/v1/documents/pictured/files/a.png?revision=1", token).body()).isEqualTo(png);
            assertThat(server.getBytes("/v1/documents/pictured/files/img/c.png", token).body()).isEqualTo(png);
            HttpResponse<byte[]> b = server.getBytes("/v1/documents/pictured/files/b.svg", token);
            assertThat(b.statusCode()).isEqualTo(200);
            assertThat(b.body()).isEqualTo(svg);
            assertThat(b.headers().firstValue("Content-Type")).contains("image/svg+xml");
        }
    }

    @Test
    void restoreIsRefusedWhileAServerInAnotherProcessUsesTheDatabase() throws Exception {
        try (TestMcq server = TestMcq.start(dir)) {
            assertThat(server.push("keep-me", "Keep", "body", server.systemToken()).statusCode()).isEqualTo(201);
            CommandRun snapshot = mcq("snapshot", "--config", server.configFile.toString());
            assertThat(snapshot.exit()).as(snapshot.err()).isZero();
            Path database = dir.resolve("mcq.db");
            // The server copies its write-ahead log into the file in the
            // background after writes; copy it all now, so the file's bytes
            // change only if the refused restore touched them.
            // A reader (the search indexer) can make one attempt report busy and leave frames behind,
            // which the server's own checkpoint would copy later: repeat until the log is empty.
            try (Connection c = server.app.database().connection(); Statement s = c.createStatement()) {
                boolean done = false;
                for (int attempt = 0; attempt < 50 && !done; attempt++) {
                    try (java.sql.ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                        done = rs.next() && rs.getInt(1) == 0 && rs.getInt(2) >= 0 && rs.getInt(2) == rs.getInt(3);
                    }
                }
                assertThat(done).as("the write-ahead log emptied into the database file").isTrue();
            }
            String before = sha256(database);

            // Another process, as an operator at a shell would run it.
            Process process = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "restore", "--config", server.configFile.toString(), snapshot.out().trim())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(process.exitValue()).as(output).isEqualTo(1);
            assertThat(output)
                    .contains("restore refused, nothing was changed")
                    .contains("is in use by server, pid " + ProcessHandle.current().pid())
                    .contains("stop MCQ first");
            assertThat(sha256(database)).isEqualTo(before);
            assertThat(replacedFiles(dir)).isEmpty();
            // The server never noticed.
            assertThat(server.get("/v1/documents/keep-me", server.systemToken()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aSecondServerOnTheSameDatabaseIsRefused() {
        try (TestMcq server = TestMcq.start(dir)) {
            String toml = TestMcq.configToml(dir, server.idp.baseUrl());
            assertThatThrownBy(() -> Application.start(new ConfigLoader(Map.of()).loadToml(toml, "second")))
                    .isInstanceOf(DatabaseInUseException.class)
                    .hasMessageContaining("is in use by server");
        }
    }

    @Test
    void damagedOrForeignBackupsAreRefusedAndChangeNothing() throws Exception {
        Path snapshot;
        try (TestMcq server = TestMcq.start(dir)) {
            String token = server.systemToken();
            for (int i = 0; i < 300; i++) {
                assertThat(server.push("doc-" + i, "Doc " + i, body("doc-" + i), token).statusCode()).isEqualTo(201);
            }
            CommandRun run = mcq("snapshot", "--config", server.configFile.toString());
            assertThat(run.exit()).as(run.err()).isZero();
            snapshot = Path.of(run.out().trim());
        }
        Path config = dir.resolve("mcq.toml");
        Path database = dir.resolve("mcq.db");
        String before = sha256(database);
        byte[] good = Files.readAllBytes(snapshot);
        int page = 4096;
        assertThat(good.length).as("enough pages to damage one in the middle").isGreaterThan(20 * page);

        Path truncated = Files.write(dir.resolve("truncated.db"), java.util.Arrays.copyOf(good, good.length / 2));
        // Only the last page lost: refused, and the message says what happened.
        Path lastPageLost = Files.write(dir.resolve("last-page-lost.db"), java.util.Arrays.copyOf(good, good.length - page));
        byte[] garbledBytes = good.clone();
        int middlePage = (good.length / page / 2) * page;
        java.util.Arrays.fill(garbledBytes, middlePage, middlePage + page, (byte) 0x5A);
        Path garbled = Files.write(dir.resolve("garbled.db"), garbledBytes);
        Path notSqlite = Files.writeString(dir.resolve("notes.db"), "these are not the documents you are looking for\n".repeat(200));
        Path foreign = dir.resolve("foreign.db");
        sql(foreign, "CREATE TABLE things (id INTEGER PRIMARY KEY)");
        Path newer = Files.write(dir.resolve("newer.db"), good);
        sql(newer, "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, "
                + "installed_by, execution_time, success) VALUES (999, '999', 'future', 'SQL', 'V999__future.sql', '', 0, 1)");
        List<String> filesBefore = fileNames(dir);

        assertRefused(config, truncated, "is truncated");
        assertRefused(config, lastPageLost, "is truncated: its header records");
        assertRefused(config, garbled, "is damaged", "is not a readable SQLite database");
        assertRefused(config, notSqlite, "is not a readable SQLite database");
        assertRefused(config, foreign, "is not an MCQ database: it has no documents table");
        assertRefused(config, newer, "has schema version 999, newer than this MCQ knows");
        assertRefused(config, dir.resolve("missing.db"), "does not exist");
        assertRefused(config, database, "is the database itself");

        assertThat(sha256(database)).isEqualTo(before);
        assertThat(fileNames(dir)).isEqualTo(filesBefore);

        // The good snapshot still restores, and the database it replaced is kept.
        CommandRun ok = mcq("restore", "--config", config.toString(), snapshot.toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        List<Path> kept = replacedFiles(dir);
        assertThat(kept).hasSize(1);
        assertThat(sha256(kept.get(0))).isEqualTo(before);
        assertThat(ok.out()).contains("the replaced database is kept as " + kept.get(0));
    }

    @Test
    void aPartOneBackupRestoresAndTheServerUpgradesItInPlace() throws Exception {
        Path backup = dir.resolve("part-one-backup.db");
        try (var in = RestoreCommandTest.class.getResourceAsStream("/db/part-one.db")) {
            Files.copy(in, backup);
        }
        Path fresh = dir.resolve("fresh");
        CommandRun restore = mcq("restore", "--config", configFor(fresh).toString(), backup.toString());
        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("restored " + backup);

        try (TestMcq server = TestMcq.start(fresh)) {
            String token = server.systemToken();
            HttpResponse<String> design = server.get("/v1/documents/design", token);
            assertThat(design.statusCode()).isEqualTo(200);
            assertThat(TestMcq.json(design).path("body").asText()).isEqualTo("# Design\n\nSecond revision.");
            assertThat(server.push("after-restore", "After", "new", token).statusCode()).isEqualTo(201);
        }
    }

    private void assertRefused(Path config, Path backup, String... anyOf) {
        CommandRun run = mcq("restore", "--config", config.toString(), backup.toString());
        assertThat(run.exit()).as("restore of %s: %s", backup.getFileName(), run.out()).isEqualTo(1);
        assertThat(run.err()).contains("mcq: restore refused, nothing was changed: ");
        assertThat(anyOf).as("message for %s was: %s", backup.getFileName(), run.err())
                .anyMatch(expected -> run.err().contains(expected));
    }

    private static void sql(Path file, String statement) throws SQLException {
        try (Connection c = new SQLiteConfig().createConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static List<Path> replacedFiles(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.list(dataDir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("mcq.db.replaced-")).toList();
        }
    }

    private static List<String> fileNames(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.list(dataDir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
