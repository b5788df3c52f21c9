package net.metacircular.mcq.reviews;

import java.util.Locale;

/** A person's verdict on a revision. Wire names: {@code approve}, {@code request_changes}. */
public enum VerdictKind {
    APPROVE,
    REQUEST_CHANGES;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static VerdictKind fromWireName(String name) {
        for (VerdictKind kind : values()) {
            if (kind.wireName().equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("verdict must be approve or request_changes");
    }
}
