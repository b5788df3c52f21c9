package net.metacircular.mcq.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers written below Javalin, by the handlers that guard the listener:
 * the same {@code {"error": ...}} body and default headers as the REST API,
 * or, on the MCP endpoint, a JSON-RPC error object (its id is null: the
 * request was refused before its body was read), so that an agent's MCP
 * client sees a protocol answer it understands.
 */
final class JettyResponses {

    private JettyResponses() {
    }

    /** JSON-RPC's "invalid request" and "internal error" codes. */
    private static final int JSON_RPC_INVALID_REQUEST = -32600;
    private static final int JSON_RPC_INTERNAL_ERROR = -32603;

    /**
     * Says the connection closes after this answer. Jetty closes it when a
     * request's body is left unread or after an error it raised itself;
     * without this header a client that pools connections sends its next
     * request into the closing socket and gets no answer at all.
     */
    static void closeAfter(Response response) {
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    }

    static void error(Response response, Callback callback, int status, String message) {
        response.setStatus(status);
        HttpServer.DEFAULT_HEADERS.forEach((name, value) -> response.getHeaders().put(name, value));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        boolean mcp = Request.getPathInContext(response.getRequest()).equals(BodyLimits.MCP_PATH);
        byte[] body = mcp ? jsonRpcErrorJson(status, message) : errorJson(message);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static byte[] jsonRpcErrorJson(int status, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", status >= 500 ? JSON_RPC_INTERNAL_ERROR : JSON_RPC_INVALID_REQUEST);
        error.put("message", message);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("id", null);
        body.put("error", error);
        return encode(body);
    }

    static byte[] errorJson(String message) {
        return encode(Map.of("error", message));
    }

    private static byte[] encode(Map<String, Object> body) {
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode an error message", e);
        }
    }
}
