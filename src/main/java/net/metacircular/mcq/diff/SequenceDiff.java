package net.metacircular.mcq.diff;

import com.github.difflib.algorithm.Change;
import com.github.difflib.algorithm.myers.MyersDiffWithLinearSpace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * A bounded diff of two sequences of element ids (equal ids mean equal
 * elements): the regions where they differ, in order.
 *
 * <p>Myers' algorithm costs time in proportion to the sequences' length times
 * the number of differences, so two long, wholly different revisions could keep
 * a thread busy for minutes. Three things keep it bounded: the common prefix
 * and suffix are cut off first; elements that appear on only one side can never
 * match, so only elements present on both sides go into Myers' algorithm; and
 * the comparisons it may make are counted, and past the limit the remaining
 * middle is reported as one region changed as a whole. Revisions as people
 * write them (few differences) never reach the limit.
 */
final class SequenceDiff {

    /** One region that differs: {@code old[oldStart, oldEnd)} became {@code new[newStart, newEnd)}. */
    record Edit(int oldStart, int oldEnd, int newStart, int newEnd) {
    }

    private SequenceDiff() {
    }

    /** Thrown by the counting comparison to stop a diff that has used its allowance. */
    private static final class TooManyComparisons extends RuntimeException {
        TooManyComparisons() {
            super(null, null, false, false);
        }
    }

    static List<Edit> between(int[] old, int[] now, long maxComparisons) {
        int prefix = 0;
        int limit = Math.min(old.length, now.length);
        while (prefix < limit && old[prefix] == now[prefix]) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < limit - prefix && old[old.length - 1 - suffix] == now[now.length - 1 - suffix]) {
            suffix++;
        }
        int oldEnd = old.length - suffix;
        int newEnd = now.length - suffix;
        List<Edit> edits = new ArrayList<>();
        if (prefix == oldEnd && prefix == newEnd) {
            return edits;
        }
        if (prefix == oldEnd || prefix == newEnd) {
            edits.add(new Edit(prefix, oldEnd, prefix, newEnd));
            return edits;
        }
        int[][] matches = matchedPairs(old, prefix, oldEnd, now, prefix, newEnd, maxComparisons);
        int oldAt = prefix;
        int newAt = prefix;
        for (int[] match : matches) {
            if (match[0] > oldAt || match[1] > newAt) {
                edits.add(new Edit(oldAt, match[0], newAt, match[1]));
            }
            oldAt = match[0] + 1;
            newAt = match[1] + 1;
        }
        if (oldAt < oldEnd || newAt < newEnd) {
            edits.add(new Edit(oldAt, oldEnd, newAt, newEnd));
        }
        return edits;
    }

    /** Pairs of equal positions (old index, new index) of a longest common subsequence, in order. */
    private static int[][] matchedPairs(int[] old, int oldStart, int oldEnd, int[] now, int newStart, int newEnd,
            long maxComparisons) {
        Set<Integer> inOld = new HashSet<>();
        for (int i = oldStart; i < oldEnd; i++) {
            inOld.add(old[i]);
        }
        Set<Integer> inBoth = new HashSet<>();
        List<Integer> newIds = new ArrayList<>();
        List<Integer> newPositions = new ArrayList<>();
        for (int i = newStart; i < newEnd; i++) {
            if (inOld.contains(now[i])) {
                inBoth.add(now[i]);
                newIds.add(now[i]);
                newPositions.add(i);
            }
        }
        List<Integer> oldIds = new ArrayList<>();
        List<Integer> oldPositions = new ArrayList<>();
        for (int i = oldStart; i < oldEnd; i++) {
            if (inBoth.contains(old[i])) {
                oldIds.add(old[i]);
                oldPositions.add(i);
            }
        }
        if (oldIds.isEmpty()) {
            return new int[0][];
        }
        long[] comparisons = {0};
        BiPredicate<Integer, Integer> counting = (a, b) -> {
            if (++comparisons[0] > maxComparisons) {
                throw new TooManyComparisons();
            }
            return a.intValue() == b.intValue();
        };
        List<Change> changes;
        try {
            changes = new MyersDiffWithLinearSpace<>(counting).computeDiff(oldIds, newIds, null);
        } catch (TooManyComparisons tooMany) {
            return new int[0][];
        }
        List<int[]> pairs = new ArrayList<>();
        int o = 0;
        int n = 0;
        for (Change change : changes) {
            while (o < change.startOriginal && n < change.startRevised) {
                pairs.add(new int[] {oldPositions.get(o++), newPositions.get(n++)});
            }
            o = change.endOriginal;
            n = change.endRevised;
        }
        while (o < oldIds.size() && n < newIds.size()) {
            pairs.add(new int[] {oldPositions.get(o++), newPositions.get(n++)});
        }
        return pairs.toArray(int[][]::new);
    }
}
