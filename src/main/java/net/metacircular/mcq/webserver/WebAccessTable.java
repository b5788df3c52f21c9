package net.metacircular.mcq.webserver;

import io.javalin.http.HandlerType;
import net.metacircular.mcq.server.Route;

import java.util.Map;
import java.util.Optional;

/**
 * Access control for the web UI, in one table. {@link WebAccess} looks the
 * matched route up here before any page handler runs; a route missing from
 * the table is refused, and a test fails when the router holds a web route
 * this table does not list.
 *
 * <p>The SSO routes and the direct login form are registered only in the
 * sign-in mode the configuration selects; both sets are listed here.
 */
public final class WebAccessTable {

    /** Who may request a web route. */
    public enum Access {
        /** Anyone: the sign-in pages and the static assets. */
        PUBLIC,
        /** A browser with a valid MCIAS token in its session cookie; others are sent to sign in. */
        SESSION
    }

    public static final Map<Route, Access> ROUTES = Route.table(Access.class,
            HandlerType.GET, "/", Access.SESSION,
            HandlerType.GET, "/d/{slug}", Access.SESSION,
            HandlerType.GET, "/d/{slug}/delete", Access.SESSION,
            HandlerType.POST, "/d/{slug}/read", Access.SESSION,
            HandlerType.POST, "/d/{slug}/unread", Access.SESSION,
            HandlerType.POST, "/d/{slug}/delete", Access.SESSION,
            HandlerType.GET, "/login", Access.PUBLIC,
            HandlerType.POST, "/login", Access.PUBLIC,
            HandlerType.GET, "/logout", Access.SESSION,
            HandlerType.POST, "/logout", Access.SESSION,
            HandlerType.GET, "/sso/redirect", Access.PUBLIC,
            HandlerType.GET, "/sso/callback", Access.PUBLIC,
            HandlerType.GET, "/static/{name}", Access.PUBLIC);

    private WebAccessTable() {
    }

    public static Optional<Access> lookup(Route route) {
        return Optional.ofNullable(ROUTES.get(route));
    }
}
