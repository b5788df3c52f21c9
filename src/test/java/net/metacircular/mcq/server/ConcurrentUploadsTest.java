package net.metacircular.mcq.server;
import net.metacircular.mcq.http.Json;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9's memory attack against MCQ in its own JVM with the launcher's
 * heap and flags (bin/mcq): 20 concurrent maximum-size pushes and 20
 * concurrent 24 MiB logins. The process must survive, every request must
 * be answered with 2xx, 413, 429 or 503, and every document that was
 * accepted must read back intact.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ConcurrentUploadsTest {

    /** The launcher's JVM flags (bin/mcq), checked against the script below so they cannot drift apart. */
    static final List<String> LAUNCHER_FLAGS = List.of("-Xms16m", "-Xmx128m", "-XX:+UseSerialGC", "-Xss512k",
            "-XX:ReservedCodeCacheSize=48m", "-XX:MaxMetaspaceSize=128m", "-XX:+ExitOnOutOfMemoryError");
    static final int MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

    @TempDir
    Path dir;
    Process server;

    @AfterEach
    void stopServer() throws Exception {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(15, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void concurrentMaximumPushesAndHugeLoginsAreAnsweredAndTheServerSurvives() throws Exception {
        String launcher = Files.readString(Path.of("bin/mcq"));
        for (String flag : LAUNCHER_FLAGS) {
            assertThat(launcher).contains(flag);
        }
        int port = freePort();
        Path data = dir.resolve("srv");
        server = startDevServer(port, freePort(), data);
        String token = awaitToken(data.resolve("ci-bot.token"), port);

        List<UploadLoad.Outcome> outcomes = UploadLoad.run(port, token, MAX_DOCUMENT_BYTES);

        assertThat(server.isAlive()).as("MCQ is still running; its log:\n%s", log()).isTrue();
        assertThat(outcomes).hasSize(UploadLoad.PUSHES + UploadLoad.LOGINS);
        for (UploadLoad.Outcome outcome : outcomes) {
            assertThat(outcome.status()).as("%s", outcome).isIn(200, 201, 413, 429, 503);
        }
        assertThat(outcomes).filteredOn(o -> o.kind().equals("login")).allMatch(o -> o.status() == 413);
        List<UploadLoad.Outcome> accepted = outcomes.stream()
                .filter(o -> o.kind().equals("push") && o.status() / 100 == 2).toList();
        assertThat(accepted).as("at least one push gets through").isNotEmpty();

        HttpClient http = HttpClient.newHttpClient();
        for (UploadLoad.Outcome push : accepted) {
            HttpResponse<String> stored = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/v1/documents/" + UploadLoad.slug(push.index())))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(stored.statusCode()).isEqualTo(200);
            JsonNode document = Json.MAPPER.readTree(stored.body());
            assertThat(document.path("body").asText())
                    .as("document %d is intact", push.index())
                    .isEqualTo(UploadLoad.document(push.index(), MAX_DOCUMENT_BYTES));
        }
        assertThat(server.isAlive()).isTrue();
    }

    private Process startDevServer(int port, int grpcPort, Path data) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(LAUNCHER_FLAGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "net.metacircular.mcq.cli.Main",
                "devserver", "--port", Integer.toString(port), "--grpc-port", Integer.toString(grpcPort),
                "--data", data.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile());
        // The test machine's $PORT or MCQ_* must not move or reshape the server.
        builder.environment().keySet().removeIf(name -> name.equals("PORT") || name.startsWith("MCQ_"));
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        return builder.start();
    }

    /** The development server writes the system account's token once it is serving. */
    private String awaitToken(Path tokenFile, int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(server.isAlive()).as("MCQ exited at start; its log:\n%s", log()).isTrue();
            if (Files.exists(tokenFile) && Files.size(tokenFile) > 0) {
                return Files.readString(tokenFile).trim();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("MCQ did not start within 60 s; its log:\n" + log());
    }

    private String log() {
        try {
            String text = Files.readString(dir.resolve("server.log"));
            return text.length() > 5000 ? text.substring(text.length() - 5000) : text;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
