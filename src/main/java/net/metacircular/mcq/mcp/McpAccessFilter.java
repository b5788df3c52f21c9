package net.metacircular.mcq.mcp;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.auth.AuthService;
import net.metacircular.mcq.auth.Caller;
import net.metacircular.mcq.server.Access;
import net.metacircular.mcq.server.HttpServer;
import net.metacircular.mcq.server.HttpStatuses;
import net.metacircular.mcq.server.Json;
import net.metacircular.mcq.server.RestApi;

import java.io.IOException;
import java.util.Map;

/**
 * Runs in front of the MCP servlet, which Javalin does not see: Javalin's
 * before-handlers and request log apply only to its own routes. So this
 * filter does their part here, before any MCP processing: the default
 * security headers, the access check against {@link McpAccessTable} with the
 * same bearer-token validation as REST ({@link AuthService#authenticate}),
 * and the request log line. A refused request gets the REST error shape,
 * {@code {"error": ...}} with 401 (or 503 when MCIAS cannot be asked).
 */
final class McpAccessFilter implements Filter {

    private final AuthService auth;

    McpAccessFilter(AuthService auth) {
        this.auth = auth;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        long started = System.nanoTime();
        HttpServer.DEFAULT_HEADERS.forEach(response::setHeader);
        Caller caller = null;
        try {
            caller = check(request);
            if (caller != null) {
                request.setAttribute(McpSurface.CALLER_ATTRIBUTE, caller);
            }
        } catch (ServiceException e) {
            refuse(response, e);
        }
        try {
            if (!response.isCommitted()) {
                chain.doFilter(request, response);
            }
        } finally {
            HttpServer.logRequest(request.getMethod(), path(request), response.getStatus(),
                    (System.nanoTime() - started) / 1e6, request.getRemoteAddr(),
                    caller == null ? null : caller.username());
        }
    }

    /** The caller when the path needs a token, null when it is public; throws when refused. */
    private Caller check(HttpServletRequest request) {
        Access access = McpAccessTable.lookup(path(request))
                .orElseThrow(() -> new ServiceException(ServiceException.Kind.PERMISSION_DENIED,
                        "this path has no access rule"));
        if (access == Access.PUBLIC) {
            return null;
        }
        return auth.authenticate(RestApi.bearerToken(request.getHeader("Authorization")));
    }

    private static void refuse(HttpServletResponse response, ServiceException e) throws IOException {
        response.setStatus(HttpStatuses.of(e.kind()));
        if (e.kind() == ServiceException.Kind.UNAUTHENTICATED) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"mcq\"");
        }
        response.setContentType("application/json");
        byte[] body = Json.MAPPER.writeValueAsBytes(Map.of("error", e.getMessage()));
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    private static String path(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return request.getServletPath() + (pathInfo == null ? "" : pathInfo);
    }
}
