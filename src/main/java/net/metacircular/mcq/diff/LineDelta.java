package net.metacircular.mcq.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A compact, exact delta between two texts, found line by line: what turns
 * one text (the base) into another (the target), written as text so the
 * store can keep an older revision as the difference from the next one.
 *
 * <p>The format is a version line {@code d1} and then operations on the
 * base, counted in characters: {@code =N} copies the next N characters,
 * {@code -N} skips them, and {@code +N} followed by a line break inserts the
 * next N characters of the delta verbatim. The operations must consume the
 * base exactly, so a delta applied to the wrong base fails rather than
 * giving a wrong text.
 *
 * <p>A revision usually changes a few places in a long text, so the common
 * start and end are found first with the JDK's vectorised array comparison,
 * and only the lines between go through the (bounded) line diff.
 */
public final class LineDelta {

    private static final String VERSION = "d1\n";
    /** The same bound as the diffs the reviewer sees: two wholly different texts give one replacement. */
    private static final long MAX_COMPARISONS = 20_000_000L;
    /** The common end is compared in blocks of this many characters, then one by one. */
    private static final int BLOCK = 256;

    private LineDelta() {
    }

    /**
     * The delta from {@code base} to {@code target}, or null when it would not
     * be less than half the size of {@code target} (then storing the target is
     * simpler and hardly larger).
     */
    public static String encode(String base, String target) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(target, "target");
        char[] b = base.toCharArray();
        char[] t = target.toCharArray();
        int mismatch = Arrays.mismatch(b, t);
        int limit = target.length() / 2;
        if (mismatch < 0) {
            String same = VERSION + (b.length > 0 ? "=" + b.length + "\n" : "");
            return same.length() < limit ? same : null;
        }
        // The common start ends where the line holding the first difference starts.
        int head = base.lastIndexOf('\n', mismatch - 1) + 1;
        int tail = commonTail(b, t, head);
        List<String> baseLines = lines(base.substring(head, b.length - tail));
        List<String> targetLines = lines(target.substring(head, t.length - tail));
        Interner interner = new Interner();
        List<SequenceDiff.Edit> edits = SequenceDiff.between(
                interner.idsOf(baseLines, line -> line), interner.idsOf(targetLines, line -> line), MAX_COMPARISONS);
        StringBuilder delta = new StringBuilder(VERSION);
        int copy = head;
        int line = 0;
        for (SequenceDiff.Edit edit : edits) {
            copy += length(baseLines, line, edit.oldStart());
            operation(delta, '=', copy);
            copy = 0;
            operation(delta, '-', length(baseLines, edit.oldStart(), edit.oldEnd()));
            int inserted = length(targetLines, edit.newStart(), edit.newEnd());
            if (inserted > 0) {
                delta.append('+').append(inserted).append('\n');
                for (int i = edit.newStart(); i < edit.newEnd(); i++) {
                    delta.append(targetLines.get(i));
                }
            }
            line = edit.oldEnd();
            if (delta.length() >= limit) {
                return null;
            }
        }
        operation(delta, '=', copy + length(baseLines, line, baseLines.size()) + tail);
        return delta.length() < limit ? delta.toString() : null;
    }

    /**
     * How many characters both texts end with, not reaching into the first
     * {@code head}, starting just after a line break so that the texts
     * between are whole lines.
     */
    private static int commonTail(char[] b, char[] t, int head) {
        int max = Math.min(b.length, t.length) - head;
        int tail = 0;
        while (tail + BLOCK <= max && Arrays.equals(b, b.length - tail - BLOCK, b.length - tail,
                t, t.length - tail - BLOCK, t.length - tail)) {
            tail += BLOCK;
        }
        while (tail < max && b[b.length - 1 - tail] == t[t.length - 1 - tail]) {
            tail++;
        }
        for (int i = b.length - tail; i < b.length; i++) {
            if (b[i] == '\n') {
                return b.length - i - 1;
            }
        }
        return 0;
    }

    private static int length(List<String> lines, int from, int to) {
        int length = 0;
        for (int i = from; i < to; i++) {
            length += lines.get(i).length();
        }
        return length;
    }

    /**
     * The target text that {@code delta} was made for, from its base.
     *
     * @throws IllegalArgumentException when the delta is malformed or does not fit {@code base}
     */
    public static String apply(String base, String delta) {
        if (!delta.startsWith(VERSION)) {
            throw new IllegalArgumentException("not a delta");
        }
        StringBuilder target = new StringBuilder(base.length() + delta.length());
        int from = 0;
        int at = VERSION.length();
        while (at < delta.length()) {
            char op = delta.charAt(at);
            int end = delta.indexOf('\n', at);
            if (end < 0 || end == at + 1 || end - at > 11) {
                throw new IllegalArgumentException("malformed operation at " + at);
            }
            int count = parseCount(delta, at + 1, end);
            at = end + 1;
            switch (op) {
                case '=' -> {
                    requireBase(base, from, count);
                    target.append(base, from, from + count);
                    from += count;
                }
                case '-' -> {
                    requireBase(base, from, count);
                    from += count;
                }
                case '+' -> {
                    if (count > delta.length() - at) {
                        throw new IllegalArgumentException("insertion runs past the end of the delta");
                    }
                    target.append(delta, at, at + count);
                    at += count;
                }
                default -> throw new IllegalArgumentException("unknown operation " + op);
            }
        }
        if (from != base.length()) {
            throw new IllegalArgumentException("delta consumed " + from + " of " + base.length() + " characters");
        }
        return target.toString();
    }

    private static void operation(StringBuilder delta, char op, int count) {
        if (count > 0) {
            delta.append(op).append(count).append('\n');
        }
    }

    private static int parseCount(String delta, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            char c = delta.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("malformed count at " + from);
            }
            count = Math.addExact(Math.multiplyExact(count, 10), c - '0');
        }
        return count;
    }

    private static void requireBase(String base, int from, int count) {
        if (count > base.length() - from) {
            throw new IllegalArgumentException("delta runs past the end of its base");
        }
    }

    /** The lines of {@code text}, each with its line break; the last may have none. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            int next = end < 0 ? text.length() : end + 1;
            lines.add(text.substring(start, next));
            start = next;
        }
        return lines;
    }
}
