package net.metacircular.mcq.reviews;

import net.metacircular.mcq.ServiceException;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** A person's verdict on a revision. Wire names: {@code approve}, {@code request_changes}. */
public enum VerdictKind {
    APPROVE,
    REQUEST_CHANGES;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static VerdictKind fromWireName(String name) {
        for (VerdictKind kind : values()) {
            if (kind.wireName().equals(name)) {
                return kind;
            }
        }
        throw ServiceException.invalid("verdict must be approve or request_changes");
    }
}
