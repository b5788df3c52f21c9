package net.metacircular.mcq.http;

import net.metacircular.mcq.text.StrictUtf8;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import net.metacircular.mcq.ServiceException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a JSON request body defensively: content type first, then size
 * (before anything is parsed), then strict UTF-8, then JSON, then the
 * expected fields. Each failure is a 4xx with a message that says what to fix.
 */
public final class JsonRequest {

    private final JsonNode root;

    private JsonRequest(JsonNode root) {
        this.root = root;
    }

    /**
     * @param fields the only field names allowed; a typo such as "titel" is an error, not ignored
     */
    public static JsonRequest read(Context ctx, long maxBytes, Set<String> fields) {
        checkContentType(ctx);
        byte[] bytes = readBounded(ctx, maxBytes);
        StrictUtf8.check(bytes, "request body");
        if (startsWithNul(bytes)) {
            // Valid UTF-8 but never valid JSON; the parser would take it for UTF-16 or UTF-32.
            throw ServiceException.invalid("request body is not valid JSON: it starts with a NUL byte");
        }
        JsonNode root;
        try {
            // Parsed from the bytes, checked above: no second copy of the text as a String.
            root = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ServiceException.invalid("request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ServiceException.invalid("request body is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw ServiceException.invalid("request body must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String name = field.getKey();
            if (!fields.contains(name)) {
                throw ServiceException.invalid("unknown field \"" + name + "\"; expected " + String.join(", ", fields));
            }
        }
        return new JsonRequest(root);
    }

    /** A string field; null when absent or JSON null. */
    public String string(String name) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ServiceException.invalid("field \"" + name + "\" must be a string");
        }
        return node.textValue();
    }

    /** A whole-number field; null when absent or JSON null. */
    public Long integer(String name) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw ServiceException.invalid("field \"" + name + "\" must be a whole number");
        }
        return node.longValue();
    }

    /** A NUL among the first four bytes, where the parser looks to tell UTF-8 from UTF-16 and UTF-32. */
    private static boolean startsWithNul(byte[] bytes) {
        for (int i = 0; i < Math.min(4, bytes.length); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static void checkContentType(Context ctx) {
        String type = ctx.header("Content-Type");
        String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw new UnsupportedMediaType("Content-Type must be application/json"
                    + (type == null ? "" : " (got \"" + type + "\")"));
        }
        if (type.toLowerCase(Locale.ROOT).contains("charset=")
                && !type.toLowerCase(Locale.ROOT).replace(" ", "").contains("charset=utf-8")) {
            throw new UnsupportedMediaType("JSON must be encoded as UTF-8 (got \"" + type + "\")");
        }
    }

    private static byte[] readBounded(Context ctx, long maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return bytes;
        } catch (IOException e) {
            throw ServiceException.invalid("could not read the request body: " + e.getMessage());
        }
    }

    private static ServiceException tooLarge(long maxBytes) {
        return new ServiceException(ServiceException.Kind.TOO_LARGE,
                "request body is larger than " + maxBytes + " bytes");
    }

    /** 415: REST-only, so it is not a service-layer failure kind. */
    public static final class UnsupportedMediaType extends RuntimeException {
        public UnsupportedMediaType(String message) {
            super(message);
        }
    }
}
