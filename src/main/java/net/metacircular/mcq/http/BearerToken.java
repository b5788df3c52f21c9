package net.metacircular.mcq.http;

import java.util.Locale;

/**
 * The {@code Authorization: Bearer <token>} header, read the same way by
 * REST, MCP and gRPC (whose metadata carries the same header), and the
 * answer that goes with refusing it.
 */
public final class BearerToken {

    /** The {@code WWW-Authenticate} value sent with every 401. */
    public static final String CHALLENGE = "Bearer realm=\"mcq\"";

    private static final String SCHEME = "bearer ";

    private BearerToken() {
    }

    /** The token from an {@code Authorization} header value, or null when there is none. */
    public static String from(String header) {
        if (header == null || header.length() < SCHEME.length()
                || !header.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return null;
        }
        return header.substring(SCHEME.length()).trim();
    }
}
