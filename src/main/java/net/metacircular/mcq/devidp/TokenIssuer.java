package net.metacircular.mcq.devidp;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.PublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Mints and checks the provider's JWTs: EdDSA/Ed25519 signatures, claims sub, username,
 * account_type, roles, iat, exp, jti. Expiry is judged by the injected clock, not by Nimbus's
 * claim verifier, so tests can move time forward.
 */
final class TokenIssuer {
    private final Clock clock;
    private final PublicKey publicKey;
    private final Ed25519JwsSigner signer;
    private final Ed25519JwsVerifier verifier;
    private final String keyId = UUID.randomUUID().toString();

    TokenIssuer(KeyPair keyPair, Clock clock) {
        this.clock = clock;
        this.publicKey = keyPair.getPublic();
        this.signer = new Ed25519JwsSigner(keyPair.getPrivate());
        this.verifier = new Ed25519JwsVerifier(keyPair.getPublic());
    }

    /** A freshly signed token and the expiry to report next to it. */
    record Issued(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[expiresAt=" + expiresAt + "]"; // never print the bearer token itself
        }
    }

    Issued issue(DevAccount account) {
        return issue(account, account.tokenTtl());
    }

    Issued issue(DevAccount account, Duration ttl) {
        // JWT times have whole seconds; truncating here keeps expires_at equal to exp.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(ttl);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(account.subject())
                .claim("username", account.username())
                .claim("account_type", account.type().wireName())
                .claim("roles", account.roles())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.EdDSA)
                .type(JOSEObjectType.JWT)
                .keyID(keyId)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
        return new Issued(jwt.serialize(), expires);
    }

    /** The claims of a well-formed, correctly signed, unexpired token; empty for anything else. */
    Optional<TokenClaims> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token.strip());
            if (!JWSAlgorithm.EdDSA.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            Date exp = c.getExpirationTime();
            Date iat = c.getIssueTime();
            String username = c.getStringClaim("username");
            String type = c.getStringClaim("account_type");
            List<String> roles = c.getStringListClaim("roles");
            if (exp == null || iat == null || c.getSubject() == null || c.getJWTID() == null
                    || username == null || type == null) {
                return Optional.empty();
            }
            if (!clock.instant().isBefore(exp.toInstant())) {
                return Optional.empty();
            }
            return Optional.of(new TokenClaims(
                    c.getSubject(),
                    username,
                    DevIdpConfig.AccountType.fromWireName(type),
                    roles == null ? List.of() : roles,
                    iat.toInstant(),
                    exp.toInstant(),
                    c.getJWTID()));
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    PublicKey publicKey() {
        return publicKey;
    }
}
