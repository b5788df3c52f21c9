package net.metacircular.mcq.documents;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 of a body's UTF-8 bytes, in lower-case hex: how a revision's content is named. */
public final class BodyHash {

    private BodyHash() {
    }

    public static String of(String body) {
        return of(body.getBytes(StandardCharsets.UTF_8));
    }

    /** The same from bytes already encoded. */
    public static String of(byte[] utf8) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(utf8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
