package net.metacircular.mcq.devidp;

import net.metacircular.mcq.testing.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenIssuerTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00.750Z"));
    private final TokenIssuer issuer = new TokenIssuer(Ed25519Keys.generate(), clock);
    private final DevAccount alice = DevAccount.from(
            DevIdpConfig.Account.human("alice", "pw", List.of("user")), Duration.ofHours(12));

    @Test
    void issuesEdDsaTokensWithTheMciasClaims() throws Exception {
        TokenIssuer.Issued issued = issuer.issue(alice);

        SignedJWT jwt = SignedJWT.parse(issued.token());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(DevAccount.subjectFor("alice"));
        assertThat(claims.getStringClaim("username")).isEqualTo("alice");
        assertThat(claims.getStringClaim("account_type")).isEqualTo("human");
        assertThat(claims.getStringListClaim("roles")).containsExactly("user");
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(Instant.parse("2026-03-01T22:00:00Z"));
        assertThat(issued.expiresAt()).isEqualTo(claims.getExpirationTime().toInstant());
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(issuer.issue(alice).token()).isNotEqualTo(issued.token());
    }

    @Test
    void verifiesItsOwnTokensUntilTheyExpire() {
        String token = issuer.issue(alice).token();
        assertThat(issuer.verify(token)).map(TokenClaims::username).contains("alice");

        clock.advance(Duration.ofHours(12).minusSeconds(1));
        assertThat(issuer.verify(token)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(issuer.verify(token)).isEmpty();
    }

    @Test
    void rejectsTokensOfAnotherKeyAndGarbage() {
        TokenIssuer other = new TokenIssuer(Ed25519Keys.generate(), clock);
        assertThat(issuer.verify(other.issue(alice).token())).isEmpty();
        assertThat(issuer.verify("garbage")).isEmpty();
        assertThat(issuer.verify("a.b.c")).isEmpty();
        assertThat(issuer.verify("")).isEmpty();
        assertThat(issuer.verify(null)).isEmpty();
    }

    @Test
    void revocationListForgetsEntriesOnlyAfterExpiry() {
        RevocationList revoked = new RevocationList(clock);
        TokenClaims claims = issuer.verify(issuer.issue(alice).token()).orElseThrow();
        assertThat(revoked.isRevoked(claims)).isFalse();
        revoked.revoke(claims);
        assertThat(revoked.isRevoked(claims)).isTrue();
        clock.advance(Duration.ofHours(13));
        revoked.revoke(issuer.verify(issuer.issue(alice).token()).orElseThrow());
        assertThat(revoked.isRevoked(claims)).isFalse();
    }
}
