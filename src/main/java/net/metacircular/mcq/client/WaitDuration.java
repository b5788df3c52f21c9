package net.metacircular.mcq.client;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A duration as a person types it on the command line: {@code 90s}, {@code 5m}, {@code 2h}, or seconds. */
public final class WaitDuration {

    private static final Pattern FORM = Pattern.compile("(\\d{1,7})([smh]?)");

    private WaitDuration() {
    }

    /** @throws IllegalArgumentException with a message for the person, on anything else */
    public static Duration parse(String text) {
        Matcher match = FORM.matcher(text == null ? "" : text.trim());
        if (!match.matches()) {
            throw new IllegalArgumentException("a duration is a number with s, m or h, e.g. 90s or 5m: " + text);
        }
        long amount = Long.parseLong(match.group(1));
        Duration duration = switch (match.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
        if (duration.isZero()) {
            throw new IllegalArgumentException("a wait must be longer than zero: " + text);
        }
        return duration;
    }
}
