package net.metacircular.mcq.reviews;

import net.metacircular.mcq.ServiceException;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What a comment asks for (spec §15). Wire names: {@code comment}, {@code replacement}, {@code deletion}. */
public enum CommentKind {
    /** A remark about the passage (or, without an anchor, the whole document). */
    COMMENT,
    /** Replace the quoted passage with {@link Comment#replacement()}. */
    REPLACEMENT,
    /** Delete the quoted passage. */
    DELETION;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; unknown names are bad input (a 400 on every surface). */
    @JsonCreator
    public static CommentKind fromWireName(String name) {
        for (CommentKind kind : values()) {
            if (kind.wireName().equals(name)) {
                return kind;
            }
        }
        throw ServiceException.invalid("kind must be comment, replacement or deletion");
    }
}
