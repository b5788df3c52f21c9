package net.metacircular.mcq.devidp;

import java.time.Instant;
import java.util.List;

/** The claims of a token this provider issued, after its signature and expiry were checked. */
record TokenClaims(
        String subject,
        String username,
        DevIdpConfig.AccountType accountType,
        List<String> roles,
        Instant issuedAt,
        Instant expiresAt,
        String tokenId) {

    TokenClaims {
        roles = List.copyOf(roles);
    }
}
