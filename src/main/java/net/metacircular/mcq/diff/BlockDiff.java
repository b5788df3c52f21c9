package net.metacircular.mcq.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The block-level differences between two revisions of a Markdown document,
 * in the new document's order, each removed block placed where it was.
 *
 * <p>Blocks ({@link MarkdownBlocks}) are compared whole, by their type and
 * exact source. Within a region that differs, a removed block is paired with a
 * following inserted block of the same type whose words are at least
 * {@link #MIN_SIMILARITY} alike; the pair is one CHANGED block with word-level
 * runs. Everything is bounded for hostile revisions: the block diff has a
 * comparison allowance ({@link SequenceDiff}), a removed block looks for its
 * partner among the next {@link #PAIRING_WINDOW} inserted blocks only, long
 * blocks are not diffed word by word, and the pairing of one diff may look at
 * {@link #MAX_WORD_CHARS} characters of source at most.
 *
 * @param changes  every block, unchanged ones included
 * @param inserted blocks only in the new revision
 * @param changed  blocks edited between the revisions
 * @param removed  blocks only in the old revision
 */
public record BlockDiff(List<BlockChange> changes, int inserted, int changed, int removed) {

    static final double MIN_SIMILARITY = 0.5;
    static final int PAIRING_WINDOW = 16;
    static final long MAX_BLOCK_COMPARISONS = 5_000_000L;
    /** The most source, old and new together, the pairing of one diff may tokenise and compare. */
    static final long MAX_WORD_CHARS = 2_000_000L;
    /** A block longer than this (a long code block, say) is not compared word by word. */
    static final int MAX_BLOCK_CHARS = 30_000;

    public BlockDiff {
        changes = List.copyOf(changes);
    }

    public static BlockDiff between(String oldMarkdown, String newMarkdown) {
        Objects.requireNonNull(oldMarkdown, "oldMarkdown");
        Objects.requireNonNull(newMarkdown, "newMarkdown");
        List<Block> oldBlocks = MarkdownBlocks.of(oldMarkdown);
        List<Block> newBlocks = MarkdownBlocks.of(newMarkdown);
        Interner interner = new Interner();
        // Type and source identify a block; the context (a table's head) does not make a row different.
        int[] oldIds = interner.idsOf(oldBlocks, b -> b.type() + '\0' + b.source());
        int[] newIds = interner.idsOf(newBlocks, b -> b.type() + '\0' + b.source());
        Builder builder = new Builder(oldBlocks, newBlocks);
        int newAt = 0;
        for (SequenceDiff.Edit edit : SequenceDiff.between(oldIds, newIds, MAX_BLOCK_COMPARISONS)) {
            builder.unchanged(newAt, edit.newStart(), edit.oldStart() - (edit.newStart() - newAt));
            builder.region(edit);
            newAt = edit.newEnd();
        }
        int oldAt = oldBlocks.size() - (newBlocks.size() - newAt);
        builder.unchanged(newAt, newBlocks.size(), oldAt);
        return builder.build();
    }

    public boolean identical() {
        return inserted == 0 && changed == 0 && removed == 0;
    }

    /** Collects the changes in order and counts them. */
    private static final class Builder {
        private final List<Block> oldBlocks;
        private final List<Block> newBlocks;
        private final List<BlockChange> changes = new ArrayList<>();
        private long wordCharsLeft = MAX_WORD_CHARS;
        private int inserted;
        private int changed;
        private int removed;

        Builder(List<Block> oldBlocks, List<Block> newBlocks) {
            this.oldBlocks = oldBlocks;
            this.newBlocks = newBlocks;
        }

        void unchanged(int newFrom, int newTo, int oldFrom) {
            for (int i = newFrom; i < newTo; i++) {
                changes.add(new BlockChange(BlockChange.Kind.UNCHANGED, oldBlocks.get(oldFrom + i - newFrom),
                        newBlocks.get(i), List.of()));
            }
        }

        /**
         * A differing region: each removed block, in order, is paired with the
         * first similar inserted block within the window; inserted blocks it
         * passes over are emitted before it, so the result follows the new order.
         */
        void region(SequenceDiff.Edit edit) {
            int next = edit.newStart();
            for (int o = edit.oldStart(); o < edit.oldEnd(); o++) {
                Block old = oldBlocks.get(o);
                List<String> oldTokens = null;
                int partner = -1;
                List<WordChange> words = null;
                for (int n = next; n < edit.newEnd() && n < next + PAIRING_WINDOW; n++) {
                    Block candidate = newBlocks.get(n);
                    long cost = (long) old.source().length() + candidate.source().length();
                    if (!candidate.type().equals(old.type()) || cost > wordCharsLeft
                            || old.source().length() > MAX_BLOCK_CHARS || candidate.source().length() > MAX_BLOCK_CHARS) {
                        continue;
                    }
                    wordCharsLeft -= cost;
                    if (oldTokens == null) {
                        oldTokens = Tokens.of(old.source());
                    }
                    List<String> newTokens = Tokens.of(candidate.source());
                    if (WordDiff.similarity(oldTokens, newTokens) >= MIN_SIMILARITY) {
                        partner = n;
                        words = WordDiff.between(oldTokens, newTokens);
                        break;
                    }
                }
                if (partner < 0) {
                    changes.add(new BlockChange(BlockChange.Kind.REMOVED, old, null, List.of()));
                    removed++;
                    continue;
                }
                insert(next, partner);
                changes.add(new BlockChange(BlockChange.Kind.CHANGED, old, newBlocks.get(partner), words));
                changed++;
                next = partner + 1;
            }
            insert(next, edit.newEnd());
        }

        private void insert(int from, int to) {
            for (int n = from; n < to; n++) {
                changes.add(new BlockChange(BlockChange.Kind.INSERTED, null, newBlocks.get(n), List.of()));
                inserted++;
            }
        }

        BlockDiff build() {
            return new BlockDiff(changes, inserted, changed, removed);
        }
    }
}
