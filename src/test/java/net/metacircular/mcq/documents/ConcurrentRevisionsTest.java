package net.metacircular.mcq.documents;

import com.fasterxml.jackson.databind.JsonNode;
import net.metacircular.mcq.db.SqliteDocumentStore;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 32 clients push revisions to shared and separate slugs while others mark
 * them read: revision numbers stay gapless per document, every acknowledged
 * revision is stored with the body that was sent, and every read mark points
 * at a revision that exists.
 */
class ConcurrentRevisionsTest {

    private static final int CLIENTS = 32;
    private static final int PUSHES_PER_CLIENT = 6;

    @TempDir
    Path dir;

    record Acknowledged(String slug, long revision, String body) {
    }

    @Test
    void revisionsAreGaplessAndNoAcknowledgedPushIsLost() throws Exception {
        try (TestMcq mcq = TestMcq.start(dir)) {
            String agent = mcq.systemToken();
            String alice = mcq.aliceToken();
            ConcurrentLinkedQueue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<?>> clients = new ArrayList<>();
                for (int client = 0; client < CLIENTS; client++) {
                    int id = client;
                    // Half the clients share four slugs; the others each have their own.
                    String slug = id % 2 == 0 ? "shared-" + (id % 8) / 2 : "own-" + id;
                    clients.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < PUSHES_PER_CLIENT; i++) {
                            String body = "client " + id + " push " + i + "\n";
                            HttpResponse<String> response = mcq.push(slug, "Doc " + slug, body, agent);
                            assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
                            JsonNode json = TestMcq.json(response);
                            assertThat(json.path("changed").asBoolean()).isTrue();
                            acknowledged.add(new Acknowledged(slug, json.path("revision").asLong(), body));
                            if (i % 2 == 1) {
                                HttpResponse<String> read = mcq.send("POST", "/v1/documents/" + slug + "/read",
                                        alice, null, null);
                                assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
                            }
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> client : clients) {
                    client.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(acknowledged).hasSize(CLIENTS * PUSHES_PER_CLIENT);
            Map<String, List<Long>> numbers = new HashMap<>();
            Map<String, String> stored = new HashMap<>();
            try (Connection c = mcq.app.database().connection(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("""
                        SELECT d.slug, r.revision FROM revisions r
                        JOIN documents d ON d.id = r.document_id ORDER BY d.slug, r.revision""")) {
                    while (rs.next()) {
                        numbers.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
                    }
                }
                try (ResultSet rs = s.executeQuery("""
                        SELECT count(*) FROM read_markers m WHERE NOT EXISTS (SELECT 1 FROM revisions r
                        WHERE r.document_id = m.document_id AND r.revision = m.revision)""")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("read marks pointing at no revision").isZero();
                }
                try (ResultSet rs = s.executeQuery("""
                        SELECT count(*) FROM documents d WHERE d.revision <> (SELECT max(revision) FROM revisions r
                        WHERE r.document_id = d.id)""")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("documents not pointing at their newest revision").isZero();
                }
            }
            // Bodies as the store rebuilds them (older ones are kept as deltas), each checked against its SHA-256.
            DocumentStore store = new SqliteDocumentStore(mcq.app.database());
            numbers.forEach((slug, list) -> list.forEach(n -> {
                Revision revision = store.revision(slug, n).orElseThrow();
                assertThat(revision.bodySha256()).isEqualTo(BodyHash.of(revision.body()));
                stored.put(slug + "@" + n, revision.body());
            }));
            numbers.forEach((slug, list) -> {
                List<Long> gapless = new ArrayList<>();
                for (long n = 1; n <= list.size(); n++) {
                    gapless.add(n);
                }
                assertThat(list).as("revisions of " + slug).isEqualTo(gapless);
            });
            assertThat(numbers.get("shared-0")).hasSize(4 * PUSHES_PER_CLIENT);
            for (Acknowledged ack : acknowledged) {
                assertThat(stored.get(ack.slug() + "@" + ack.revision())).as(ack.toString()).isEqualTo(ack.body());
            }
        }
    }
}
