package net.metacircular.mcq.mcp;

import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The MCP Streamable HTTP transport asks servers to validate {@code Origin}
 * against DNS rebinding: a web page in a browser must not reach the endpoint
 * from another site. Agents that are not browsers send no Origin and are
 * allowed; a browser is allowed only from MCQ's own origin, the scheme, host
 * and port under which it was asked (its {@code Host} header).
 */
final class OriginCheck {

    private OriginCheck() {
    }

    static boolean allows(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        String host = request.getHeader("Host");
        if (host == null || host.isBlank()) {
            return false;
        }
        return sameOrigin(origin, request.getScheme(), host);
    }

    /** Whether {@code origin} is exactly {@code scheme://host[:port]}, with default ports made explicit. */
    static boolean sameOrigin(String origin, String scheme, String host) {
        try {
            URI claimed = new URI(origin);
            URI own = new URI(scheme + "://" + host);
            return claimed.getRawUserInfo() == null && (claimed.getRawPath() == null || claimed.getRawPath().isEmpty())
                    && claimed.getRawQuery() == null && claimed.getRawFragment() == null
                    && claimed.getHost() != null && own.getHost() != null
                    && lower(claimed.getScheme()).equals(lower(scheme))
                    && lower(claimed.getHost()).equals(lower(own.getHost()))
                    && port(claimed) == port(own);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equals(lower(uri.getScheme())) ? 443 : 80;
    }

    private static String lower(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }
}
