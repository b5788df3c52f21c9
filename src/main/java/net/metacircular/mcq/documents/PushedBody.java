package net.metacircular.mcq.documents;

import java.nio.charset.StandardCharsets;

/**
 * A pushed body with what the store records about it, worked out once from
 * the UTF-8 bytes the rules checked: its size and its SHA-256.
 */
public record PushedBody(String text, long utf8Bytes, String sha256) {

    public static PushedBody of(String text) {
        return of(text, text.getBytes(StandardCharsets.UTF_8));
    }

    public static PushedBody of(String text, byte[] utf8) {
        return new PushedBody(text, utf8.length, BodyHash.of(utf8));
    }
}
