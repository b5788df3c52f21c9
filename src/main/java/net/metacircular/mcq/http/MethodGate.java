package net.metacircular.mcq.http;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.Set;

/**
 * HTTP method hygiene for every path, {@code /mcp} included, before any
 * surface sees the request.
 *
 * <ul>
 * <li>Only the methods MCQ serves reach a handler; TRACE (which a servlet
 *     answers by echoing the request's headers, cookies and tokens
 *     included), TRACK and any other method get 405 without an echo.</li>
 * <li>{@code X-HTTP-Method-Override} is removed: Javalin would otherwise
 *     route a GET carrying {@code X-HTTP-Method-Override: DELETE} to the
 *     DELETE handler, so a link or an image could delete a document.</li>
 * </ul>
 */
final class MethodGate extends Handler.Wrapper {

    static final Set<String> ALLOWED = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS");
    static final String ALLOW = "GET, HEAD, POST, PUT, DELETE, OPTIONS";
    static final String METHOD_OVERRIDE = "X-HTTP-Method-Override";

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        if (!ALLOWED.contains(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, ALLOW);
            if (request.getLength() != 0) {
                // The body is left unread, so Jetty will not reuse the connection.
                JettyResponses.closeAfter(response);
            }
            // The method is a client-chosen token; it is not repeated back.
            JettyResponses.error(response, callback, 405, "this HTTP method is not allowed; use one of " + ALLOW);
            return true;
        }
        if (request.getHeaders().contains(METHOD_OVERRIDE)) {
            request = withoutMethodOverride(request);
        }
        return super.handle(request, response, callback);
    }

    private static Request withoutMethodOverride(Request request) {
        HttpFields headers = HttpFields.build(request.getHeaders()).remove(METHOD_OVERRIDE).asImmutable();
        return new Request.Wrapper(request) {
            @Override
            public HttpFields getHeaders() {
                return headers;
            }
        };
    }
}
