package net.metacircular.mcq.db;

import net.metacircular.mcq.documents.PushedBody;
import net.metacircular.mcq.documents.DocumentStore;
import net.metacircular.mcq.documents.RevisionInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Older revisions kept as deltas: every kept revision reads back exactly as pushed, pruned or not. */
class RevisionBodiesTest {

    @TempDir
    Path dir;
    private Database database;
    private DocumentStore store;
    private final Instant start = Instant.parse("2026-12-01T10:00:00Z");

    @BeforeEach
    void open() {
        database = Database.open(dir.resolve("mcq.db"));
        store = new SqliteDocumentStore(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void everyKeptRevisionReadsBackAsPushedAndTheHistoryTakesLittleSpace() throws Exception {
        Random random = new Random(11);
        Map<Long, String> pushed = new HashMap<>();
        String body = longBody(random);
        for (int i = 1; i <= 70; i++) {
            body = edit(random, body);
            push("plan", body, i, 1000);
            pushed.put((long) i, body);
        }
        for (long n = 1; n <= 70; n++) {
            assertThat(store.revision("plan", n).orElseThrow().body()).as("revision %d", n).isEqualTo(pushed.get(n));
        }
        assertThat(store.find("plan").orElseThrow().body()).isEqualTo(pushed.get(70L));
        Map<String, Long> forms = forms();
        assertThat(forms.get("current")).isEqualTo(1);
        assertThat(forms.get("full")).as("every 32nd revision stays whole").isEqualTo(2);
        assertThat(forms.get("delta")).isEqualTo(67);
        long stored = scalar("SELECT sum(length(body)) FROM revisions WHERE body_form = 'delta'");
        assertThat(stored).as("67 deltas take less room than one whole body").isLessThan(pushed.get(1L).length());
    }

    @Test
    void aRevisionAReadMarkKeepsSurvivesThePruningOfTheRevisionsItWasStoredAgainst() throws Exception {
        Random random = new Random(5);
        List<String> bodies = new ArrayList<>();
        String body = longBody(random);
        for (int i = 1; i <= 3; i++) {
            body = edit(random, body);
            push("plan", body, i, 4);
            bodies.add(body);
        }
        store.markRead("plan", "alice", true, start.plusSeconds(100));
        for (int i = 4; i <= 20; i++) {
            body = edit(random, body);
            push("plan", body, i, 4);
            bodies.add(body);
        }
        List<Long> kept = store.revisions("plan").orElseThrow().stream().map(RevisionInfo::number).toList();
        assertThat(kept).containsExactly(20L, 19L, 18L, 17L, 3L);
        assertThat(store.revision("plan", 3).orElseThrow().body()).isEqualTo(bodies.get(2));
        for (long n : List.of(17L, 18L, 19L, 20L)) {
            assertThat(store.revision("plan", n).orElseThrow().body()).isEqualTo(bodies.get((int) n - 1));
        }
        assertThat(store.revision("plan", 10)).isEmpty();
    }

    @Test
    void aDamagedDeltaIsReportedInsteadOfShownAsText() throws Exception {
        Random random = new Random(9);
        String body = longBody(random);
        for (int i = 1; i <= 3; i++) {
            body = edit(random, body);
            push("plan", body, i, 1000);
        }
        try (Connection c = database.connection(); Statement s = c.createStatement()) {
            // Still a well-formed delta, so only the SHA-256 check can tell.
            assertThat(s.executeUpdate("UPDATE revisions SET body = body || '+6\nbogus\n'"
                    + " WHERE revision = 2 AND body_form = 'delta'")).isEqualTo(1);
        }
        assertThatThrownBy(() -> store.revision("plan", 1)).isInstanceOf(DatabaseException.class)
                .hasMessageContaining("damaged");
        assertThat(store.revision("plan", 3).orElseThrow().body()).isEqualTo(body);
    }

    private void push(String slug, String body, int i, int maxRevisions) {
        store.push(slug, "Plan", PushedBody.of(body), "ci-bot", start.plusSeconds(i), maxRevisions);
    }

    private Map<String, Long> forms() throws SQLException {
        Map<String, Long> forms = new HashMap<>();
        try (Connection c = database.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT body_form, count(*) FROM revisions GROUP BY body_form")) {
            while (rs.next()) {
                forms.put(rs.getString(1), rs.getLong(2));
            }
        }
        return forms;
    }

    private long scalar(String sql) throws SQLException {
        try (Connection c = database.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String longBody(Random random) {
        StringBuilder body = new StringBuilder("# Plan\n\n");
        for (int i = 0; i < 400; i++) {
            body.append("- step ").append(i).append(": word ").append(random.nextInt(100_000)).append('\n');
        }
        return body.toString();
    }

    /** One to three changed, inserted or removed lines. */
    private static String edit(Random random, String body) {
        List<String> lines = new ArrayList<>(List.of(body.split("\n", -1)));
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            int at = 2 + random.nextInt(lines.size() - 3);
            switch (random.nextInt(3)) {
                case 0 -> lines.add(at, "- a new step " + random.nextInt(1000));
                case 1 -> lines.remove(at);
                default -> lines.set(at, lines.get(at) + " (revised)");
            }
        }
        return String.join("\n", lines);
    }
}
