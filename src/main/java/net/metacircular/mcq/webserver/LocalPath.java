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
    /** RFC 3986 unreserved and reserved characters plus '%': what a percent-encoded path and query use. */
    private static final String URL_CHARACTERS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%";

    private LocalPath() {
    }

    /**
     * {@code candidate} when it is a local path, else {@code "/"}.
     *
     * <p>Accepted: starts with a single {@code /}. Refused: {@code //host} and
     * {@code /\host} (both read as another host by browsers), and any
     * character outside the URL syntax: backslashes, spaces and control
     * characters among them (browsers drop tabs and newlines inside URLs, so
     * {@code /\t/host} would become {@code //host}). A request path is
     * percent-encoded, so a genuine one always passes.
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
            if (URL_CHARACTERS.indexOf(candidate.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
