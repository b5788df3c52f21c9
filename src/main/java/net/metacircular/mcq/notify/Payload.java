package net.metacircular.mcq.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.metacircular.mcq.config.Config;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message written in a target's format: the body and headers of the
 * {@code POST}.
 *
 * <ul>
 * <li>{@code ntfy} (ntfy's publish API): the text as the body; {@code Title}
 * (the document's title), {@code Click} (the link, when there is one) and
 * {@code Tags} (an emoji name) as headers. Header values are bytes, so a
 * title beyond printable ASCII goes as an RFC 2047 encoded word, which ntfy
 * decodes.</li>
 * <li>{@code json}: {@code {"event", "slug", "title", "revision", "by", "url", "at"}}
 * ({@code url} absent without a public URL).</li>
 * </ul>
 */
record Payload(String contentType, byte[] body, Map<String, String> headers) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Payload of(Config.NotifyFormat format, Message message) {
        return switch (format) {
            case NTFY -> ntfy(message);
            case JSON -> json(message);
        };
    }

    private static Payload ntfy(Message message) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Title", headerValue(message.title()));
        if (message.url() != null) {
            headers.put("Click", message.url());
        }
        headers.put("Tags", message.event() == Message.Event.PUSHED ? "memo" : "speech_balloon");
        return new Payload("text/plain; charset=utf-8", message.text().getBytes(StandardCharsets.UTF_8), headers);
    }

    private static Payload json(Message message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event", message.event().wireName());
        fields.put("slug", message.slug());
        fields.put("title", message.title());
        fields.put("revision", message.revision());
        fields.put("by", message.by());
        if (message.url() != null) {
            fields.put("url", message.url());
        }
        fields.put("at", message.at().toString());
        try {
            return new Payload("application/json", JSON.writeValueAsBytes(fields), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a notification could not be written as JSON", e);
        }
    }

    /** Printable ASCII as it is; anything else as one RFC 2047 encoded word of UTF-8. */
    static String headerValue(String text) {
        boolean plain = text.chars().allMatch(c -> c >= 0x20 && c < 0x7f) && !text.contains("=?");
        return plain ? text
                : "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }
}
