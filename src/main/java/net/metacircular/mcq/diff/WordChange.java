package net.metacircular.mcq.diff;

import java.util.Objects;

/**
 * A run of text inside a changed block: the same in both revisions, only in the
 * new one, or only in the old one.
 */
public record WordChange(Kind kind, String text) {

    public enum Kind { EQUAL, INSERTED, DELETED }

    public WordChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }
}
