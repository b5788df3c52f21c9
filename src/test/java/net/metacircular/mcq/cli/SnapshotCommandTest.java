package net.metacircular.mcq.cli;
import net.metacircular.mcq.documents.DocumentStore;

import net.metacircular.mcq.db.Database;
import net.metacircular.mcq.db.SqliteDocumentStore;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotCommandTest {

    @TempDir
    Path dir;

    @Test
    void snapshotOfARunningServerOpensWithEveryDocument() {
        try (TestMcq mcq = TestMcq.start(dir)) {
            String token = mcq.systemToken();
            for (int i = 0; i < 25; i++) {
                assertThat(mcq.push("doc-" + i, "Doc " + i, "body " + i, token).statusCode()).isEqualTo(201);
            }
            StringWriter out = new StringWriter();
            CommandLine command = Main.commandLine();
            command.setOut(new PrintWriter(out));
            int exit = command.execute("snapshot", "--config", mcq.configFile.toString(), "--keep", "2");
            assertThat(exit).isZero();

            Path snapshot = Path.of(out.toString().trim());
            assertThat(snapshot).exists().hasParent(dir.resolve("backups"));
            try (Database copy = Database.open(snapshot)) {
                DocumentStore store = new SqliteDocumentStore(copy);
                assertThat(store.list()).hasSize(25);
                assertThat(store.find("doc-24").orElseThrow().body()).isEqualTo("body 24");
            }
        }
    }

    @Test
    void missingRequiredConfigStopsWithAMessageNamingTheField() throws Exception {
        Path config = Files.writeString(dir.resolve("mcq.toml"), "[server]\nlisten_addr = \":0\"\n");
        StringWriter err = new StringWriter();
        CommandLine command = Main.commandLine();
        command.setErr(new PrintWriter(err));
        assertThat(command.execute("server", "--config", config.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("[database] path is required").contains("[mcias] server_url is required");
    }

    @Test
    void versionIsReported() {
        StringWriter out = new StringWriter();
        CommandLine command = Main.commandLine();
        command.setOut(new PrintWriter(out));
        assertThat(command.execute("--version")).isZero();
        assertThat(out.toString()).startsWith("mcq ").doesNotContain("${");
    }
}
