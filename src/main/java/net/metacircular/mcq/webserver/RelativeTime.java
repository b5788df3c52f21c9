package net.metacircular.mcq.webserver;

import net.metacircular.mcq.text.Rfc3339;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Times as the reviewer reads them: "3 minutes ago" on the page, with the
 * exact RFC 3339 time (UTC) for the {@code <time datetime>} attribute and its
 * tooltip.
 */
final class RelativeTime {

    private final Clock clock;

    RelativeTime(Clock clock) {
        this.clock = clock;
    }

    /** The time as a {@code <time>} element needs it. */
    Views.Time of(Instant instant) {
        return new Views.Time(exact(instant), describe(instant));
    }

    /** {@code 2026-11-27T10:08:08Z}: RFC 3339 in UTC, to the second. */
    static String exact(Instant instant) {
        return Rfc3339.format(instant);
    }

    String describe(Instant instant) {
        Duration age = Duration.between(instant, clock.instant());
        long seconds = age.getSeconds();
        if (seconds < 45) {
            // Includes small clock differences that would put a push in the future.
            return "just now";
        }
        long minutes = Math.max(1, Math.round(seconds / 60.0));
        if (minutes < 60) {
            return count(minutes, "minute");
        }
        long hours = Math.round(seconds / 3600.0);
        if (hours < 24) {
            return count(hours, "hour");
        }
        long days = Math.round(seconds / 86400.0);
        if (days < 31) {
            // "1 day ago" rather than "yesterday": the reviewer's calendar day is not known here.
            return count(Math.max(1, days), "day");
        }
        long months = Math.round(days / 30.44);
        if (months < 12) {
            return count(Math.max(1, months), "month");
        }
        return count(Math.max(1, Math.round(days / 365.25)), "year");
    }

    private static String count(long n, String unit) {
        return n == 1 ? "1 " + unit + " ago" : n + " " + unit + "s ago";
    }
}
