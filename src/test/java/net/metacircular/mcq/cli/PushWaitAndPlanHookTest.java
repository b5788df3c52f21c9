package net.metacircular.mcq.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.metacircular.mcq.testing.McqProcess;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mcq push --wait} and the Claude Code plan hook in real child
 * processes against a real MCQ, with the reviewer's verdicts given over
 * REST as alice while they wait.
 */
class PushWaitAndPlanHookTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static TestMcq mcq;
    private static Path tokenFile;

    @BeforeAll
    static void start() throws IOException {
        mcq = TestMcq.start(dir);
        tokenFile = dir.resolve("bot-token");
        Files.writeString(tokenFile, mcq.systemToken() + "\n");
    }

    @AfterAll
    static void stop() {
        mcq.close();
    }

    /** A running child process with its output going to files. */
    private record Child(Process process, Path out, Path err) {
        int exit() throws Exception {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the child ends").isTrue();
            return process.exitValue();
        }

        String stdout() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8);
        }

        String stderr() throws IOException {
            return Files.readString(err, StandardCharsets.UTF_8);
        }
    }

    private static Child run(List<String> command, Map<String, String> env, String stdin) throws IOException {
        Path in = Files.createTempFile(dir, "in", ".txt");
        Files.writeString(in, stdin);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        return new Child(builder.start(), out, err);
    }

    private static Child pushWait(String slug, String timeout, String body) throws IOException {
        return run(McqProcess.command("push", "--wait", "--timeout", timeout, "--server", mcq.baseUrl(),
                "--token-file", tokenFile.toString(), "--title", "Plan", slug, "-"), Map.of(), body);
    }

    /** Until the child's wait is registered with the server (bounded), so the verdict lands while it waits. */
    private static void awaitWaiters(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (mcq.app.reviews().openWaits() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(mcq.app.reviews().openWaits()).as("the child is waiting").isGreaterThanOrEqualTo(count);
    }

    private static void comment(String slug, String json) {
        HttpResponse<String> response = mcq.send("POST", "/v1/documents/" + slug + "/comments", mcq.aliceToken(),
                "application/json", json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static void verdict(String slug, String verdict) {
        HttpResponse<String> response = mcq.send("POST", "/v1/documents/" + slug + "/review", mcq.aliceToken(),
                "application/json", "{\"verdict\": \"" + verdict + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void pushWaitExitsThreeWithTheFeedbackThenZeroOnApproval() throws Exception {
        Child first = pushWait("wait-plan", "60s", "# Plan\n\nDeploy on Friday.\n");
        awaitWaiters(1);
        comment("wait-plan", "{\"kind\": \"comment\", \"text\": \"Not \\u001b[31mFriday\\u001b[0m.\","
                + " \"quote\": \"Deploy on Friday.\", \"start_line\": 3, \"end_line\": 3}");
        verdict("wait-plan", "request_changes");

        assertThat(first.exit()).as(first.stderr()).isEqualTo(PushCommand.CHANGES_REQUESTED);
        String feedback = first.stdout();
        String rest = TestMcq.json(mcq.get("/v1/documents/wait-plan/feedback?revision=1", mcq.aliceToken()))
                .path("markdown").asText();
        assertThat(feedback).contains("Deploy on Friday.").contains("Friday");
        assertThat(feedback).as("terminal escapes are stripped").doesNotContain("\u001b");
        assertThat(feedback.replace("\uFFFD", "\u001b")).isEqualTo(rest);

        Child second = pushWait("wait-plan", "60s", "# Plan\n\nDeploy on Monday.\n");
        awaitWaiters(1);
        verdict("wait-plan", "approve");
        assertThat(second.exit()).as(second.stderr()).isZero();
        assertThat(second.stderr()).contains("revision 2");
    }

    @Test
    void feedbackPrintsTheMarkdownOrTheRestJson() throws Exception {
        assertThat(mcq.push("printed-plan", "Plan", "# Plan\n\nText.\n", mcq.aliceToken()).statusCode())
                .isEqualTo(201);
        verdict("printed-plan", "approve");
        JsonNode rest = TestMcq.json(mcq.get("/v1/documents/printed-plan/feedback", mcq.aliceToken()));

        CommandRun markdown = CommandRun.of("feedback", "--server", mcq.baseUrl(), "--token-file",
                tokenFile.toString(), "printed-plan");
        assertThat(markdown.exit()).as(markdown.err()).isZero();
        assertThat(markdown.out()).isEqualTo(rest.path("markdown").asText());

        CommandRun json = CommandRun.of("feedback", "--json", "--revision", "1", "--server", mcq.baseUrl(),
                "--token-file", tokenFile.toString(), "printed-plan");
        assertThat(json.exit()).as(json.err()).isZero();
        assertThat(JSON.readTree(json.out())).isEqualTo(rest);

        CommandRun missing = CommandRun.of("feedback", "--server", mcq.baseUrl(), "--token-file",
                tokenFile.toString(), "no-such-plan");
        assertThat(missing.exit()).isEqualTo(CommandErrors.FAILED);
    }

    @Test
    void pushWaitExitsFourWhenNoVerdictComesInTime() throws Exception {
        Child child = pushWait("unwatched-plan", "1s", "# Plan\n\nNobody looks.\n");
        assertThat(child.exit()).as(child.stderr()).isEqualTo(PushCommand.TIMED_OUT);
        assertThat(child.stdout()).isNotBlank();
    }

    @Test
    void thePlanHookDeniesWithTheFeedbackThenAllowsOnApproval() throws Exception {
        Path hook = Path.of("contrib/claude-code/mcq-plan-review.sh").toAbsolutePath();
        Path launcher = dir.resolve("mcq");
        Files.writeString(launcher, "#!/bin/sh\nexec " + McqProcess.command().stream()
                .map(PushWaitAndPlanHookTest::shellQuote).collect(Collectors.joining(" ")) + " \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
        Map<String, String> env = Map.of("MCQ_COMMAND", launcher.toString(), "MCQ_SERVER_URL", mcq.baseUrl(),
                "MCQ_TOKEN_FILE", tokenFile.toString(), "MCQ_PLAN_TIMEOUT", "60s");
        String input = JSON.writeValueAsString(Map.of("session_id", "3F2A9C1E-77", "cwd", "/home/dev/Shop",
                "hook_event_name", "PreToolUse", "tool_name", "ExitPlanMode",
                "tool_input", Map.of("plan", "# Add a cart\n\n1. Store carts in cookies.\n2. Add checkout.\n")));

        Child denied = run(List.of("bash", hook.toString()), env, input);
        awaitWaiters(1);
        String slug = "plan-shop-3f2a9c1e";
        comment(slug, "{\"kind\": \"replacement\", \"text\": \"Cookies are too small.\", \"quote\":"
                + " \"Store carts in cookies.\", \"start_line\": 3, \"end_line\": 3,"
                + " \"replacement\": \"Store carts in the database.\"}");
        verdict(slug, "request_changes");
        assertThat(denied.exit()).as(denied.stderr()).isZero();
        JsonNode deny = JSON.readTree(denied.stdout()).path("hookSpecificOutput");
        assertThat(deny.path("hookEventName").asText()).isEqualTo("PreToolUse");
        assertThat(deny.path("permissionDecision").asText()).isEqualTo("deny");
        assertThat(deny.path("permissionDecisionReason").asText()).contains("Revise the plan")
                .contains("Cookies are too small.").contains("Store carts in the database.");
        assertThat(TestMcq.json(mcq.get("/v1/documents/" + slug, mcq.aliceToken())).path("title").asText())
                .isEqualTo("Add a cart");

        String revised = JSON.writeValueAsString(Map.of("session_id", "3F2A9C1E-77", "cwd", "/home/dev/Shop",
                "tool_input", Map.of("plan", "# Add a cart\n\n1. Store carts in the database.\n2. Add checkout.\n")));
        Child allowed = run(List.of("bash", hook.toString()), env, revised);
        awaitWaiters(1);
        verdict(slug, "approve");
        assertThat(allowed.exit()).as(allowed.stderr()).isZero();
        JsonNode allow = JSON.readTree(allowed.stdout()).path("hookSpecificOutput");
        assertThat(allow.path("permissionDecision").asText()).isEqualTo("allow");
        assertThat(TestMcq.json(mcq.get("/v1/documents/" + slug, mcq.aliceToken())).path("revision").asLong())
                .as("the revised plan is the next revision of the same document").isEqualTo(2);
    }

    private static String shellQuote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
