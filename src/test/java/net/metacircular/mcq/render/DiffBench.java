package net.metacircular.mcq.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.metacircular.mcq.diff.BlockDiff;
import net.metacircular.mcq.diff.UnifiedDiff;

/**
 * Measures the diff engine (run by bench/diff-bench.sh on the test classpath):
 * the block diff and unified diff of two 1 MB revisions, and the changes view
 * of a 100 KB document with a tenth of its blocks changed. Prints the median
 * of several runs after warm-up.
 */
public final class DiffBench {

    private static final int WARMUP = 5;
    private static final int RUNS = 11;

    public static void main(String[] args) {
        Random random = new Random(42);
        List<String> bigBlocks = blocks(random, 1_000_000);
        String bigOld = String.join("\n\n", bigBlocks);
        String bigNew = String.join("\n\n", edited(bigBlocks, random, 10));
        List<String> smallBlocks = blocks(random, 100_000);
        String smallOld = String.join("\n\n", smallBlocks);
        String smallNew = String.join("\n\n", edited(smallBlocks, random, 10));
        ChangesRenderer changes = new ChangesRenderer(new MarkdownRenderer());

        report("block diff, two 1 MB revisions, 10 % of blocks edited", () -> BlockDiff.between(bigOld, bigNew));
        report("unified diff, two 1 MB revisions, 10 % of blocks edited",
                () -> UnifiedDiff.between(bigOld, bigNew, "a", "b"));
        report("changes view, 100 KB document, 10 % of blocks edited",
                () -> changes.render(smallOld, smallNew));
        RenderedChanges view = changes.render(smallOld, smallNew);
        System.out.printf("  (view: %d inserted, %d changed, %d removed, rendered %s, %d KB of HTML)%n",
                view.inserted(), view.changed(), view.removed(), view.rendered(), view.html().length() / 1024);
    }

    private static void report(String name, Runnable work) {
        for (int i = 0; i < WARMUP; i++) {
            work.run();
        }
        double[] millis = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            work.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf("%-60s median %7.1f ms  (min %.1f, max %.1f, %d runs)%n",
                name, millis[RUNS / 2], millis[0], millis[RUNS - 1], RUNS);
    }

    /** Blocks of realistic Markdown (headings, paragraphs, list items, tables, code) up to {@code bytes}. */
    private static List<String> blocks(Random random, int bytes) {
        List<String> blocks = new ArrayList<>();
        int size = 0;
        int n = 0;
        while (size < bytes) {
            String block = switch (n++ % 6) {
                case 0 -> "## Section " + n + " " + words(random, 4);
                case 1, 2 -> words(random, 40 + random.nextInt(40)) + ".";
                case 3 -> "- " + words(random, 10) + "\n- " + words(random, 12) + "\n- " + words(random, 8);
                case 4 -> "| Key | Value |\n|-----|-------|\n| " + words(random, 2) + " | " + words(random, 3)
                        + " |\n| " + words(random, 2) + " | " + words(random, 3) + " |";
                default -> "```java\nint value" + n + " = compute(" + n + ");\nreturn value" + n + " * 2;\n```";
            };
            blocks.add(block);
            size += block.length() + 2;
        }
        return blocks;
    }

    /** A copy where one block in {@code every} has a word replaced and another word added. */
    private static List<String> edited(List<String> blocks, Random random, int every) {
        List<String> edited = new ArrayList<>(blocks);
        for (int i = random.nextInt(every); i < edited.size(); i += every) {
            edited.set(i, edited.get(i).replaceFirst("(\\w+)(\\W+)(\\w+)", "$1 revised$2$3"));
        }
        return edited;
    }

    private static final String[] WORDS = ("the service reviewer document revision change block paragraph list "
            + "table code render safe queue read push agent human markdown diff word line").split(" ");

    private static String words(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }
}
