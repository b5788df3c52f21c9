package net.metacircular.mcq.http;

import io.javalin.config.JavalinConfig;

/**
 * A set of routes served on the main HTTP listener: the REST API, the web UI
 * and the MCP endpoint. Each surface declares its routes and its own access
 * rules; {@link HttpServer} gives them the shared listener, logging and headers.
 */
public interface HttpSurface {
    void register(JavalinConfig config);
}
