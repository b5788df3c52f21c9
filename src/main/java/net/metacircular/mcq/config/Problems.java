package net.metacircular.mcq.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The configuration problems found so far, and the checks that find them.
 * Each check records its own problem and returns a stand-in, so validation
 * goes on to the next field and the operator sees every problem at once.
 */
final class Problems {

    private final List<String> messages = new ArrayList<>();
    /** Keys already reported (unknown or of the wrong type), so "is required" does not repeat them. */
    private final Set<String> reported = new HashSet<>();

    static String label(String section, String name) {
        return "[" + section + "] " + name;
    }

    void add(String message) {
        messages.add(message);
    }

    void addFor(String section, String name, String message) {
        reported.add(label(section, name));
        messages.add(message);
    }

    /** The problems so far and {@code message}, for a problem that ends the reading. */
    ConfigException stopWith(String message) {
        add(message);
        return new ConfigException(messages);
    }

    void throwIfAny() {
        if (!messages.isEmpty()) {
            throw new ConfigException(messages);
        }
    }

    String required(String section, String name, String value) {
        if (value == null || value.isBlank()) {
            if (!reported.contains(label(section, name))) {
                add(label(section, name) + " is required");
            }
            return null;
        }
        return value;
    }

    Path existingFile(String section, String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        Path path = Path.of(value);
        if (!Files.isReadable(path)) {
            add(label(section, name) + " names a file that does not exist or cannot be read: " + value);
        }
        return path;
    }

    ListenAddress address(String section, String name, String value, boolean required) {
        if (required ? required(section, name, value) == null : value == null || value.isEmpty()) {
            return null;
        }
        try {
            return ListenAddress.parse(value);
        } catch (IllegalArgumentException e) {
            add(label(section, name) + ": " + e.getMessage());
            return null;
        }
    }

    /** An absolute http(s) URL; an optional one that is not set reads as "". */
    String url(String section, String name, String value, boolean required) {
        if (required ? required(section, name, value) == null : value == null || value.isEmpty()) {
            return required ? null : "";
        }
        try {
            URI uri = URI.create(value);
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            add(label(section, name) + " must be an absolute http(s) URL (got \"" + value + "\")");
        }
        return value;
    }

    /** {@code value} when set and within 1..{@code max}; {@code defaultValue} when not set. */
    long positiveLong(String section, String name, Long value, long defaultValue, long max) {
        if (value == null) {
            return defaultValue;
        }
        if (value <= 0 || value > max) {
            add(label(section, name) + " must be between 1 and " + max + " (got " + value + ")");
        }
        return value;
    }
}
