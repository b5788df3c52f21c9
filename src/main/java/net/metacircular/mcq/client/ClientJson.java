package net.metacircular.mcq.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * JSON as the REST API speaks it (snake_case names, RFC 3339 times), for the
 * client side. The server's {@code http.Json} has the same names and times
 * but also writes to the web framework's responses, and loading it would
 * load the framework into every {@code mcq push}. Unknown fields are
 * ignored: a newer server may add some.
 */
final class ClientJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ClientJson() {
    }
}
