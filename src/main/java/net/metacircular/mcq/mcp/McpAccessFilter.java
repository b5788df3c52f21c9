package net.metacircular.mcq.mcp;

import io.modelcontextprotocol.spec.HttpHeaders;
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
import net.metacircular.mcq.http.Access;
import net.metacircular.mcq.http.BearerToken;
import net.metacircular.mcq.http.Callers;
import net.metacircular.mcq.http.HttpServer;
import net.metacircular.mcq.http.HttpStatuses;
import net.metacircular.mcq.http.Json;

import java.io.IOException;
import java.util.Map;

/**
 * Runs in front of the MCP servlet, which Javalin does not see: Javalin's
 * before-handlers and request log apply only to its own routes. So this
 * filter does their part here, before any MCP processing: the default
 * security headers, the {@code Origin} check ({@link OriginCheck}), the
 * access check against {@link McpAccessTable} with the same bearer-token
 * validation as REST ({@link AuthService#authenticate}), and the request log
 * line. A refused token gets the REST error shape, {@code {"error": ...}}
 * with 401 (or 503 when MCIAS cannot be asked).
 *
 * <p>Then it guards the SDK: a posted message is read within
 * {@link McpLimits} and checked ({@link McpMessage}); a session id must name
 * a session {@link McpSessions} keeps for the same account; and the SDK's own
 * error answers are made clean JSON-RPC errors ({@link CleanErrorResponse}).
 * Everything refused here is answered with a JSON-RPC error.
 */
final class McpAccessFilter implements Filter {

    private final AuthService auth;
    private final McpLimits limits;
    private final McpSessions sessions;
    private final DetachedToolCalls detached;

    McpAccessFilter(AuthService auth, McpLimits limits, McpSessions sessions, DetachedToolCalls detached) {
        this.auth = auth;
        this.limits = limits;
        this.sessions = sessions;
        this.detached = detached;
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
            if (!OriginCheck.allows(request)) {
                throw new JsonRpcRefusal(403, null, JsonRpcRefusal.INVALID_REQUEST,
                        "Origin not allowed: MCP is served to clients without an Origin or from MCQ's own origin");
            }
            caller = check(request);
            if (caller != null) {
                request.setAttribute(Callers.ATTRIBUTE, caller);
            }
            guard(request, response, chain, caller);
        } catch (ServiceException e) {
            refuse(response, e);
        } catch (JsonRpcRefusal e) {
            if (!response.isCommitted()) {
                response.reset();
                HttpServer.DEFAULT_HEADERS.forEach(response::setHeader);
                if (e.status() == 403 || e.status() == 413) {
                    // The body may be unread (403) or partly read (413): the connection
                    // cannot carry another request.
                    response.setHeader("Connection", "close");
                }
                e.writeTo(response);
            }
        } finally {
            HttpServer.logRequest(request.getMethod(), path(request), response.getStatus(),
                    (System.nanoTime() - started) / 1e6, request.getRemoteAddr(),
                    caller == null ? null : caller.username());
        }
    }

    /** Checks the message and the session, then hands the request to the SDK. */
    private void guard(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Caller caller)
            throws IOException, ServletException {
        HttpServletRequest forSdk = request;
        McpMessage message = null;
        if ("POST".equals(request.getMethod())) {
            message = McpMessage.parse(BufferedBodyRequest.readBody(request, limits.maxToolCallBytes()), limits);
            forSdk = new BufferedBodyRequest(request, message.body());
        }
        String sessionId = request.getHeader(HttpHeaders.MCP_SESSION_ID);
        boolean opensSession = message != null && message.isInitialize();
        if (sessionId != null && !opensSession && (caller == null || !sessions.use(sessionId, caller.username()))) {
            throw new JsonRpcRefusal(404, message == null ? null : message.id(), JsonRpcRefusal.INVALID_REQUEST,
                    "no such MCP session: it ended or expired; initialize a new one");
        }
        // A long wait in a live session is served without holding this thread (see DetachedToolCalls).
        if (message != null && sessionId != null && caller != null) {
            var tool = detached.toolFor(message);
            if (tool != null) {
                detached.serve(tool, message, sessionId, caller, request, response);
                return;
            }
        }
        // A new session is registered as the SDK names it, before the answer goes out: the client
        // sends its next message with the id as soon as it has the answer.
        String[] opened = new String[1];
        CleanErrorResponse sdkResponse = new CleanErrorResponse(response, id -> {
            if (opensSession && caller != null && opened[0] == null) {
                opened[0] = id;
                String token = BearerToken.from(request.getHeader("Authorization"));
                sessions.opened(id, new McpSessions.Owner(caller.username(), AuthService.tokenId(token)));
            }
        });
        chain.doFilter(forSdk, sdkResponse);
        sdkResponse.finish();
        if (opened[0] != null && response.getStatus() != 200) {
            sessions.ended(opened[0]);
        } else if ("DELETE".equals(request.getMethod()) && sessionId != null) {
            sessions.ended(sessionId);
        }
    }

    /** The caller when the path needs a token, null when it is public; throws when refused. */
    private Caller check(HttpServletRequest request) {
        Access access = McpAccessTable.PATHS.lookup(path(request))
                .orElseThrow(() -> new ServiceException(ServiceException.Kind.PERMISSION_DENIED,
                        "this path has no access rule"));
        if (!access.needsCaller()) {
            return null;
        }
        Caller caller = auth.authenticate(BearerToken.from(request.getHeader("Authorization")));
        access.check(caller);
        return caller;
    }

    private static void refuse(HttpServletResponse response, ServiceException e) throws IOException {
        response.setStatus(HttpStatuses.of(e.kind()));
        // The body is left unread: the connection cannot carry another request.
        response.setHeader("Connection", "close");
        if (e.kind() == ServiceException.Kind.UNAUTHENTICATED) {
            response.setHeader("WWW-Authenticate", BearerToken.CHALLENGE);
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
