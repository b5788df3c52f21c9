package net.metacircular.mcq.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import net.metacircular.mcq.http.Json;

import java.io.IOException;

/**
 * An MCP request answered with a JSON-RPC error instead of being processed:
 * {@code {"jsonrpc":"2.0","id":...,"error":{"code":...,"message":...}}},
 * with the request's id when it could be read and null otherwise. The
 * message says what was wrong; it never carries exception details.
 */
final class JsonRpcRefusal extends RuntimeException {

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;

    private final int status;
    private final transient JsonNode id;
    private final int code;

    JsonRpcRefusal(int status, JsonNode id, int code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.id = id == null ? NullNode.getInstance() : id;
        this.code = code;
    }

    int status() {
        return status;
    }

    int code() {
        return code;
    }

    JsonNode id() {
        return id;
    }

    /** Writes this refusal as the whole response. */
    void writeTo(HttpServletResponse response) throws IOException {
        write(response, status, id, code, getMessage());
    }

    static void write(HttpServletResponse response, int status, JsonNode id, int code, String message)
            throws IOException {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("jsonrpc", "2.0");
        body.set("id", id == null ? NullNode.getInstance() : id);
        body.putObject("error").put("code", code).put("message", message);
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }
}
