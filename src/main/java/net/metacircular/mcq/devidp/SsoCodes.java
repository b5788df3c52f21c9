package net.metacircular.mcq.devidp;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authorization codes of the SSO flow: random, single-use, valid for 60 seconds and bound to the
 * client and redirect URI they were issued for, as OAuth 2.0 prescribes.
 */
final class SsoCodes {
    static final Duration LIFETIME = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final Clock clock;

    SsoCodes(Clock clock) {
        this.clock = clock;
    }

    private record Grant(String username, String clientId, String redirectUri, Instant expiresAt) {
    }

    String issue(String username, String clientId, String redirectUri) {
        Instant now = clock.instant();
        grants.values().removeIf(g -> !now.isBefore(g.expiresAt()));
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        grants.put(code, new Grant(username, clientId, redirectUri, now.plus(LIFETIME)));
        return code;
    }

    /**
     * The username the code was issued for. The code is consumed by the first attempt, even a
     * failed one: a code presented with the wrong client or redirect URI may have leaked, so it
     * must not work afterwards either.
     */
    Optional<String> redeem(String code, String clientId, String redirectUri) {
        if (code == null) {
            return Optional.empty();
        }
        Grant grant = grants.remove(code);
        if (grant == null
                || !clock.instant().isBefore(grant.expiresAt())
                || !grant.clientId().equals(clientId)
                || !grant.redirectUri().equals(redirectUri)) {
            return Optional.empty();
        }
        return Optional.of(grant.username());
    }
}
