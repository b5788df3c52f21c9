package net.metacircular.mcq.webserver;
import net.metacircular.mcq.http.Callers;
import net.metacircular.mcq.http.Access;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.router.Endpoint;
import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.auth.AuthService;
import net.metacircular.mcq.auth.Caller;
import net.metacircular.mcq.http.Route;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one check in front of every web route: the access rule from
 * {@link WebAccessTable}, the session for SESSION routes, and CSRF for every
 * POST. Page handlers run only when it lets the request through, and then
 * find the {@link Caller} in the request attribute {@link Callers}.
 */
final class WebAccess {

    /** The request attribute holding the session's MCIAS token, for the CSRF form token. */
    static final String SESSION_TOKEN = "mcq.web.session";

    private final AuthService auth;
    private final Session session;
    private final Csrf csrf;
    private final Pages pages;

    WebAccess(AuthService auth, Session session, Csrf csrf, Pages pages) {
        this.auth = auth;
        this.session = session;
        this.csrf = csrf;
        this.pages = pages;
    }

    /** Paths served by the other surfaces (REST, MCP), which have their own access rules. */
    static boolean isWebPath(String path) {
        return !(path.equals("/v1") || path.startsWith("/v1/") || path.equals("/mcp") || path.startsWith("/mcp/"));
    }

    void check(Context ctx) {
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        if (matched == null || !isWebPath(matched.path)) {
            return;
        }
        Optional<Access> access = WebAccessTable.ROUTES.lookup(new Route(matched.method, matched.path));
        if (access.isEmpty()) {
            stop(ctx, () -> pages.error(ctx, 403, "Not allowed", "This page has no access rule."));
            return;
        }
        boolean post = matched.method == HandlerType.POST;
        if (post && !Csrf.sameOrigin(ctx)) {
            stop(ctx, () -> pages.forbiddenForm(ctx));
            return;
        }
        if (!access.get().needsCaller()) {
            if (post && !csrf.verifyLogin(ctx)) {
                stop(ctx, () -> pages.forbiddenForm(ctx));
            }
            return;
        }
        Optional<String> token = Session.token(ctx);
        if (token.isEmpty()) {
            stop(ctx, () -> redirectToSignIn(ctx, post));
            return;
        }
        Caller caller;
        try {
            caller = auth.authenticate(token.get());
        } catch (ServiceException e) {
            if (e.kind() == ServiceException.Kind.UNAUTHENTICATED) {
                // Expired or revoked: forget it, so the sign-in page does not loop on it.
                session.end(ctx);
                stop(ctx, () -> redirectToSignIn(ctx, post));
            } else {
                stop(ctx, () -> pages.error(ctx, e));
            }
            return;
        }
        try {
            access.get().check(caller);
        } catch (ServiceException e) {
            stop(ctx, () -> pages.error(ctx, e));
            return;
        }
        Callers.set(ctx, caller);
        ctx.attribute(SESSION_TOKEN, token.get());
        if (post && !csrf.verifySession(ctx, token.get())) {
            stop(ctx, () -> pages.forbiddenForm(ctx));
        }
    }

    /**
     * Sends the browser to sign in, and back here afterwards. A POST cannot
     * be repeated by a redirect, so it comes back to the queue instead.
     */
    private static void redirectToSignIn(Context ctx, boolean post) {
        String here = post ? LocalPath.ROOT : LocalPath.orRoot(ctx.queryString() == null
                ? ctx.path() : ctx.path() + "?" + ctx.queryString());
        ctx.redirect(signInAddress(here), HttpStatus.SEE_OTHER);
    }

    static String signInAddress(String next) {
        return LocalPath.ROOT.equals(next) ? "/login" : "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }

    private static void stop(Context ctx, Runnable response) {
        response.run();
        ctx.skipRemainingHandlers();
    }
}
