package net.metacircular.mcq.render;

import java.util.Locale;

/**
 * What a URL in a document points at, as a browser would read it. The
 * sanitizer keeps links of every kind but {@link #REJECTED}, keeps images only
 * when {@link #WEB}, and marks {@link #WEB} links as external.
 *
 * <p>OWASP's URL filter runs first; this second, independent check is kept small
 * so it can be read in one go. It follows the browser's URL parser where that
 * matters: leading and trailing spaces and control characters are ignored, and
 * tabs and newlines are removed anywhere, so {@code "java\tscript:"} is a
 * {@code javascript:} URL and is rejected.
 */
enum UrlKind {
    /** {@code #section}: a place in the same document. */
    FRAGMENT,
    /** A path on the MCQ server itself ({@code docs/a.md}, {@code /x}, {@code ?q}). */
    RELATIVE,
    /** An absolute http(s) URL, or a scheme-relative {@code //host/...} one. */
    WEB,
    MAILTO,
    /** Any other scheme (javascript:, data:, vbscript:, file:, ...) or a malformed URL. */
    REJECTED;

    static UrlKind of(String url) {
        String cleaned = clean(url);
        if (cleaned == null) {
            return REJECTED;
        }
        if (cleaned.startsWith("#")) {
            return FRAGMENT;
        }
        if (cleaned.length() >= 2 && isSlash(cleaned.charAt(0)) && isSlash(cleaned.charAt(1))) {
            // Browsers read "//host", "\\host" and "/\host" as another host.
            return WEB;
        }
        for (int i = 0; i < cleaned.length(); i++) {
            char c = cleaned.charAt(i);
            if (c == '/' || c == '\\' || c == '?' || c == '#') {
                return RELATIVE;
            }
            if (c == ':') {
                String scheme = cleaned.substring(0, i).toLowerCase(Locale.ROOT);
                return switch (scheme) {
                    case "http", "https" -> WEB;
                    case "mailto" -> MAILTO;
                    default -> REJECTED;
                };
            }
        }
        return RELATIVE;
    }

    /** The URL as a browser parses it, or null if it contains control characters a URL never needs. */
    private static String clean(String url) {
        StringBuilder out = new StringBuilder(url.length());
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            out.append(c);
        }
        String stripped = stripC0AndSpace(out.toString());
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return null;
            }
        }
        return stripped;
    }

    private static String stripC0AndSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && s.charAt(end - 1) <= ' ') {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isSlash(char c) {
        return c == '/' || c == '\\';
    }
}
