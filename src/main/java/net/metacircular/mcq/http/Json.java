package net.metacircular.mcq.http;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;

import java.util.Map;

/**
 * JSON as the REST API speaks it: snake_case field names, RFC 3339 UTC times,
 * and strict parsing (duplicate keys and trailing garbage are errors).
 */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /**
     * Streams the JSON straight into the response buffer: building a byte
     * array first would copy a multi-megabyte document several times.
     */
    public static void write(Context ctx, int status, Object value) {
        ctx.status(status).contentType("application/json");
        try {
            MAPPER.writeValue(ctx.outputStream(), value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write response", e);
        }
    }

    /**
     * Writes already encoded JSON, in parts, straight to the connection with
     * its length: large arrays go to the socket without being copied
     * through intermediate buffers.
     */
    public static void writeEncoded(Context ctx, byte[]... parts) {
        long length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ctx.status(200).contentType("application/json");
        ctx.res().setContentLengthLong(length);
        try {
            var out = ctx.res().getOutputStream();
            for (byte[] part : parts) {
                out.write(part);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write response", e);
        }
    }

    public static void error(Context ctx, int status, String message) {
        write(ctx, status, Map.of("error", message));
    }
}
