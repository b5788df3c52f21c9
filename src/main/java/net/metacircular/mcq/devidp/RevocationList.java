package net.metacircular.mcq.devidp;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token ids revoked by logout. In memory only: a restarted devserver has a new signing key, so
 * nothing issued before the restart validates anyway. Entries are dropped once the token would
 * have expired, since an expired token is invalid without help.
 */
final class RevocationList {
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final Clock clock;

    RevocationList(Clock clock) {
        this.clock = clock;
    }

    void revoke(TokenClaims claims) {
        Instant now = clock.instant();
        revoked.values().removeIf(expiry -> !now.isBefore(expiry));
        revoked.put(claims.tokenId(), claims.expiresAt());
    }

    boolean isRevoked(TokenClaims claims) {
        return revoked.containsKey(claims.tokenId());
    }
}
