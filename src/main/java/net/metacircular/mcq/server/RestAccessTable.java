package net.metacircular.mcq.server;

import io.javalin.http.HandlerType;

import java.util.Map;
import java.util.Optional;

/**
 * Access control for the REST API, in one table. The access check looks the
 * matched route up here; a route missing from the table is refused, and a
 * test fails when the router holds a route this table does not list.
 */
public final class RestAccessTable {

    public static final Map<Route, Access> ROUTES = Route.table(Access.class,
            HandlerType.GET, "/v1/health", Access.PUBLIC,
            HandlerType.POST, "/v1/auth/login", Access.PUBLIC,
            HandlerType.POST, "/v1/auth/logout", Access.BEARER,
            HandlerType.GET, "/v1/documents", Access.BEARER,
            HandlerType.GET, "/v1/documents/{slug}", Access.BEARER,
            HandlerType.PUT, "/v1/documents/{slug}", Access.BEARER,
            HandlerType.DELETE, "/v1/documents/{slug}", Access.BEARER,
            HandlerType.POST, "/v1/documents/{slug}/read", Access.BEARER,
            HandlerType.POST, "/v1/documents/{slug}/unread", Access.BEARER);

    private RestAccessTable() {
    }

    public static Optional<Access> lookup(Route route) {
        return Optional.ofNullable(ROUTES.get(route));
    }
}
