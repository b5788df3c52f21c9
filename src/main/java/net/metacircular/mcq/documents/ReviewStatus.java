package net.metacircular.mcq.documents;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Where the review of a document's current revision stands (spec §15): a new
 * revision starts {@link #PENDING}; a person's verdict on it makes it
 * {@link #APPROVED} or {@link #CHANGES_REQUESTED}. Shown in the queue.
 */
public enum ReviewStatus {
    PENDING,
    APPROVED,
    CHANGES_REQUESTED;

    /** The wire name on every surface: {@code pending}, {@code approved}, {@code changes_requested}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ReviewStatus fromWireName(String name) {
        for (ReviewStatus status : values()) {
            if (status.wireName().equals(name)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown review status: " + name);
    }
}
