package net.metacircular.mcq.server;

import io.javalin.http.HandlerType;
import net.metacircular.mcq.http.Access;
import net.metacircular.mcq.http.AccessTable;
import net.metacircular.mcq.http.Route;

/**
 * Access control for the REST API, in one table. The access check looks the
 * matched route up here; a route missing from the table is refused, and a
 * test fails when the router holds a route this table does not list.
 */
public final class RestAccessTable {

    public static final AccessTable<Route> ROUTES = AccessTable.<Route>builder()
            .add(new Route(HandlerType.GET, "/v1/health"), Access.PUBLIC)
            .add(new Route(HandlerType.POST, "/v1/auth/login"), Access.PUBLIC)
            .add(new Route(HandlerType.POST, "/v1/auth/logout"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.GET, "/v1/documents"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.GET, "/v1/search"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.GET, "/v1/documents/{slug}"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.PUT, "/v1/documents/{slug}"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.DELETE, "/v1/documents/{slug}"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.POST, "/v1/documents/{slug}/read"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.POST, "/v1/documents/{slug}/unread"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.GET, "/v1/documents/{slug}/revisions"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.GET, "/v1/documents/{slug}/revisions/{revision}"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.GET, "/v1/documents/{slug}/diff"), Access.AUTHENTICATED)
            // Files: who may push may upload and delete, who may read may read (AttachmentService).
            .add(new Route(HandlerType.GET, "/v1/documents/{slug}/files"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.GET, "/v1/documents/{slug}/files/<name>"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.PUT, "/v1/documents/{slug}/files/<name>"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.DELETE, "/v1/documents/{slug}/files/<name>"), Access.AUTHENTICATED)
            // Reviews: any account reaches them; ReviewService decides by role and account type.
            .add(new Route(HandlerType.GET, "/v1/documents/{slug}/feedback"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.GET, "/v1/documents/{slug}/comments"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.POST, "/v1/documents/{slug}/comments"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.POST, "/v1/documents/{slug}/comments/{id}/replies"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.POST, "/v1/documents/{slug}/comments/{id}/resolve"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.POST, "/v1/documents/{slug}/comments/{id}/reopen"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.DELETE, "/v1/documents/{slug}/comments/{id}"), Access.AUTHENTICATED)
            .add(new Route(HandlerType.POST, "/v1/documents/{slug}/review"), Access.AUTHENTICATED)
            .build();

    private RestAccessTable() {
    }
}
