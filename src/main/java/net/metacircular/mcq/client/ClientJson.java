package net.metacircular.mcq.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import net.metacircular.mcq.documents.ReviewStatus;

import java.io.IOException;

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
            .registerModule(new SimpleModule().addDeserializer(ReviewStatus.class, new ReviewStatusReader()))
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ClientJson() {
    }

    /** {@code review_status} travels as its wire name ({@code changes_requested}), not the constant's name. */
    private static final class ReviewStatusReader extends JsonDeserializer<ReviewStatus> {
        @Override
        public ReviewStatus deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String name = parser.getValueAsString();
            try {
                return ReviewStatus.fromWireName(name);
            } catch (IllegalArgumentException e) {
                // A newer server's status: shown as pending rather than failing the whole answer.
                return ReviewStatus.PENDING;
            }
        }
    }
}
