package net.metacircular.mcq.webserver;

import io.javalin.http.Context;
import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.auth.LoginResult;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The browser session: the {@code mcq_session} cookie holding the MCIAS
 * token itself. MCQ keeps no session state of its own; every page request
 * checks the token through {@code AuthService.authenticate}, like the API.
 *
 * <p>{@code SameSite=Lax}, not {@code Strict}: the SSO callback is a
 * cross-site navigation from MCIAS back to MCQ, and following a link to a
 * document from a chat or mail client is one too; with {@code Strict} the
 * browser would withhold the cookie on exactly those requests. Lax still keeps
 * the cookie off cross-site POSTs, and every POST also needs a CSRF token.
 */
final class Session {

    static final String COOKIE = "mcq_session";
    private static final String PATH = "/";

    private final Cookies cookies;
    private final Clock clock;

    Session(Cookies cookies, Clock clock) {
        this.cookies = cookies;
        this.clock = clock;
    }

    /** The token the browser sent, if it looks like one. */
    static Optional<String> token(Context ctx) {
        String value = ctx.cookie(COOKIE);
        return Cookies.isSafeValue(value) ? Optional.of(value) : Optional.empty();
    }

    /** Signs the browser in; the cookie lives as long as the token (a browser session if unknown). */
    void start(Context ctx, LoginResult login) {
        Duration lifetime = login.expiresAt() == null ? null : Duration.between(clock.instant(), login.expiresAt());
        if (lifetime != null && (lifetime.isNegative() || lifetime.isZero())) {
            lifetime = null;
        }
        if (!Cookies.isSafeValue(login.token())) {
            throw ServiceException.unavailable("the identity service issued a token that cannot be kept in a cookie", null);
        }
        cookies.set(ctx, COOKIE, login.token(), PATH, lifetime, Cookies.SameSite.LAX);
    }

    void end(Context ctx) {
        cookies.clear(ctx, COOKIE, PATH);
    }
}
