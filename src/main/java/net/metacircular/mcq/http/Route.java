package net.metacircular.mcq.http;

import io.javalin.http.HandlerType;

/** A route as the router knows it: method and path pattern, e.g. {@code GET /v1/documents/{slug}}. */
public record Route(HandlerType method, String path) {

    @Override
    public String toString() {
        return method + " " + path;
    }
}
