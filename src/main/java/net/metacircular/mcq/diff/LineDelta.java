package net.metacircular.mcq.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A compact, exact line delta: the edits that turn one text (the base) into
 * another (the target), written as text so the store can keep an older
 * revision as the difference from the next one.
 *
 * <p>The format is a version line {@code d1} and then operations on the
 * base's lines (each line with its own line break, so any text round-trips
 * byte for byte): {@code =N} copies the next N lines, {@code -N} skips them,
 * and {@code +C} followed by a line break inserts the next C characters
 * verbatim. The operations must consume the base exactly, so a delta applied
 * to the wrong base fails rather than giving a wrong text.
 */
public final class LineDelta {

    private static final String VERSION = "d1\n";
    /** The same bound as the diffs the reviewer sees: two wholly different texts give one replacement. */
    private static final long MAX_COMPARISONS = 20_000_000L;

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
        // Lines shared at both ends are compared in place, so a small edit of a
        // long text hashes and diffs only the lines around the edit.
        int[] head = commonHead(base, target);
        int[] tail = commonTail(base, target, head[0], head[1]);
        List<String> baseLines = lines(base.substring(head[0], base.length() - tail[0]));
        List<String> targetLines = lines(target.substring(head[1], target.length() - tail[1]));
        Interner interner = new Interner();
        List<SequenceDiff.Edit> edits = SequenceDiff.between(
                interner.idsOf(baseLines, line -> line), interner.idsOf(targetLines, line -> line), MAX_COMPARISONS);
        int limit = target.length() / 2;
        StringBuilder delta = new StringBuilder(VERSION);
        operation(delta, '=', head[2]);
        int at = 0;
        for (SequenceDiff.Edit edit : edits) {
            operation(delta, '=', edit.oldStart() - at);
            operation(delta, '-', edit.oldEnd() - edit.oldStart());
            int inserted = 0;
            for (int i = edit.newStart(); i < edit.newEnd(); i++) {
                inserted += targetLines.get(i).length();
            }
            if (inserted > 0) {
                delta.append('+').append(inserted).append('\n');
                for (int i = edit.newStart(); i < edit.newEnd(); i++) {
                    delta.append(targetLines.get(i));
                }
            }
            at = edit.oldEnd();
            if (delta.length() >= limit) {
                return null;
            }
        }
        operation(delta, '=', baseLines.size() - at + tail[2]);
        return delta.length() < limit ? delta.toString() : null;
    }

    /** The whole lines both texts start with: {chars in base, chars in target, lines}. */
    private static int[] commonHead(String base, String target) {
        int b = 0;
        int t = 0;
        int lines = 0;
        while (b < base.length() && t < target.length()) {
            int bEnd = lineEnd(base, b);
            int tEnd = lineEnd(target, t);
            if (bEnd - b != tEnd - t || !base.regionMatches(b, target, t, bEnd - b)) {
                break;
            }
            b = bEnd;
            t = tEnd;
            lines++;
        }
        return new int[] {b, t, lines};
    }

    /** The whole lines both texts end with, not reaching into the common head: {chars in base, chars in target, lines}. */
    private static int[] commonTail(String base, String target, int baseHead, int targetHead) {
        int b = base.length();
        int t = target.length();
        int lines = 0;
        while (b > baseHead && t > targetHead) {
            int bStart = base.lastIndexOf('\n', b - 2) + 1;
            int tStart = target.lastIndexOf('\n', t - 2) + 1;
            if (bStart < baseHead || tStart < targetHead || b - bStart != t - tStart
                    || !base.regionMatches(bStart, target, tStart, b - bStart)) {
                break;
            }
            b = bStart;
            t = tStart;
            lines++;
        }
        return new int[] {base.length() - b, target.length() - t, lines};
    }

    private static int lineEnd(String text, int from) {
        int end = text.indexOf('\n', from);
        return end < 0 ? text.length() : end + 1;
    }

    /**
     * The target text that {@code delta} was made for, from its base.
     *
     * @throws IllegalArgumentException when the delta is malformed or does not fit {@code base}
     */
    public static String apply(String base, String delta) {
        if (!delta.startsWith(VERSION)) {
            throw new IllegalArgumentException("not a line delta");
        }
        List<String> baseLines = lines(base);
        StringBuilder target = new StringBuilder(base.length() + delta.length());
        int line = 0;
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
                    requireLines(baseLines, line, count);
                    for (int i = 0; i < count; i++) {
                        target.append(baseLines.get(line++));
                    }
                }
                case '-' -> {
                    requireLines(baseLines, line, count);
                    line += count;
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
        if (line != baseLines.size()) {
            throw new IllegalArgumentException("delta consumed " + line + " of " + baseLines.size() + " lines");
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

    private static void requireLines(List<String> lines, int from, int count) {
        if (count > lines.size() - from) {
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
