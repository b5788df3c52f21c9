package net.metacircular.mcq.webserver;

import io.javalin.http.Context;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Writes the web UI's cookies. Every cookie is {@code HttpOnly} (no script
 * needs to read one) and {@code Secure} unless the operator turned that off
 * for plain-HTTP development ({@code [web] cookie_secure = false}); without
 * that switch a browser on plain HTTP silently drops the session cookie and
 * sign-in appears to do nothing.
 *
 * <p>The {@code Set-Cookie} header is written by hand so that every attribute
 * is visible here rather than left to a library default.
 */
final class Cookies {

    /** What MCQ ever stores in a cookie: MCIAS tokens (JWTs) and its own base64url values. */
    private static final Pattern SAFE_VALUE = Pattern.compile("[A-Za-z0-9._~+/=-]{1,8192}");

    enum SameSite { LAX, STRICT }

    private final boolean secure;

    Cookies(boolean secure) {
        this.secure = secure;
    }

    static boolean isSafeValue(String value) {
        return value != null && SAFE_VALUE.matcher(value).matches();
    }

    /**
     * @param maxAge null for a cookie that ends with the browser session
     */
    void set(Context ctx, String name, String value, String path, Duration maxAge, SameSite sameSite) {
        if (!isSafeValue(value)) {
            throw new IllegalArgumentException("cookie " + name + " would carry characters a cookie cannot hold");
        }
        StringBuilder header = new StringBuilder(name).append('=').append(value)
                .append("; Path=").append(path);
        if (maxAge != null) {
            header.append("; Max-Age=").append(Math.max(0, maxAge.getSeconds()));
        }
        header.append("; HttpOnly; SameSite=").append(sameSite == SameSite.LAX ? "Lax" : "Strict");
        if (secure) {
            header.append("; Secure");
        }
        ctx.res().addHeader("Set-Cookie", header.toString());
    }

    /** Tells the browser to forget a cookie (same name and path, expired). */
    void clear(Context ctx, String name, String path) {
        StringBuilder header = new StringBuilder(name).append("=; Path=").append(path)
                .append("; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax");
        if (secure) {
            header.append("; Secure");
        }
        ctx.res().addHeader("Set-Cookie", header.toString());
    }
}
