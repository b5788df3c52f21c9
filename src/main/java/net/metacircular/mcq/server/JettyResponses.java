package net.metacircular.mcq.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Answers written below Javalin, by the handlers that guard the listener:
 * the same {@code {"error": ...}} body and default headers as the REST API.
 */
final class JettyResponses {

    private JettyResponses() {
    }

    static void error(Response response, Callback callback, int status, String message) {
        response.setStatus(status);
        HttpServer.DEFAULT_HEADERS.forEach((name, value) -> response.getHeaders().put(name, value));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(errorJson(message)), callback);
    }

    static byte[] errorJson(String message) {
        try {
            return Json.MAPPER.writeValueAsBytes(Map.of("error", message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode an error message", e);
        }
    }
}
