package net.metacircular.mcq.diff;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LineDeltaTest {

    private static final String[] WORDS = {"plan", "step", "🙂 emoji", "tab\there", "crlf\r", "", "# Heading",
            "- item", "| a | b |", "```", "naïve", "end"};

    @Test
    void randomEditsRoundTripByteForByte() {
        Random random = new Random(7);
        int deltas = 0;
        for (int round = 0; round < 2000; round++) {
            String base = text(random, random.nextInt(60));
            String target = edit(random, base);
            String delta = LineDelta.encode(base, target);
            if (delta != null) {
                deltas++;
                assertThat(LineDelta.apply(base, delta)).as("round %d", round).isEqualTo(target);
                assertThat(delta.length()).isLessThan(Math.max(1, target.length() / 2));
            }
        }
        assertThat(deltas).as("small edits of long texts are stored as deltas").isGreaterThan(1000);
    }

    @Test
    void aSmallEditOfALargeTextIsASmallDelta() {
        String base = text(new Random(1), 3000);
        int middle = base.indexOf('\n', base.length() / 2) + 1;
        String target = base.substring(0, middle) + "an inserted line\n" + base.substring(middle);
        String delta = LineDelta.encode(base, target);
        assertThat(delta).isNotNull().hasSizeLessThan(100);
        assertThat(LineDelta.apply(base, delta)).isEqualTo(target);
    }

    @Test
    void textsWithoutAFinalLineBreakAndEmptyTextsRoundTrip() {
        for (String[] pair : new String[][] {{"a\nb", "a\nb\nc"}, {"a\nb\n", "a\nb"}, {"", "x\ny\nz\nw"},
                {"x\ny\nz\nw\nv\nu", "x\ny\nz\nw\nv\nu\n"}, {"one\r\ntwo\r\nthree\r\nfour\r\n", "one\r\n2\r\nthree\r\nfour\r\n"}}) {
            String delta = LineDelta.encode(pair[0], pair[1]);
            if (delta != null) {
                assertThat(LineDelta.apply(pair[0], delta)).isEqualTo(pair[1]);
            }
        }
    }

    @Test
    void whollyDifferentTextsAreNotWorthADelta() {
        Random random = new Random(3);
        assertThat(LineDelta.encode(text(random, 200), text(new Random(4), 200))).isNull();
    }

    @Test
    void aDeltaAppliedToTheWrongBaseOrDamagedFailsInsteadOfGivingWrongText() {
        String base = "a line\n".repeat(10) + "the line that changes\n" + "a line\n".repeat(10);
        String target = base.replace("the line that changes", "the changed line");
        String delta = LineDelta.encode(base, target);
        assertThat(delta).isNotNull();
        assertThatThrownBy(() -> LineDelta.apply(base + "extra\n", delta)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LineDelta.apply("a line\n", delta)).isInstanceOf(IllegalArgumentException.class);
        for (String damaged : List.of("", "d2\n=1\n", "d1\n=x\n", "d1\n+999\nshort", "d1\n?1\n", "d1\n=99999999999\n",
                "d1\n=", delta.substring(0, delta.length() - 3))) {
            assertThatThrownBy(() -> LineDelta.apply(base, damaged)).as(damaged)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static String text(Random random, int lines) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(' ').append(random.nextInt(1000));
            text.append(random.nextInt(20) == 0 ? "" : "\n");
        }
        return text.toString();
    }

    /** A few line insertions, deletions and changes, sometimes dropping or adding the final line break. */
    private static String edit(Random random, String base) {
        List<String> lines = new ArrayList<>(List.of(base.split("\n", -1)));
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = random.nextInt(lines.size() + 1);
            switch (random.nextInt(3)) {
                case 0 -> lines.add(at, "inserted " + random.nextInt(100));
                case 1 -> {
                    if (at < lines.size()) {
                        lines.remove(at);
                    }
                }
                default -> {
                    if (at < lines.size()) {
                        lines.set(at, lines.get(at) + " changed");
                    }
                }
            }
        }
        return String.join("\n", lines) + (random.nextInt(10) == 0 ? "\n" : "");
    }
}
