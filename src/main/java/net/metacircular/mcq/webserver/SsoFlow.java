package net.metacircular.mcq.webserver;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.auth.AuthService;
import net.metacircular.mcq.auth.LoginResult;
import net.metacircular.mcq.http.HttpStatuses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * Sign-in through MCIAS single sign-on (authorization code flow).
 *
 * <ol>
 *   <li>{@code GET /sso/redirect} binds a random {@code state} to this
 *       browser in a short-lived cookie, remembers where to return, and sends
 *       the browser to MCIAS.</li>
 *   <li>{@code GET /sso/callback} accepts the answer only with the same state
 *       (compared in constant time), so nobody can complete a sign-in that this
 *       browser did not start ("login CSRF"); then it trades the one-time code
 *       for a token at MCIAS, server to server, and starts the session.</li>
 * </ol>
 *
 * <p>Both cookies are {@code SameSite=Lax} (the callback is a cross-site
 * navigation from MCIAS, on which {@code Strict} cookies are withheld),
 * {@code HttpOnly}, limited to {@code Path=/sso}, and gone after the callback.
 */
final class SsoFlow {

    private static final Logger log = LoggerFactory.getLogger(SsoFlow.class);

    static final String STATE_COOKIE = "mcq_sso_state";
    static final String RETURN_COOKIE = "mcq_sso_return";
    private static final String PATH = "/sso";
    private static final Duration LIFETIME = Duration.ofMinutes(10);

    static final String RESTART = "The sign-in could not be completed: it was started in another browser "
            + "or window, or it took too long. Please sign in again.";

    private final AuthService auth;
    private final String redirectUri;
    private final Session session;
    private final Cookies cookies;
    private final SignIn signIn;
    private final SecureRandom random;

    SsoFlow(AuthService auth, String redirectUri, Session session, Cookies cookies, SignIn signIn,
            SecureRandom random) {
        this.auth = auth;
        this.redirectUri = redirectUri;
        this.session = session;
        this.cookies = cookies;
        this.signIn = signIn;
        this.random = random;
    }

    /** GET /sso/redirect. */
    void start(Context ctx) {
        String next = LocalPath.orRoot(ctx.queryParam("next"));
        String state = Csrf.randomToken(random);
        cookies.set(ctx, STATE_COOKIE, state, PATH, LIFETIME, Cookies.SameSite.LAX);
        cookies.set(ctx, RETURN_COOKIE, encode(next), PATH, LIFETIME, Cookies.SameSite.LAX);
        ctx.redirect(auth.ssoAuthorizeUri(redirectUri, state).toString(), HttpStatus.SEE_OTHER);
    }

    /** GET /sso/callback. */
    void callback(Context ctx) {
        String expectedState = ctx.cookie(STATE_COOKIE);
        String next = LocalPath.orRoot(decode(ctx.cookie(RETURN_COOKIE)));
        // Single use: whatever happens next, this attempt is over.
        cookies.clear(ctx, STATE_COOKIE, PATH);
        cookies.clear(ctx, RETURN_COOKIE, PATH);

        String state = ctx.queryParam("state");
        // The cookie must hold a state this server made (an empty one matches an empty state).
        if (!Csrf.isNonce(expectedState) || state == null || state.isEmpty()
                || !Csrf.matches(state, expectedState)) {
            log.info("SSO callback refused: {}", !Csrf.isNonce(expectedState)
                    ? "this browser started no sign-in (or it expired)" : "the state does not match this browser's");
            signIn.show(ctx, 400, next, "", RESTART, null);
            return;
        }
        String error = ctx.queryParam("error");
        if (error != null) {
            signIn.show(ctx, 401, next, "", "MCIAS did not sign you in (" + abbreviate(error) + ").", null);
            return;
        }
        String code = ctx.queryParam("code");
        if (code == null || code.isEmpty()) {
            signIn.show(ctx, 400, next, "", RESTART, null);
            return;
        }
        try {
            LoginResult login = auth.exchangeSsoCode(code, redirectUri);
            session.start(ctx, login);
        } catch (ServiceException e) {
            log.warn("SSO sign-in failed at the code exchange: {}", e.getMessage());
            String message = e.kind() == ServiceException.Kind.UNAVAILABLE ? SignIn.MCIAS_DOWN : RESTART;
            signIn.show(ctx, HttpStatuses.of(e.kind()), next, "", message, null);
            return;
        }
        ctx.redirect(next, HttpStatus.SEE_OTHER);
    }

    /** The return path travels base64url-encoded: a path may hold characters a cookie cannot. */
    private static String encode(String path) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(path.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String value) {
        if (!Cookies.isSafeValue(value)) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "…";
    }
}
