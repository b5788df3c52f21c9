package net.metacircular.mcq.text;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The one RFC 3339 formatter for times MCQ writes as text: UTC, whole
 * seconds ({@code 2026-11-27T10:08:08Z}), as MCIAS writes them and as the
 * web UI's {@code <time datetime>} needs them.
 */
public final class Rfc3339 {

    private Rfc3339() {
    }

    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
