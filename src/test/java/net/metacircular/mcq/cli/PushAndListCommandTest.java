package net.metacircular.mcq.cli;

import com.fasterxml.jackson.databind.JsonNode;
import net.metacircular.mcq.client.ClientSettings;
import net.metacircular.mcq.client.QueueTable;
import net.metacircular.mcq.documents.DocumentRules;
import net.metacircular.mcq.testing.McqProcess;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code mcq push} and {@code mcq list} against a real running MCQ, one for
 * the class: each test pushes its own slugs; the list test, which counts the
 * whole queue, has a server of its own.
 */
class PushAndListCommandTest {

    private static final String TRICKY = "# Überblick: \"Zitate\" & \\Backslashes\\ 🚀\n\n"
            + "Tab\there, CRLF line\r\n"
            + "JSON-ish: {\"a\": \"b\\\\n\"} and \\u0041 stays literal\n"
            + "NUL-free control: \u0007 bell, zero-width\u200B joiner, RTL \u202Eevil\n"
            + "no trailing newline";

    @TempDir
    static Path dir;

    private static TestMcq mcq;
    private static String token;
    private static Path tokenFile;

    @BeforeAll
    static void start() throws Exception {
        mcq = TestMcq.start(dir);
        token = mcq.aliceToken();
        tokenFile = writeToken(dir, token);
    }

    @AfterAll
    static void stop() {
        mcq.close();
    }

    private static Path writeToken(Path folder, String token) throws Exception {
        Path file = folder.resolve("token");
        Files.writeString(file, token + "\n");
        return file;
    }

    private static CommandRun mcq(byte[] stdin, String... args) {
        return CommandRun.withInput(stdin, args);
    }

    private CommandRun mcq(String... args) {
        return mcq(new byte[0], args);
    }

    private JsonNode stored(String slug) {
        var response = mcq.get("/v1/documents/" + slug, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestMcq.json(response);
    }

    @Test
    void pushesAFileWithTheTitleFromItsFirstHeading() throws Exception {
        Path file = dir.resolve("notes.md");
        byte[] bytes = TRICKY.getBytes(StandardCharsets.UTF_8);
        Files.write(file, bytes);

        CommandRun run = mcq("push", "--server", mcq.baseUrl(), "--token-file", tokenFile.toString(), "notes", file.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo(mcq.baseUrl() + "/d/notes");
        JsonNode document = stored("notes");
        assertThat(document.path("title").asText()).isEqualTo("Überblick: \"Zitate\" & \\Backslashes\\ 🚀");
        assertThat(document.path("body").asText().getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes);
        assertThat(document.path("pushed_by").asText()).isEqualTo(TestMcq.ALICE);
        assertThat(document.path("read").asBoolean()).isFalse();
    }

    @Test
    void printsTheAddressTheServerGivesWhenItHasAPublicUrl(@TempDir Path other) throws Exception {
        // The client reaches the server on a loopback port; people read it at the public address.
        try (TestMcq behindProxy = TestMcq.startWithServerKeys(other, "public_url = \"https://mcq.example.net\"", "")) {
            Path ownToken = writeToken(other, behindProxy.aliceToken());
            CommandRun run = mcq("hello\n".getBytes(StandardCharsets.UTF_8), "push", "--server", behindProxy.baseUrl(),
                    "--token-file", ownToken.toString(), "--title", "Hello", "public-hello");
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out().strip()).isEqualTo("https://mcq.example.net/d/public-hello");
        }
    }

    @Test
    void pushesStandardInputWithAGivenTitle() {
        byte[] bytes = "no heading here, just \"text\" with \\ and ✓\n".getBytes(StandardCharsets.UTF_8);

        CommandRun run = mcq(bytes, "push", "--server", mcq.baseUrl() + "/", "--token-file", tokenFile.toString(),
                "--title", "Given \"title\" ✓", "from-stdin");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo(mcq.baseUrl() + "/d/from-stdin");
        JsonNode document = stored("from-stdin");
        assertThat(document.path("title").asText()).isEqualTo("Given \"title\" ✓");
        assertThat(document.path("body").asText().getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes);
    }

    @Test
    void pushesStandardInputNamedByDashWithTheTitleFromTheHeading() {
        byte[] bytes = TRICKY.getBytes(StandardCharsets.UTF_8);

        CommandRun run = mcq(bytes, "push", "--server", mcq.baseUrl(), "--token-file", tokenFile.toString(), "dash", "-");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(stored("dash").path("title").asText()).startsWith("Überblick");
        assertThat(stored("dash").path("body").asText().getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes);
    }

    @Test
    void aOneMegabyteDocumentSurvivesByteForByte() throws Exception {
        StringBuilder text = new StringBuilder("# Big one\n");
        while (text.length() < 1_000_000) {
            text.append("Zeile ").append(text.length()).append(" \"quoted\" \\back\\ 漢字 🚀\r\n");
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isGreaterThan(1_000_000);

        CommandRun run = mcq(bytes, "push", "--server", mcq.baseUrl(), "--token-file", tokenFile.toString(), "big");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(stored("big").path("body").asText().getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes);
    }

    @Test
    void repushingMakesAReadDocumentUnreadAgain() {
        assertThat(mcq("a".getBytes(StandardCharsets.UTF_8), "push", "--server", mcq.baseUrl(),
                "--token-file", tokenFile.toString(), "--title", "A", "again").exit()).isZero();
        mcq.send("POST", "/v1/documents/again/read", token, null, null);
        assertThat(stored("again").path("read").asBoolean()).isTrue();

        assertThat(mcq("b".getBytes(StandardCharsets.UTF_8), "push", "--server", mcq.baseUrl(),
                "--token-file", tokenFile.toString(), "--title", "B", "again").exit()).isZero();
        assertThat(stored("again").path("read").asBoolean()).isFalse();
        assertThat(stored("again").path("body").asText()).isEqualTo("b");
    }

    @Test
    void withoutATitleOrAHeadingNothingIsPushed() {
        CommandRun run = mcq("just text\n".getBytes(StandardCharsets.UTF_8),
                "push", "--server", mcq.baseUrl(), "--token-file", tokenFile.toString(), "untitled");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no title").contains("--title");
        assertThat(mcq.get("/v1/documents/untitled", token).statusCode()).isEqualTo(404);
    }

    @Test
    void aWrongTokenFailsWithTheServersMessage() throws Exception {
        Path wrong = dir.resolve("wrong-token");
        Files.writeString(wrong, "not-a-real-token");

        CommandRun run = mcq("# T\n".getBytes(StandardCharsets.UTF_8),
                "push", "--server", mcq.baseUrl(), "--token-file", wrong.toString(), "refused");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("mcq: invalid or expired token" + System.lineSeparator());
        assertThat(run.out()).isEmpty();
        assertThat(mcq.get("/v1/documents/refused", token).statusCode()).isEqualTo(404);
    }

    @Test
    void aBadSlugFailsWithTheSlugRule() {
        CommandRun run = mcq("# T\n".getBytes(StandardCharsets.UTF_8),
                "push", "--server", mcq.baseUrl(), "--token-file", tokenFile.toString(), "Bad Slug");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("Bad Slug").contains(DocumentRules.SLUG_RULE);
    }

    @Test
    void textThatIsNotUtf8IsRefusedBeforeAnythingIsSent() throws Exception {
        Path latin1 = dir.resolve("latin1.md");
        Files.write(latin1, "# Caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        CommandRun run = mcq("push", "--server", mcq.baseUrl(), "--token-file", tokenFile.toString(), "latin1", latin1.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("is not UTF-8");
        assertThat(mcq.get("/v1/documents/latin1", token).statusCode()).isEqualTo(404);
    }

    @Test
    void anUnreachableServerIsNamedInTheError() throws Exception {
        CommandRun run = mcq("# T\n".getBytes(StandardCharsets.UTF_8),
                "push", "--server", "http://127.0.0.1:1", "--token-file", tokenFile.toString(), "nowhere");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("cannot reach MCQ at http://127.0.0.1:1: connection refused");
        assertThat(run.err()).doesNotContain(token);
    }

    @Test
    void withoutAServerTheErrorSaysWhereToSetIt() {
        assumeTrue(System.getenv(ClientSettings.SERVER_URL_ENV) == null);
        CommandRun run = mcq("list", "--token-file", tokenFile.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--server").contains(ClientSettings.SERVER_URL_ENV);
    }

    @Test
    void listPrintsTheQueueWithUnreadMarks() throws Exception {
        try (TestMcq mcq = TestMcq.start(Files.createDirectories(dir.resolve("list")))) {
            String token = mcq.aliceToken();
            Path tokenFile = writeToken(mcq.dir, token);
            mcq.push("first-doc", "First document", "1", token);
            mcq.push("second-doc", "Second document ✓", "2", token);
            mcq.send("POST", "/v1/documents/first-doc/read", token, null, null);

            CommandRun run = mcq("list", "--server", mcq.baseUrl(), "--token-file", tokenFile.toString());

            assertThat(run.exit()).as(run.err()).isZero();
            List<String> lines = run.out().lines().toList();
            assertThat(lines.get(0)).contains("SLUG").contains("TITLE").contains("PUSHED BY").contains("PUSHED AT");
            String second = lines.stream().filter(l -> l.contains("second-doc")).findFirst().orElseThrow();
            String first = lines.stream().filter(l -> l.contains("first-doc")).findFirst().orElseThrow();
            assertThat(second).startsWith(QueueTable.UNREAD).contains(TestMcq.ALICE).contains("UTC");
            assertThat(first).startsWith(QueueTable.READ).contains("First document");
            assertThat(lines.indexOf(second)).as("unread first").isLessThan(lines.indexOf(first));
            // Columns line up: the slug column starts at the same place in every row.
            assertThat(first.indexOf("first-doc")).isEqualTo(second.indexOf("second-doc"));
            assertThat(first.indexOf("First document")).isEqualTo(lines.get(0).indexOf("TITLE"));
            assertThat(run.out()).contains("2 documents, 1 unread");

            CommandRun unread = mcq("list", "--unread", "--server", mcq.baseUrl(), "--token-file", tokenFile.toString());
            assertThat(unread.out()).contains("second-doc").doesNotContain("first-doc");
        }
    }

    @Test
    void listWithAWrongTokenFailsWithTheServersMessage() throws Exception {
        Path wrong = dir.resolve("wrong-token");
        Files.writeString(wrong, "not-a-real-token");
        CommandRun run = mcq("list", "--server", mcq.baseUrl(), "--token-file", wrong.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("invalid or expired token");
    }

    /** The real command in its own process: environment variables and a real standard input pipe. */
    @Test
    void pushInAChildProcessReadsTheEnvironmentAndStandardInput() throws Exception {
        byte[] bytes = TRICKY.getBytes(StandardCharsets.UTF_8);
        ProcessBuilder builder = new ProcessBuilder(McqProcess.command("push", "env-pushed"));
        builder.environment().put(ClientSettings.SERVER_URL_ENV, mcq.baseUrl());
        builder.environment().put(ClientSettings.TOKEN_FILE_ENV, tokenFile.toString());
        builder.environment().remove(ClientSettings.TOKEN_ENV);
        Process process = builder.start();
        try {
            try (var stdin = process.getOutputStream()) {
                stdin.write(bytes);
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(err).isZero();
            assertThat(out).isEqualTo(mcq.baseUrl() + "/d/env-pushed\n");
            assertThat(stored("env-pushed").path("body").asText().getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes);
        } finally {
            process.destroyForcibly();
        }
    }
}
