package net.metacircular.mcq.devidp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Reading request bodies and writing responses as JSON. Done by hand with one ObjectMapper rather
 * than through Javalin's mapper so the wire format here does not depend on MCQ's server setup.
 */
final class JsonIo {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonIo() {
    }

    /** Thrown for a body that is not a JSON object; answered with 400. */
    static final class MalformedRequest extends RuntimeException {
        MalformedRequest(String message) {
            super(message, null, false, false);
        }
    }

    static ObjectNode object(Context ctx) {
        JsonNode node;
        try {
            node = MAPPER.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw new MalformedRequest("request body is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new MalformedRequest("request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** A string field, or null when absent or not a string. */
    static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    static void respond(Context ctx, int status, Map<String, ?> body) {
        try {
            ctx.status(status)
                    .header("Cache-Control", "no-store")
                    .contentType(ContentType.APPLICATION_JSON)
                    .result(MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response is not serializable", e);
        }
    }

    static void error(Context ctx, int status, String message) {
        respond(ctx, status, Map.of("error", message));
    }
}
