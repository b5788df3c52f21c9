package net.metacircular.mcq.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The unified diff of two texts, as {@code diff -u} writes it: {@code ---} and
 * {@code +++} headers with the given labels, hunks with three lines of context,
 * and "\ No newline at end of file" after a last line without one.
 *
 * @param text         the diff; empty when the texts are identical
 * @param linesAdded   lines only in the new text
 * @param linesRemoved lines only in the old text
 */
public record UnifiedDiff(String text, int linesAdded, int linesRemoved) {

    static final int CONTEXT = 3;

    /**
     * Beyond this many comparisons (two wholly different 1 MB texts would need
     * billions) the differing middle is reported as replaced as a whole.
     */
    static final long MAX_COMPARISONS = 5_000_000L;

    private static final String NO_NEWLINE = "\\ No newline at end of file\n";

    public UnifiedDiff {
        Objects.requireNonNull(text, "text");
    }

    public boolean identical() {
        return text.isEmpty();
    }

    public static UnifiedDiff between(String oldText, String newText, String oldLabel, String newLabel) {
        Objects.requireNonNull(oldText, "oldText");
        Objects.requireNonNull(newText, "newText");
        List<String> oldLines = lines(oldText);
        List<String> newLines = lines(newText);
        Interner interner = new Interner();
        List<SequenceDiff.Edit> edits = SequenceDiff.between(
                interner.idsOf(oldLines, line -> line), interner.idsOf(newLines, line -> line), MAX_COMPARISONS);
        if (edits.isEmpty()) {
            return new UnifiedDiff("", 0, 0);
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(oldLabel).append('\n');
        out.append("+++ ").append(newLabel).append('\n');
        int added = 0;
        int removed = 0;
        int first = 0;
        while (first < edits.size()) {
            // A hunk takes every following edit whose context would touch or overlap its own.
            int last = first;
            while (last + 1 < edits.size()
                    && edits.get(last + 1).oldStart() - edits.get(last).oldEnd() <= 2 * CONTEXT) {
                last++;
            }
            SequenceDiff.Edit start = edits.get(first);
            SequenceDiff.Edit end = edits.get(last);
            int oldFrom = Math.max(0, start.oldStart() - CONTEXT);
            int newFrom = start.newStart() - (start.oldStart() - oldFrom);
            int oldTo = Math.min(oldLines.size(), end.oldEnd() + CONTEXT);
            int newTo = end.newEnd() + (oldTo - end.oldEnd());
            out.append("@@ -").append(range(oldFrom, oldTo)).append(" +").append(range(newFrom, newTo))
                    .append(" @@\n");
            int oldAt = oldFrom;
            for (int i = first; i <= last; i++) {
                SequenceDiff.Edit edit = edits.get(i);
                appendLines(out, ' ', oldLines, oldAt, edit.oldStart());
                appendLines(out, '-', oldLines, edit.oldStart(), edit.oldEnd());
                appendLines(out, '+', newLines, edit.newStart(), edit.newEnd());
                removed += edit.oldEnd() - edit.oldStart();
                added += edit.newEnd() - edit.newStart();
                oldAt = edit.oldEnd();
            }
            appendLines(out, ' ', oldLines, oldAt, oldTo);
            first = last + 1;
        }
        return new UnifiedDiff(out.toString(), added, removed);
    }

    /** "start,count" with a one-based start; a count of one is left out, and an empty range names the line before. */
    private static String range(int from, int to) {
        int count = to - from;
        if (count == 1) {
            return Integer.toString(from + 1);
        }
        return (count == 0 ? from : from + 1) + "," + count;
    }

    private static void appendLines(StringBuilder out, char prefix, List<String> lines, int from, int to) {
        for (int i = from; i < to; i++) {
            String line = lines.get(i);
            out.append(prefix);
            if (line.endsWith("\n")) {
                out.append(line);
            } else {
                out.append(line).append('\n').append(NO_NEWLINE);
            }
        }
    }

    /** The lines of {@code text}, each with its newline; the last one may lack it. */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }
}
