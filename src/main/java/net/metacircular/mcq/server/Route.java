package net.metacircular.mcq.server;

import io.javalin.http.HandlerType;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A route as the router knows it: method and path pattern, e.g. {@code GET /v1/documents/{slug}}. */
public record Route(HandlerType method, String path) {

    /**
     * An access table: rows of (method, path, access), kept in the order
     * written, unmodifiable. Each surface declares its own with this.
     */
    public static <A> Map<Route, A> table(Class<A> access, Object... rows) {
        if (rows.length % 3 != 0) {
            throw new IllegalArgumentException("access table rows are (method, path, access) triples");
        }
        Map<Route, A> table = new LinkedHashMap<>();
        for (int i = 0; i < rows.length; i += 3) {
            Route route = new Route((HandlerType) rows[i], (String) rows[i + 1]);
            if (table.put(route, access.cast(rows[i + 2])) != null) {
                throw new IllegalArgumentException("route listed twice: " + route);
            }
        }
        return Collections.unmodifiableMap(table);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
