package net.metacircular.mcq.webserver;

/**
 * The "return to where you were" path after sign-in. It comes from the
 * browser (a query parameter, a form field, a cookie), so it is only ever
 * accepted as a path on this site: otherwise sign-in would be an open
 * redirect that sends the reviewer, freshly authenticated, to any site.
 */
final class LocalPath {

    static final String ROOT = "/";
    private static final int MAX_LENGTH = 2048;

    private LocalPath() {
    }

    /**
     * {@code candidate} when it is a local path, else {@code "/"}.
     *
     * <p>Accepted: starts with a single {@code /}. Refused: {@code //host} and
     * {@code /\host} (both read as another host by browsers), any backslash,
     * and any control character or space (browsers drop tabs and newlines
     * inside URLs, so {@code /\t/host} would become {@code //host}). Only
     * printable ASCII passes, which is what a request path looks like once
     * percent-encoded, and what a {@code Location} header may carry.
     */
    static String orRoot(String candidate) {
        return isLocal(candidate) ? candidate : ROOT;
    }

    static boolean isLocal(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
            return false;
        }
        if (candidate.charAt(0) != '/') {
            return false;
        }
        if (candidate.length() > 1 && (candidate.charAt(1) == '/' || candidate.charAt(1) == '\\')) {
            return false;
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
