package net.metacircular.mcq.devidp;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** MCIAS writes times as RFC 3339 UTC strings with whole seconds, like the JWT claims they mirror. */
final class Rfc3339 {
    private Rfc3339() {
    }

    static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
