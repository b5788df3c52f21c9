package net.metacircular.mcq.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import net.metacircular.mcq.client.ClientSettings;
import net.metacircular.mcq.testing.McqProcess;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code mcq mcp} started as a real child process, driven over stdio by the MCP SDK's client. */
class McpStdioTest {

    @TempDir
    static Path dir;

    /** One MCQ for the class; each test uses slugs of its own. */
    private static TestMcq mcq;
    private final List<McpSyncClient> clients = new ArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        // A public address, so push answers carry web_url.
        mcq = TestMcq.startWithServerKeys(dir, "public_url = \"https://mcq.example.net/\"", "");
    }

    @AfterAll
    static void stop() {
        mcq.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(McpSyncClient::closeGracefully);
    }

    private McpSyncClient launch(Map<String, String> env) {
        ServerParameters.Builder params = ServerParameters.builder(McqProcess.javaBinary())
                .args(McqProcess.javaArgs("mcp"));
        env.forEach(params::addEnvVar);
        StdioClientTransport transport = new StdioClientTransport(params.build(), McpJsonDefaults.getMapper());
        transport.setStdErrorHandler(stderr::add);
        McpSyncClient client = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(60))
                .build();
        clients.add(client);
        client.initialize();
        return client;
    }

    private Path tokenFile(String token) throws Exception {
        Path file = dir.resolve("token-" + System.nanoTime());
        Files.writeString(file, token + "\n");
        return file;
    }

    @Test
    void listsAndRunsEveryToolThroughTheRestApi() throws Exception {
        String token = mcq.aliceToken();
        McpSyncClient client = launch(Map.of(
                ClientSettings.SERVER_URL_ENV, mcq.baseUrl(),
                ClientSettings.TOKEN_FILE_ENV, tokenFile(token).toString()));
        McpToolChecks checks = new McpToolChecks(client, mcq, token);
        checks.listsEveryToolWithSchemasAndDescriptions();
        checks.everyToolWorksAndAgreesWithRest("stdio-plan", TestMcq.ALICE);
        checks.pushWithFilesStoresThem("stdio-pictures");
        checks.badInputComesBackAsToolErrors();
        assertThat(stderr).anyMatch(line -> line.contains("serving MCP on standard input and output"));
    }

    @Test
    void aSystemAccountTokenFromTheEnvironmentPushesAsThatAccount() {
        McpSyncClient client = launch(Map.of(
                ClientSettings.SERVER_URL_ENV, mcq.baseUrl(),
                ClientSettings.TOKEN_ENV, mcq.systemToken()));
        McpToolChecks checks = new McpToolChecks(client, mcq, mcq.aliceToken());
        CallToolResult pushed = checks.call(McqTools.PUSH_DOCUMENT, Map.of("slug", "ci-report", "title", "CI", "body", "ok"));
        assertThat(pushed.isError()).as(McpToolChecks.text(pushed)).isFalse();
        assertThat(checks.restGet("ci-report").path("pushed_by").asText()).isEqualTo(TestMcq.SYSTEM_ACCOUNT);
    }

    @Test
    void aRefusedTokenIsAToolErrorSayingSo() throws Exception {
        McpSyncClient client = launch(Map.of(
                ClientSettings.SERVER_URL_ENV, mcq.baseUrl(),
                ClientSettings.TOKEN_FILE_ENV, tokenFile("not-a-real-token").toString()));
        CallToolResult result = new McpToolChecks(client, mcq, mcq.aliceToken())
                .call(McqTools.LIST_DOCUMENTS, Map.of());
        assertThat(result.isError()).isTrue();
        assertThat(McpToolChecks.text(result)).contains("invalid or expired token").contains("valid one");
    }

    /** Standard output must hold nothing but protocol messages; logs go to standard error. */
    @Test
    void standardOutputCarriesOnlyTheProtocolAndEndOfInputStopsTheServer() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(McqProcess.command("mcp"));
        builder.environment().put(ClientSettings.SERVER_URL_ENV, mcq.baseUrl());
        builder.environment().put(ClientSettings.TOKEN_FILE_ENV, tokenFile(mcq.aliceToken()).toString());
        builder.redirectError(dir.resolve("stderr.txt").toFile());
        Process process = builder.start();
        try {
            try (OutputStream in = process.getOutputStream()) {
                in.write(("""
                        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2024-11-05","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}
                        """).getBytes(StandardCharsets.UTF_8));
                in.flush();
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                JsonNode initialized = new ObjectMapper().readTree(out.readLine());
                assertThat(initialized.path("id").asInt()).isEqualTo(1);
                assertThat(initialized.path("result").path("serverInfo").path("name").asText()).isEqualTo("mcq");

                in.write(("""
                        {"jsonrpc":"2.0","method":"notifications/initialized"}
                        {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"push_document","arguments":{"slug":"raw","title":"Raw","body":"line1\\nline2"}}}
                        """).getBytes(StandardCharsets.UTF_8));
                in.flush();
                JsonNode called = new ObjectMapper().readTree(out.readLine());
                assertThat(called.path("id").asInt()).isEqualTo(2);
                assertThat(called.path("result").path("isError").asBoolean()).isFalse();
            }
            // Standard input is closed now: the server stops by itself.
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exits after end of input").isTrue();
            assertThat(process.exitValue()).isZero();
            String rest = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            for (String line : rest.lines().filter(l -> !l.isBlank()).toList()) {
                assertThat(new ObjectMapper().readTree(line).path("jsonrpc").asText()).as(line).isEqualTo("2.0");
            }
            String logs = Files.readString(dir.resolve("stderr.txt"));
            assertThat(logs).contains("serving MCP on standard input and output").contains("level=INFO");
            assertThat(mcq.get("/v1/documents/raw", mcq.aliceToken()).body()).contains("line1\\nline2");
        } finally {
            process.destroyForcibly();
        }
    }
}
