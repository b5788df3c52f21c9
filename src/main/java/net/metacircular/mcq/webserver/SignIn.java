package net.metacircular.mcq.webserver;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.auth.AuthService;
import net.metacircular.mcq.auth.LoginResult;
import net.metacircular.mcq.http.HttpStatuses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The sign-in page (the password form, or the "Sign in with MCIAS" button
 * when SSO is configured) and sign-out. Credentials go to MCIAS through
 * {@link AuthService}, which adds the service name and tags so MCIAS can
 * apply its per-service policy; MCQ never sees a password again.
 */
final class SignIn {

    private static final Logger log = LoggerFactory.getLogger(SignIn.class);

    static final String WRONG_CREDENTIALS = "Wrong credentials: check the username, password and TOTP code.";
    static final String NOT_ALLOWED = "This account is not allowed to sign in to this service (MCQ). "
            + "Ask the operator to grant it access in MCIAS.";
    static final String MCIAS_DOWN = "The identity service (MCIAS) cannot be reached right now, so nobody can "
            + "sign in. Try again in a minute; if it persists, tell the operator.";
    static final String SIGNED_OUT = "You are signed out.";
    static final String CLEAR_SITE_DATA = "\"cache\", \"storage\"";

    private final AuthService auth;
    private final Session session;
    private final Csrf csrf;
    private final Pages pages;
    private final boolean sso;

    SignIn(AuthService auth, Session session, Csrf csrf, Pages pages, boolean sso) {
        this.auth = auth;
        this.session = session;
        this.csrf = csrf;
        this.pages = pages;
        this.sso = sso;
    }

    /** GET /login. Someone already signed in goes straight on. */
    void page(Context ctx) {
        String next = LocalPath.orRoot(ctx.queryParam("next"));
        if (isSignedIn(ctx)) {
            ctx.redirect(next, HttpStatus.SEE_OTHER);
            return;
        }
        String notice = ctx.queryParam("signed-out") != null ? SIGNED_OUT : null;
        show(ctx, 200, next, "", null, notice);
    }

    /** POST /login (direct mode): the password form. */
    void submit(Context ctx) {
        String next = LocalPath.orRoot(ctx.formParam("next"));
        String username = Optional.ofNullable(ctx.formParam("username")).orElse("").strip();
        String password = ctx.formParam("password");
        String totp = Optional.ofNullable(ctx.formParam("totp")).orElse("").strip();
        if (username.isEmpty() || password == null || password.isEmpty()) {
            show(ctx, 400, next, username, "Enter your username and password.", null);
            return;
        }
        LoginResult login;
        try {
            login = auth.login(username, password, totp.isEmpty() ? null : totp, ctx.ip());
            session.start(ctx, login);
        } catch (ServiceException e) {
            // The page's status mirrors what MCIAS said (401, 403, 503), or 429 after too many failures.
            e.retryAfterSeconds().ifPresent(seconds -> ctx.header("Retry-After", seconds));
            show(ctx, HttpStatuses.of(e.kind()), next, username, messageFor(e), null);
            return;
        }
        ctx.redirect(next, HttpStatus.SEE_OTHER);
    }

    static String messageFor(ServiceException e) {
        return switch (e.kind()) {
            case UNAUTHENTICATED -> WRONG_CREDENTIALS;
            case PERMISSION_DENIED -> NOT_ALLOWED;
            case UNAVAILABLE -> MCIAS_DOWN;
            case RATE_LIMITED -> Pages.sentence(e.getMessage()) + " Your password is not locked: after the wait, "
                    + "the right password works.";
            default -> Pages.sentence(e.getMessage());
        };
    }

    /** GET /logout: a confirmation, because signing out must be a POST with a form token. */
    void confirmPage(Context ctx) {
        pages.render(ctx, 200, "logout.jte", pages.frame(ctx, "Sign out"), new Views.Logout(pages.formToken(ctx)));
    }

    /**
     * POST /logout: revokes the token at MCIAS and forgets the cookie, and has
     * the browser drop what it kept of this site ({@code Clear-Site-Data}):
     * its HTTP cache and its storage, which holds the pages the service worker
     * kept for reading offline (and the worker itself, and unsent review
     * drafts). No page of the ended session stays readable in this browser.
     */
    void signOut(Context ctx) {
        String token = ctx.attribute(WebAccess.SESSION_TOKEN);
        try {
            auth.logout(token);
        } catch (ServiceException e) {
            // The cookie goes anyway; the token expires at MCIAS on its own schedule.
            log.warn("could not revoke the session token at MCIAS: {}", e.getMessage());
        }
        session.end(ctx);
        ctx.header("Clear-Site-Data", CLEAR_SITE_DATA);
        ctx.redirect("/login?signed-out=1", HttpStatus.SEE_OTHER);
    }

    private boolean isSignedIn(Context ctx) {
        Optional<String> token = Session.token(ctx);
        if (token.isEmpty()) {
            return false;
        }
        try {
            auth.authenticate(token.get());
            return true;
        } catch (ServiceException e) {
            return false;
        }
    }

    /** The sign-in page, with what went wrong with the last attempt if anything did. */
    void show(Context ctx, int status, String next, String username, String error, String notice) {
        String formToken = sso ? null : csrf.loginToken(ctx);
        pages.render(ctx, status, "login.jte", pages.frame(ctx, "Sign in"),
                new Views.Login(sso, next, formToken, username, error, notice));
    }
}
