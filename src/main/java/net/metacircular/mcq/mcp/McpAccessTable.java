package net.metacircular.mcq.mcp;

import net.metacircular.mcq.server.Access;

import java.util.Map;
import java.util.Optional;

/**
 * Access control for the MCP surface, in one table like
 * {@link net.metacircular.mcq.server.RestAccessTable}: the filter in front
 * of the MCP servlet looks the path up here, and a path missing from the
 * table is refused. Every MCP message (initialize included) needs a token.
 */
public final class McpAccessTable {

    public static final Map<String, Access> PATHS = Map.of(McpSurface.PATH, Access.BEARER);

    private McpAccessTable() {
    }

    public static Optional<Access> lookup(String path) {
        return Optional.ofNullable(PATHS.get(path));
    }
}
