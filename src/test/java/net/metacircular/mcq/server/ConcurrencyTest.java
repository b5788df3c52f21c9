package net.metacircular.mcq.server;

import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** 32 clients pushing and reading the same and different slugs at once. */
class ConcurrencyTest {

    static final int CLIENTS = 32;
    static final long RUN_MILLIS = 4000;

    @TempDir
    Path dir;

    @Test
    void noErrorsAndNoLostAcknowledgedWrite() throws Exception {
        try (TestMcq mcq = TestMcq.start(dir)) {
            String token = mcq.aliceToken();
            Map<String, String> lastAcknowledged = new ConcurrentHashMap<>();
            Set<String> sharedAcknowledged = ConcurrentHashMap.newKeySet();
            List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicInteger requests = new AtomicInteger();
            long deadline = System.currentTimeMillis() + RUN_MILLIS;

            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    String own = "client-" + client;
                    for (int i = 0; System.currentTimeMillis() < deadline; i++) {
                        String body = own + " revision " + i;
                        check(failures, requests, mcq.push(own, "Client " + client, body, token), 200, 201);
                        lastAcknowledged.put(own, body);

                        String shared = "shared by " + own + " #" + i;
                        check(failures, requests, mcq.push("shared", "Shared", shared, token), 200, 201);
                        sharedAcknowledged.add(shared);

                        HttpResponse<String> read = mcq.get("/v1/documents/" + own, token);
                        check(failures, requests, read, 200);
                        if (!TestMcq.json(read).path("body").asText().equals(body)) {
                            failures.add(own + ": read back " + TestMcq.json(read).path("body").asText() + ", wrote " + body);
                        }
                        check(failures, requests, mcq.get("/v1/documents/shared", token), 200);
                        check(failures, requests, mcq.get("/v1/documents", token), 200);
                        if (i % 5 == 0) {
                            check(failures, requests, mcq.send("POST", "/v1/documents/shared/read", token, null, null), 200);
                        }
                    }
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
            pool.shutdown();

            assertThat(failures).isEmpty();
            assertThat(requests.get()).isGreaterThan(CLIENTS * 5);
            for (Map.Entry<String, String> entry : lastAcknowledged.entrySet()) {
                HttpResponse<String> read = mcq.get("/v1/documents/" + entry.getKey(), token);
                assertThat(TestMcq.json(read).path("body").asText()).isEqualTo(entry.getValue());
            }
            String sharedBody = TestMcq.json(mcq.get("/v1/documents/shared", token)).path("body").asText();
            assertThat(sharedAcknowledged).contains(sharedBody);
            assertThat(TestMcq.json(mcq.get("/v1/documents", token)).path("documents").size()).isEqualTo(CLIENTS + 1);
            System.out.printf("concurrency: %d requests from %d clients in %d ms%n", requests.get(), CLIENTS, RUN_MILLIS);
        }
    }

    private static void check(List<String> failures, AtomicInteger requests, HttpResponse<String> response, int... ok) {
        requests.incrementAndGet();
        for (int status : ok) {
            if (response.statusCode() == status) {
                return;
            }
        }
        failures.add(response.request().method() + " " + response.uri().getPath() + " -> "
                + response.statusCode() + " " + response.body());
    }
}
