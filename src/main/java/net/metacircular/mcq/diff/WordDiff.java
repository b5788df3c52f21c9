package net.metacircular.mcq.diff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Word-level differences between two versions of one block, and how similar
 * the two are. The callers bound the blocks' size; the token diff itself has
 * a comparison allowance too.
 */
final class WordDiff {

    /** Enough for two blocks of thousands of tokens that differ in a few hundred places. */
    static final long MAX_COMPARISONS = 4_000_000L;

    private WordDiff() {
    }

    /**
     * How alike two token lists are, from 0 to 1: the share of words they have
     * in common (Dice's coefficient over the multisets of words). Blocks with
     * no words are compared on all their non-space tokens.
     */
    static double similarity(List<String> oldTokens, List<String> newTokens) {
        boolean words = oldTokens.stream().anyMatch(Tokens::isWord) || newTokens.stream().anyMatch(Tokens::isWord);
        Map<String, Integer> counts = new HashMap<>();
        int oldCount = 0;
        for (String token : oldTokens) {
            if (counts(token, words)) {
                counts.merge(token, 1, Integer::sum);
                oldCount++;
            }
        }
        int newCount = 0;
        int common = 0;
        for (String token : newTokens) {
            if (counts(token, words)) {
                newCount++;
                Integer left = counts.get(token);
                if (left != null && left > 0) {
                    common++;
                    counts.put(token, left - 1);
                }
            }
        }
        return oldCount + newCount == 0 ? 1.0 : 2.0 * common / (oldCount + newCount);
    }

    private static boolean counts(String token, boolean wordsOnly) {
        return wordsOnly ? Tokens.isWord(token) : !Tokens.isWhitespace(token);
    }

    /** The runs of equal, deleted and inserted text turning {@code oldTokens} into {@code newTokens}. */
    static List<WordChange> between(List<String> oldTokens, List<String> newTokens) {
        Interner interner = new Interner();
        int[] oldIds = interner.idsOf(oldTokens, token -> token);
        int[] newIds = interner.idsOf(newTokens, token -> token);
        List<WordChange> changes = new ArrayList<>();
        int newAt = 0;
        for (SequenceDiff.Edit edit : SequenceDiff.between(oldIds, newIds, MAX_COMPARISONS)) {
            add(changes, WordChange.Kind.EQUAL, newTokens, newAt, edit.newStart());
            add(changes, WordChange.Kind.DELETED, oldTokens, edit.oldStart(), edit.oldEnd());
            add(changes, WordChange.Kind.INSERTED, newTokens, edit.newStart(), edit.newEnd());
            newAt = edit.newEnd();
        }
        add(changes, WordChange.Kind.EQUAL, newTokens, newAt, newTokens.size());
        return changes;
    }

    /** Appends tokens {@code [from, to)} as one run, merged with the previous run when it is of the same kind. */
    private static void add(List<WordChange> changes, WordChange.Kind kind, List<String> tokens, int from, int to) {
        if (from >= to) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            text.append(tokens.get(i));
        }
        if (!changes.isEmpty() && changes.get(changes.size() - 1).kind() == kind) {
            WordChange last = changes.remove(changes.size() - 1);
            changes.add(new WordChange(kind, last.text() + text));
        } else {
            changes.add(new WordChange(kind, text.toString()));
        }
    }
}
