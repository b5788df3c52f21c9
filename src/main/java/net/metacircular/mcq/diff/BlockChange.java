package net.metacircular.mcq.diff;

import java.util.List;
import java.util.Objects;

/**
 * What happened to one block between two revisions.
 *
 * @param kind     unchanged, inserted, changed or removed
 * @param oldBlock the block in the old revision; null when inserted
 * @param newBlock the block in the new revision; null when removed
 * @param words    for a changed block, the word-level runs from old to new;
 *                 otherwise empty
 */
public record BlockChange(Kind kind, Block oldBlock, Block newBlock, List<WordChange> words) {

    public enum Kind { UNCHANGED, INSERTED, CHANGED, REMOVED }

    public BlockChange {
        Objects.requireNonNull(kind, "kind");
        words = List.copyOf(words);
        if ((kind == Kind.INSERTED) != (oldBlock == null) || (kind == Kind.REMOVED) != (newBlock == null)) {
            throw new IllegalArgumentException(kind + " with blocks " + oldBlock + ", " + newBlock);
        }
    }

    public String oldSource() {
        return oldBlock == null ? "" : oldBlock.source();
    }

    public String newSource() {
        return newBlock == null ? "" : newBlock.source();
    }
}
