package net.metacircular.mcq.cli;

import com.fasterxml.jackson.databind.JsonNode;
import net.metacircular.mcq.db.SqliteSearchIndex;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search index is derived from the database: restored over a database
 * whose index knows other documents, the server finds what the snapshot
 * holds, and a lost index file is rebuilt.
 */
class SearchIndexRestoreTest {

    @TempDir
    Path dir;

    private static List<String> found(TestMcq server, String words) {
        List<String> slugs = new ArrayList<>();
        JsonNode result = TestMcq.json(server.get("/v1/search?q=" + words, server.systemToken()));
        result.path("hits").forEach(hit -> slugs.add(hit.path("document").path("slug").asText()));
        return slugs;
    }

    @Test
    void aRestoredDatabaseIsSearchedAsTheSnapshotHoldsIt() throws Exception {
        Path snapshot;
        try (TestMcq server = TestMcq.start(dir)) {
            String token = server.systemToken();
            server.push("kept", "Kept", "apricot jam, first version", token);
            server.push("changed", "Changed", "greengage before the snapshot", token);
            assertThat(found(server, "apricot")).containsExactly("kept");
            CommandRun run = CommandRun.of("snapshot", "--config", server.configFile.toString());
            assertThat(run.exit()).as(run.err()).isZero();
            snapshot = Path.of(run.out().trim());

            // After the snapshot: one document gone, one changed, one new; the index follows.
            server.send("DELETE", "/v1/documents/kept", token, null, null);
            server.push("changed", "Changed", "mirabelle after the snapshot", token);
            server.push("added", "Added", "apricot tart, after the snapshot", token);
            assertThat(found(server, "apricot")).containsExactly("added");
            assertThat(found(server, "greengage")).isEmpty();
        }
        Path config = dir.resolve("restore.toml");
        Files.writeString(config, TestMcq.configToml(dir, "http://127.0.0.1:1"));
        CommandRun restore = CommandRun.of("restore", "--config", config.toString(), snapshot.toString());
        assertThat(restore.exit()).as(restore.err()).isZero();

        try (TestMcq server = TestMcq.start(dir)) {
            assertThat(found(server, "apricot")).containsExactly("kept");
            assertThat(found(server, "greengage")).containsExactly("changed");
            assertThat(found(server, "mirabelle")).isEmpty();
        }

        // Without its index file the server rebuilds it from the database.
        Path index = SqliteSearchIndex.pathFor(dir.resolve("mcq.db"));
        assertThat(index).exists();
        Files.delete(index);
        try (TestMcq server = TestMcq.start(dir)) {
            assertThat(found(server, "apricot")).containsExactly("kept");
        }
    }
}
