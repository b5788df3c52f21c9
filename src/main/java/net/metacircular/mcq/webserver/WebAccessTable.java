package net.metacircular.mcq.webserver;

import io.javalin.http.HandlerType;
import net.metacircular.mcq.http.Access;
import net.metacircular.mcq.http.AccessTable;
import net.metacircular.mcq.http.Route;


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

    /**
     * {@link Access#AUTHENTICATED} here means a browser with a valid MCIAS
     * token in its session cookie; others are sent to sign in.
     */
    public static final AccessTable<Route> ROUTES = AccessTable.<Route>builder()
            .add(new Route(HandlerType.GET, "/"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.GET, "/search"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.GET, "/events"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.GET, "/d/{slug}"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.GET, "/d/{slug}/delete"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.GET, "/d/{slug}/changes"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.GET, "/d/{slug}/history"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.GET, "/d/{slug}/r/{revision}"), Access.AUTHENTICATED)
            // A document's attached files, for the reader's images (FileResponse's headers).
            .add(new Route(HandlerType.GET, "/d/{slug}/files/<name>"), Access.AUTHENTICATED)
            // The versions an old revision shows (attachments belong to revisions).
            .add(new Route(HandlerType.GET, "/d/{slug}/r/{revision}/files/<name>"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.POST, "/d/{slug}/read"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.POST, "/d/{slug}/unread"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.POST, "/d/{slug}/delete"), Access.AUTHENTICATED)
            // Review forms: any signed-in caller reaches them; ReviewService decides who may do what.
            .add(new Route(HandlerType.POST, "/d/{slug}/comments"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.POST, "/d/{slug}/comments/{id}/replies"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.POST, "/d/{slug}/comments/{id}/resolve"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.POST, "/d/{slug}/comments/{id}/reopen"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.POST, "/d/{slug}/comments/{id}/delete"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.POST, "/d/{slug}/review"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.GET, "/login"), Access.PUBLIC)
            .add(new Route(HandlerType.POST, "/login"), Access.PUBLIC)
            .add(new Route(HandlerType.GET, "/logout"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.POST, "/logout"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.GET, "/sso/redirect"), Access.PUBLIC)
            .add(new Route(HandlerType.GET, "/sso/callback"), Access.PUBLIC)
            .add(new Route(HandlerType.GET, "/static/{name}"), Access.PUBLIC)
            .add(new Route(HandlerType.GET, "/static/vendor/{name}"), Access.PUBLIC)
            // The web app manifest and the service worker: MCQ's own files, no data.
            .add(new Route(HandlerType.GET, "/manifest.webmanifest"), Access.PUBLIC)
            .add(new Route(HandlerType.GET, "/sw.js"), Access.PUBLIC)
            .build();

    private WebAccessTable() {
    }

}
