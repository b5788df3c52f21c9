package net.metacircular.mcq.devidp;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 password hashing. Even a development provider hashes its passwords at load so
 * the plaintext from the configuration is not kept in memory for the life of the process, and so
 * the comparison path is the same constant-time one a real identity service uses.
 */
public final class PasswordHasher {
    /**
     * Below current production advice (600k), on purpose: tests start many providers and log in
     * often, and these passwords are printed on the console anyway.
     */
    static final int ITERATIONS = 100_000;
    private static final int SALT_BYTES = 16;
    private static final int KEY_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHasher() {
    }

    public static Hash hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new Hash(salt, ITERATIONS, derive(password, salt, ITERATIONS));
    }

    static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, KEY_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** A salted hash; holds no trace of the password it came from. */
    public record Hash(byte[] salt, int iterations, byte[] derived) {

        public Hash {
            salt = salt.clone();
            derived = derived.clone();
        }

        @Override
        public byte[] salt() {
            return salt.clone();
        }

        @Override
        public byte[] derived() {
            return derived.clone();
        }

        /** Constant-time comparison, so response times say nothing about how close a guess was. */
        public boolean matches(String candidate) {
            if (candidate == null) {
                return false;
            }
            return MessageDigest.isEqual(derived, derive(candidate, salt, iterations));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Hash h && iterations == h.iterations
                    && Arrays.equals(salt, h.salt) && Arrays.equals(derived, h.derived);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(salt) + Arrays.hashCode(derived);
        }

        @Override
        public String toString() {
            return "Hash[PBKDF2WithHmacSHA256, iterations=" + iterations + "]";
        }
    }
}
