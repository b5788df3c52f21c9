package net.metacircular.mcq.mcp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import net.metacircular.mcq.http.Json;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One JSON-RPC message posted to the MCP endpoint, read and checked before
 * the MCP SDK sees it. The body is scanned once with a streaming parser, so
 * a large {@code tools/call} is not turned into a tree here; only the
 * envelope (id, method, the kinds of the top-level params) is kept.
 *
 * @param body        the raw body, handed on to the SDK unchanged
 * @param id          the request id, or null for notifications and responses
 * @param method      the method, or null for responses
 * @param params      the kind of {@code params}, or null when absent
 * @param paramKinds  the kind of each field of {@code params} when it is an object
 */
record McpMessage(byte[] body, JsonNode id, String method, JsonToken params, Map<String, JsonToken> paramKinds) {

    static final String INITIALIZE = "initialize";
    static final String TOOLS_CALL = "tools/call";

    /** Methods whose params the MCP schema requires. */
    private static final Set<String> PARAMS_REQUIRED = Set.of(INITIALIZE, TOOLS_CALL, "logging/setLevel",
            "resources/read", "resources/subscribe", "resources/unsubscribe", "prompts/get", "completion/complete");

    boolean isInitialize() {
        return INITIALIZE.equals(method);
    }

    /**
     * Reads and checks a message within {@code limits}: the size (only
     * {@code tools/call} may use the larger limit), the JSON-RPC shape, and
     * params of the right kind for the methods MCQ serves.
     *
     * @throws JsonRpcRefusal when the message must not reach the SDK
     */
    static McpMessage parse(byte[] body, McpLimits limits) {
        McpMessage message = scan(body);
        if (body.length > limits.maxMessageBytes() && !TOOLS_CALL.equals(message.method)) {
            throw new JsonRpcRefusal(413, message.id, JsonRpcRefusal.INVALID_REQUEST,
                    "message too large: " + body.length + " bytes; the limit is " + limits.maxMessageBytes()
                            + " bytes for every message but tools/call");
        }
        message.checkParams();
        return message;
    }

    private void checkParams() {
        if (method == null) {
            return;
        }
        if (params == null && PARAMS_REQUIRED.contains(method)) {
            throw invalidParams(method + " needs params (an object)");
        }
        if (params != null && params != JsonToken.START_OBJECT) {
            throw invalidParams("params must be an object");
        }
        JsonToken meta = paramKinds.get("_meta");
        if (meta != null && meta != JsonToken.START_OBJECT && meta != JsonToken.VALUE_NULL) {
            throw invalidParams("params._meta must be an object");
        }
        if (TOOLS_CALL.equals(method)) {
            if (paramKinds.get("name") != JsonToken.VALUE_STRING) {
                throw invalidParams("tools/call needs params.name, the tool's name as a string");
            }
            JsonToken arguments = paramKinds.get("arguments");
            if (arguments != null && arguments != JsonToken.START_OBJECT && arguments != JsonToken.VALUE_NULL) {
                throw invalidParams("params.arguments must be an object of named arguments");
            }
        } else if (INITIALIZE.equals(method)) {
            if (paramKinds.get("protocolVersion") != JsonToken.VALUE_STRING) {
                throw invalidParams("initialize needs params.protocolVersion as a string");
            }
            if (paramKinds.get("clientInfo") != JsonToken.START_OBJECT) {
                throw invalidParams("initialize needs params.clientInfo as an object");
            }
            JsonToken capabilities = paramKinds.get("capabilities");
            if (capabilities != null && capabilities != JsonToken.START_OBJECT) {
                throw invalidParams("params.capabilities must be an object");
            }
        }
    }

    private JsonRpcRefusal invalidParams(String message) {
        // A JSON-RPC error answering the request: HTTP 200, like any other reply to it.
        return new JsonRpcRefusal(200, id, JsonRpcRefusal.INVALID_PARAMS, "invalid params: " + message);
    }

    private static McpMessage scan(byte[] body) {
        JsonNode id = null;
        String method = null;
        boolean hasMethodField = false;
        boolean hasResult = false;
        boolean badId = false;
        JsonToken params = null;
        Map<String, JsonToken> paramKinds = new HashMap<>();
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                throw new JsonRpcRefusal(400, null, JsonRpcRefusal.INVALID_REQUEST,
                        "JSON-RPC batches are not supported: send one message per request");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new JsonRpcRefusal(400, null, JsonRpcRefusal.INVALID_REQUEST,
                        "the body must be one JSON-RPC message, a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "id" -> {
                        id = idNode(parser, value);
                        if (id == null && value != JsonToken.VALUE_NULL) {
                            badId = true;
                        }
                    }
                    case "method" -> {
                        hasMethodField = true;
                        method = value == JsonToken.VALUE_STRING ? parser.getText() : skip(parser);
                    }
                    case "params" -> {
                        params = value;
                        if (value == JsonToken.START_OBJECT) {
                            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                                String name = parser.currentName();
                                paramKinds.put(name, parser.nextToken());
                                parser.skipChildren();
                            }
                        } else {
                            parser.skipChildren();
                        }
                    }
                    case "result", "error" -> {
                        hasResult = true;
                        parser.skipChildren();
                    }
                    default -> parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new JsonRpcRefusal(400, null, JsonRpcRefusal.PARSE_ERROR, "the body is not valid JSON");
            }
        } catch (IOException e) {
            throw new JsonRpcRefusal(400, null, JsonRpcRefusal.PARSE_ERROR, "the body is not valid JSON");
        }
        if (badId) {
            throw new JsonRpcRefusal(400, null, JsonRpcRefusal.INVALID_REQUEST, "id must be a string or a number");
        }
        if (hasMethodField && method == null) {
            throw new JsonRpcRefusal(400, id, JsonRpcRefusal.INVALID_REQUEST, "method must be a string");
        }
        if (method == null && !hasResult) {
            throw new JsonRpcRefusal(400, id, JsonRpcRefusal.INVALID_REQUEST,
                    "not a JSON-RPC message: it has neither a method nor a result or error");
        }
        return new McpMessage(body, id, method, params, paramKinds);
    }

    /** A JSON-RPC id is a string or a number; anything else is kept as null. */
    private static JsonNode idNode(JsonParser parser, JsonToken value) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (value) {
            case VALUE_STRING -> nodes.textNode(parser.getText());
            case VALUE_NUMBER_INT -> nodes.numberNode(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> nodes.numberNode(parser.getDecimalValue());
            default -> skip(parser);
        };
    }

    private static <T> T skip(JsonParser parser) throws IOException {
        parser.skipChildren();
        return null;
    }
}
