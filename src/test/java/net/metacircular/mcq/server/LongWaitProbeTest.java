package net.metacircular.mcq.server;

import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LongWaitProbeTest {
    @TempDir
    Path dir;

    @Test
    void probe() throws Exception {
        try (TestMcq mcq = TestMcq.start(dir)) {
            String agent = mcq.systemToken();
            mcq.push("plan", "Plan", "# Plan\n", agent);
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(mcq.baseUrl() + "/v1/documents/plan/feedback?wait=40"))
                    .header("Authorization", "Bearer " + agent).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.println("PROBE " + r.statusCode() + " " + r.body());
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }
}
