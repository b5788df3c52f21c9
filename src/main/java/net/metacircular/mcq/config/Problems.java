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

    /**
     * The web UI's public address for absolute links: an absolute http(s) URL
     * with no user information, query or fragment, trailing {@code /} removed;
     * null when not set.
     */
    String publicUrl(String section, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        String problem = null;
        try {
            URI uri = new URI(trimmed);
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                problem = "must be an absolute http(s) URL such as https://mcq.example.net";
            } else if (uri.getRawUserInfo() != null) {
                problem = "must not contain a user name or password";
            } else if (uri.getRawQuery() != null || uri.getRawFragment() != null || trimmed.contains("?")
                    || trimmed.contains("#")) {
                problem = "must not have a query (?) or a fragment (#)";
            }
        } catch (java.net.URISyntaxException e) {
            problem = "must be an absolute http(s) URL such as https://mcq.example.net";
        }
        if (problem != null) {
            add(label(section, name) + " " + problem + " (got \"" + value + "\")");
            return null;
        }
        return trimmed;
    }

    /**
     * A notification target's URL: absolute http(s). Its path, query and user
     * information may hold secrets (an ntfy topic, a webhook token), so a
     * problem names the table and shows only the scheme and host.
     */
    URI targetUrl(String table, String value) {
        if (value == null || value.isBlank()) {
            add(table + ": url is required");
            return null;
        }
        try {
            URI uri = new URI(value.strip());
            if (uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getRawFragment() == null) {
                return uri;
            }
            add(table + ": url must be an absolute http(s) URL without a fragment (got "
                    + (uri.getScheme() == null ? "no scheme" : uri.getScheme() + "://" + (uri.getHost() == null
                    ? "(no host)" : uri.getHost()) + "/…") + ")");
        } catch (java.net.URISyntaxException e) {
            add(table + ": url is not a valid URL");
        }
        return null;
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
