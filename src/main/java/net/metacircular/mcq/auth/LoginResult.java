package net.metacircular.mcq.auth;

import java.time.Instant;

/** A bearer token issued by MCIAS. */
public record LoginResult(String token, Instant expiresAt) {

    /** The token is a secret: it must never reach a log line through toString. */
    @Override
    public String toString() {
        return "LoginResult[token=<redacted>, expiresAt=" + expiresAt + "]";
    }
}
