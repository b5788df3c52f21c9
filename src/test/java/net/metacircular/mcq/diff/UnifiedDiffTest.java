package net.metacircular.mcq.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The unified diff is compared with what the system's {@code diff -u} writes for the same files. */
class UnifiedDiffTest {

    @TempDir
    Path work;

    static Stream<Arguments> pairs() {
        String thirty = numbered(30);
        return Stream.of(
                Arguments.of("one line changed", "a\nb\nc\n", "a\nB\nc\n"),
                Arguments.of("no trailing newline on both", "a\nb", "a\nc"),
                Arguments.of("newline added at the end", "a\nb", "a\nb\n"),
                Arguments.of("newline removed at the end", "a\nb\n", "a\nb"),
                Arguments.of("empty old", "", "one\ntwo\n"),
                Arguments.of("empty new", "one\ntwo\n", ""),
                Arguments.of("two far edits make two hunks", thirty,
                        thirty.replace("line 3\n", "line three\n").replace("line 25\n", "")),
                Arguments.of("edits six lines apart share a hunk", thirty,
                        thirty.replace("line 5\n", "five\n").replace("line 12\n", "twelve\n")),
                Arguments.of("edits seven lines apart", thirty,
                        thirty.replace("line 5\n", "five\n").replace("line 13\n", "thirteen\n")),
                Arguments.of("insertion at the start", thirty, "new first\n" + thirty),
                Arguments.of("insertion at the end", thirty, thirty + "new last\n"),
                Arguments.of("markdown paragraph edited", "# Title\n\nSome text here.\n\n- a\n- b\n",
                        "# Title\n\nSome other text here.\n\n- a\n- b\n- c\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void matchesDiffU(String name, String oldText, String newText) throws Exception {
        UnifiedDiff ours = UnifiedDiff.between(oldText, newText, "a/doc.md", "b/doc.md");

        String theirs = systemDiff(oldText, newText);
        assertThat(ours.text()).isEqualTo(theirs);
        long plus = ours.text().lines().filter(l -> l.startsWith("+") && !l.startsWith("+++")).count();
        long minus = ours.text().lines().filter(l -> l.startsWith("-") && !l.startsWith("---")).count();
        assertThat(ours.linesAdded()).isEqualTo(plus);
        assertThat(ours.linesRemoved()).isEqualTo(minus);
    }

    @Test
    void identicalTextsGiveAnEmptyDiff() {
        UnifiedDiff diff = UnifiedDiff.between("same\n", "same\n", "a", "b");
        assertThat(diff.text()).isEmpty();
        assertThat(diff.identical()).isTrue();
        assertThat(diff.linesAdded()).isZero();
        assertThat(diff.linesRemoved()).isZero();
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void twoWhollyDifferentMegabyteTextsFinish() {
        String oldText = IntStream.range(0, 50_000).mapToObj(i -> "old line " + i + " xxxxxxxx")
                .collect(Collectors.joining("\n"));
        String newText = IntStream.range(0, 50_000).mapToObj(i -> "new line " + i + " yyyyyyyy")
                .collect(Collectors.joining("\n"));

        UnifiedDiff diff = UnifiedDiff.between(oldText, newText, "a", "b");

        assertThat(diff.linesRemoved()).isEqualTo(50_000);
        assertThat(diff.linesAdded()).isEqualTo(50_000);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void sameLinesReorderedFinish() {
        // Every line is on both sides, in opposite orders: the worst case for Myers' algorithm.
        String oldText = IntStream.range(0, 50_000).mapToObj(i -> "line " + i)
                .collect(Collectors.joining("\n", "", "\n"));
        String newText = IntStream.range(0, 50_000).map(i -> 49_999 - i).mapToObj(i -> "line " + i)
                .collect(Collectors.joining("\n", "", "\n"));

        UnifiedDiff diff = UnifiedDiff.between(oldText, newText, "a", "b");

        assertThat(diff.linesRemoved()).isEqualTo(diff.linesAdded()).isGreaterThan(0);
    }

    private static String numbered(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
    }

    private String systemDiff(String oldText, String newText) throws IOException, InterruptedException {
        Path diffBinary = Path.of("/usr/bin/diff");
        assumeTrue(Files.isExecutable(diffBinary), "needs diff");
        Path oldFile = Files.writeString(work.resolve("old.md"), oldText, StandardCharsets.UTF_8);
        Path newFile = Files.writeString(work.resolve("new.md"), newText, StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(diffBinary.toString(), "-u", "--label", "a/doc.md", "--label", "b/doc.md",
                oldFile.toString(), newFile.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isIn(0, 1);
        return output;
    }
}
