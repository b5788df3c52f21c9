package net.metacircular.mcq.devidp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time passwords with the parameters every authenticator app uses:
 * HMAC-SHA1, 30 second steps, 6 digits. Verification accepts one step either side so a code typed
 * just as it rolls over, or on a slightly skewed clock, still works.
 */
public final class Totp {
    public static final long STEP_SECONDS = 30;
    public static final int DIGITS = 6;
    public static final int WINDOW_STEPS = 1;

    private Totp() {
    }

    /** The code for the step containing {@code instant}; tests use it to log in as a TOTP account. */
    public static String code(String base32Secret, Instant instant) {
        return code(Base32.decode(base32Secret), Math.floorDiv(instant.getEpochSecond(), STEP_SECONDS));
    }

    /** True when {@code candidate} is the code of the current step or of one step either side. */
    public static boolean verify(String base32Secret, String candidate, Instant now) {
        return matchingStep(base32Secret, candidate, now).isPresent();
    }

    /**
     * The time step whose code {@code candidate} is, among the current step and one either side,
     * or empty. Callers remember it to refuse the same code a second time.
     */
    public static OptionalLong matchingStep(String base32Secret, String candidate, Instant now) {
        if (candidate == null || candidate.length() != DIGITS) {
            return OptionalLong.empty();
        }
        byte[] key = Base32.decode(base32Secret);
        byte[] given = candidate.getBytes(StandardCharsets.US_ASCII);
        long step = Math.floorDiv(now.getEpochSecond(), STEP_SECONDS);
        long matched = Long.MIN_VALUE;
        // Check every step without stopping early so the time taken does not say which one matched.
        for (long s = step - WINDOW_STEPS; s <= step + WINDOW_STEPS; s++) {
            byte[] expected = code(key, s).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, given)) {
                matched = s;
            }
        }
        return matched == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(matched);
    }

    static String code(byte[] key, long counter) {
        byte[] hash;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(counter).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
        // Dynamic truncation, RFC 4226 section 5.3.
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24)
                | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8)
                | (hash[offset + 3] & 0xff);
        int otp = binary % 1_000_000;
        return String.format("%06d", otp);
    }
}
