package net.metacircular.mcq.cli;

import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code mcq history} and {@code mcq diff} against a real running MCQ. */
class HistoryAndDiffCommandTest {

    private static final String ESC = "\u001b";
    /** Text that would recolour the terminal and set its title if printed as is. */
    private static final String HOSTILE = ESC + "[31mred" + ESC + "]0;owned\u0007 \u202Eevil";

    @TempDir
    Path dir;

    private TestMcq mcq;
    private String token;
    private Path tokenFile;

    @BeforeEach
    void start() throws Exception {
        mcq = TestMcq.start(dir);
        token = mcq.aliceToken();
        tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, token + "\n");
    }

    @AfterEach
    void stop() {
        mcq.close();
    }

    private CommandRun mcq(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--server";
        all[args.length + 1] = mcq.baseUrl();
        all[args.length + 2] = "--token-file";
        all[args.length + 3] = tokenFile.toString();
        return CommandRun.of(all);
    }

    private void push(String slug, String title, String body) {
        HttpResponse<String> response = mcq.push(slug, title, body, token);
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        mcq.clock.advance(Duration.ofMinutes(1));
    }

    @Test
    void historyListsTheRevisionsNewestFirst() {
        // Titles cannot hold control characters (the service refuses them), so only bodies are hostile.
        push("plan", "Plan", "one\n");
        push("plan", "Plan, longer", "one\ntwo\n");
        push("plan", "Plan, short", "one\n");

        CommandRun run = mcq("history", "plan");

        assertThat(run.exit()).as(run.err()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines[0]).startsWith("REV").contains("PUSHED AT", "PUSHED BY", "SIZE", "TITLE");
        assertThat(lines[1]).startsWith("3 ").contains(TestMcq.ALICE, "-4 B", "Plan");
        assertThat(lines[2]).startsWith("2 ").contains("+4 B", "Plan, longer");
        assertThat(lines[3]).startsWith("1 ").contains("+4 B", "Plan");
        assertThat(run.out()).contains("3 revisions");
    }

    @Test
    void diffPrintsThePlainUnifiedDiffWhenPiped() {
        push("plan", "Plan", "one\ntwo\n");
        push("plan", "Plan", "one\n2\n");
        push("plan", "Plan", "one\n2\n" + HOSTILE + "\n");

        CommandRun explicit = mcq("diff", "plan", "1", "3");
        assertThat(explicit.exit()).as(explicit.err()).isZero();
        assertThat(explicit.out()).contains("--- plan@1", "+++ plan@3", "-two", "+2", "\n+\uFFFD[31mred")
                .doesNotContain(ESC).doesNotContain("\u0007").doesNotContain("\u202E");

        CommandRun latest = mcq("diff", "plan");
        assertThat(latest.exit()).as(latest.err()).isZero();
        assertThat(latest.out()).contains("--- plan@2", "+++ plan@3").doesNotContain("-two");

        CommandRun coloured = mcq("diff", "plan", "1", "2", "--color", "always");
        assertThat(coloured.out()).contains(ESC + "[31m-two" + ESC + "[0m", ESC + "[32m+2" + ESC + "[0m",
                ESC + "[36m@@");
    }

    @Test
    void diffSaysSoWhenNothingChangedAndFailsForAnUnknownRevision() {
        push("plan", "Plan", "one\n");
        push("plan", "Plan, renamed", "one\n");

        CommandRun same = mcq("diff", "plan", "1", "2");
        assertThat(same.exit()).as(same.err()).isZero();
        assertThat(same.out()).isEqualTo("No changes between revisions 1 and 2.\n");

        CommandRun missing = mcq("diff", "plan", "1", "9");
        assertThat(missing.exit()).isEqualTo(CommandErrors.FAILED);
        assertThat(missing.err()).startsWith("mcq: ");

        CommandRun notANumber = mcq("diff", "plan", "one");
        assertThat(notANumber.exit()).isEqualTo(CommandErrors.USAGE);

        CommandRun unknown = mcq("history", "no-such-plan");
        assertThat(unknown.exit()).isEqualTo(CommandErrors.FAILED);
        assertThat(unknown.err()).contains("no-such-plan");
    }
}
