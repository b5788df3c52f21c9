package net.metacircular.mcq.http;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before any surface sees the request (a body
 * over its limit while it is read, a malformed request): the REST API's
 * {@code {"error": ...}} body, never a page that repeats the request.
 * Jetty closes the connection after such an error, and the answer says so.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String reason = HttpStatus.getMessage(status);
        String message = status == HttpStatus.PAYLOAD_TOO_LARGE_413
                ? "request body is larger than this route accepts"
                : reason == null ? "request failed" : reason.toLowerCase(java.util.Locale.ROOT);
        JettyResponses.closeAfter(response);
        JettyResponses.error(response, callback, status, message);
        return true;
    }
}
