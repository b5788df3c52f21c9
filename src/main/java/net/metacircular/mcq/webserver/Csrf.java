package net.metacircular.mcq.webserver;

import io.javalin.http.Context;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;

/**
 * Cross-site request forgery protection for every form POST of the web UI.
 *
 * <p>Two independent checks, both required:
 * <ul>
 *   <li>A token in a hidden form field. Signed in, it is the HMAC-SHA256 of
 *       the session token under a key that lives only in this process, so
 *       another site can neither read nor compute it, and it changes with
 *       every sign-in. Before sign-in (the login form) it is a signed
 *       double submit: a random value in a cookie, and its HMAC in the form.
 *       A restart changes the key: open forms then need a reload, which the
 *       403 page says.</li>
 *   <li>The {@code Origin} header (or {@code Referer} when a browser sends no
 *       Origin), when present, must be this site. Pages are served with
 *       {@code Referrer-Policy: same-origin}, which keeps browsers sending a
 *       real Origin on our own form posts.</li>
 * </ul>
 */
final class Csrf {

    static final String FIELD = "csrf";
    static final String LOGIN_COOKIE = "mcq_login_csrf";
    private static final String LOGIN_COOKIE_PATH = "/login";
    private static final Duration LOGIN_COOKIE_LIFETIME = Duration.ofHours(12);

    private final byte[] key;
    private final SecureRandom random;
    private final Cookies cookies;

    Csrf(SecureRandom random, Cookies cookies) {
        this.random = random;
        this.cookies = cookies;
        this.key = new byte[32];
        random.nextBytes(key);
    }

    /** The form token for a signed-in session. */
    String sessionToken(String sessionToken) {
        return hmac("session\n" + sessionToken);
    }

    boolean verifySession(Context ctx, String sessionToken) {
        return matches(ctx.formParam(FIELD), sessionToken(sessionToken));
    }

    /**
     * The form token for the login form, setting the pre-session cookie it is
     * checked against. An existing cookie is reused so that two open sign-in
     * tabs both work.
     */
    String loginToken(Context ctx) {
        String nonce = ctx.cookie(LOGIN_COOKIE);
        if (!isNonce(nonce)) {
            nonce = randomToken(random);
            cookies.set(ctx, LOGIN_COOKIE, nonce, LOGIN_COOKIE_PATH, LOGIN_COOKIE_LIFETIME, Cookies.SameSite.STRICT);
        }
        return hmac("login\n" + nonce);
    }

    boolean verifyLogin(Context ctx) {
        String nonce = ctx.cookie(LOGIN_COOKIE);
        return isNonce(nonce) && matches(ctx.formParam(FIELD), hmac("login\n" + nonce));
    }

    /**
     * False when the request names another site as its origin. A request with
     * neither header (an old browser, a command-line client) passes this check
     * and still needs the token.
     */
    static boolean sameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            String referer = ctx.header("Referer");
            if (referer == null || referer.isEmpty()) {
                return true;
            }
            origin = referer;
        }
        return sameAuthority(origin, ctx.header("Host"), "https".equalsIgnoreCase(ctx.scheme()));
    }

    /**
     * Compares the scheme, host and port of an origin (or a referring URL)
     * with the request. The origin is parsed as a URI and compared part by
     * part, never as text: any user information ({@code http://evil.example@host})
     * refuses it, the host must be the Host header's exactly, and the port
     * (the scheme's default when absent) must be the Host header's.
     *
     * <p>When MCQ serves TLS itself, the origin must be https. Over plain HTTP
     * it may be either, because behind the TLS-terminating proxy the browser's
     * origin is https while MCQ is reached over plain HTTP; the port still
     * pins it, since a browser leaves the port out of Host only for its
     * scheme's default.
     */
    static boolean sameAuthority(String originOrUrl, String hostHeader, boolean servedOverTls) {
        if (hostHeader == null || hostHeader.isEmpty() || hostHeader.indexOf('@') >= 0
                || originOrUrl == null || "null".equals(originOrUrl)) {
            return false;
        }
        URI uri;
        URI host;
        try {
            uri = new URI(originOrUrl);
            host = new URI("http://" + hostHeader);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme();
        if (scheme == null || uri.getHost() == null || uri.getRawUserInfo() != null
                || host.getHost() == null || host.getRawUserInfo() != null
                || host.getRawPath() != null && !host.getRawPath().isEmpty()) {
            return false;
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        boolean https = scheme.equals("https");
        if (!https && !(scheme.equals("http") && !servedOverTls)) {
            return false;
        }
        if (!host.getHost().equalsIgnoreCase(uri.getHost())) {
            return false;
        }
        int originPort = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        if (host.getPort() == -1) {
            // No port in Host: the browser used the default port of its scheme.
            return originPort == (https ? 443 : 80);
        }
        return host.getPort() == originPort;
    }

    /** {@link #sameAuthority(String, String, boolean)} for a request that reached MCQ over plain HTTP. */
    static boolean sameAuthority(String originOrUrl, String hostHeader) {
        return sameAuthority(originOrUrl, hostHeader, false);
    }

    static String randomToken(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** True for a value {@link #randomToken} could have made. */
    static boolean isNonce(String value) {
        return value != null && value.length() == 43 && Cookies.isSafeValue(value);
    }

    private String hmac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
        }
    }

    /** Constant-time comparison, so response timing reveals nothing about the expected token. */
    static boolean matches(String given, String expected) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
