package net.metacircular.mcq.devidp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidateApiTest extends ProviderFixture {

    @Test
    void validTokenReportsTheAccount() {
        String token = http.token("admin", "admin-dev-password");

        JsonNode body = http.validate(token);
        assertThat(body.get("valid").asBoolean()).isTrue();
        assertThat(body.get("sub").asText()).isEqualTo(DevAccount.subjectFor("admin"));
        assertThat(body.get("username").asText()).isEqualTo("admin");
        assertThat(body.get("account_type").asText()).isEqualTo("human");
        assertThat(body.get("roles")).extracting(JsonNode::asText).containsExactly("admin", "user");
        assertThat(body.get("expires_at").asText()).isEqualTo("2026-03-01T22:00:00Z");
    }

    @Test
    void subjectIsStableAcrossProviderInstances() {
        String first = http.validate(http.token("alice", "alice-dev-password")).get("sub").asText();
        try (DevIdentityProvider other = new DevIdentityProvider(DevIdpConfig.defaults(REDIRECT), clock).start()) {
            IdpHttp otherHttp = new IdpHttp(other.baseUrl());
            String second = otherHttp.validate(otherHttp.token("alice", "alice-dev-password")).get("sub").asText();
            assertThat(second).isEqualTo(first);
        }
    }

    @Test
    void garbageAndMissingTokensAreInvalidNotErrors() {
        for (String garbage : new String[] {"garbage", "", "a.b.c", "eyJhbGciOiJub25lIn0.e30."}) {
            assertThat(http.validate(garbage).toString()).isEqualTo("{\"valid\":false}");
        }
        HttpResponse<String> noToken = http.postJson("/v1/token/validate", Map.of());
        assertThat(noToken.statusCode()).isEqualTo(200);
        assertThat(IdpHttp.json(noToken).get("valid").asBoolean()).isFalse();
    }

    @Test
    void tokenExpiresWithTheClock() {
        String token = http.token("alice", "alice-dev-password");
        clock.advance(Duration.ofHours(12).minusSeconds(1));
        assertThat(http.validate(token).get("valid").asBoolean()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(http.validate(token).toString()).isEqualTo("{\"valid\":false}");
    }

    @Test
    void logoutRevokesTheTokenAndOnlyThatToken() {
        String token = http.token("alice", "alice-dev-password");
        String other = http.token("alice", "alice-dev-password");

        assertThat(http.logout(token).statusCode()).isEqualTo(204);
        assertThat(http.validate(token).toString()).isEqualTo("{\"valid\":false}");
        assertThat(http.validate(other).get("valid").asBoolean()).isTrue();
        // A revoked token cannot log out again.
        assertThat(http.logout(token).statusCode()).isEqualTo(401);
    }

    @Test
    void logoutWithoutAValidBearerTokenIs401() {
        assertThat(http.logout("garbage").statusCode()).isEqualTo(401);
        HttpResponse<String> none = http.postRaw("/v1/auth/logout", "", "application/json", Map.of());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(IdpHttp.json(none).get("error").asText()).isNotBlank();
    }

    @Test
    void systemTokenValidatesAsASystemAccountWithoutRoles() {
        String token = idp.systemToken("ci-bot");

        JsonNode body = http.validate(token);
        assertThat(body.get("valid").asBoolean()).isTrue();
        assertThat(body.get("username").asText()).isEqualTo("ci-bot");
        assertThat(body.get("account_type").asText()).isEqualTo("system");
        assertThat(body.get("roles").isArray()).isTrue();
        assertThat(body.get("roles")).isEmpty();
        assertThat(body.get("expires_at").asText()).isEqualTo("2027-03-01T10:00:00Z");
        assertThat(idp.systemTokens()).containsOnlyKeys("ci-bot");
    }

    @Test
    void signatureIsEd25519OverTheJwsSigningInput() throws Exception {
        String token = http.token("alice", "alice-dev-password");
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("EdDSA");
        assertThat(idp.publicKey()).isInstanceOf(EdECPublicKey.class);
        assertThat(((EdECPublicKey) idp.publicKey()).getParams().getName()).isEqualTo("Ed25519");

        String[] parts = token.split("\\.");
        byte[] signature = new Base64URL(parts[2]).decode();
        assertThat(signature).hasSize(64);
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(idp.publicKey());
        jdk.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(jdk.verify(signature)).isTrue();
        assertThat(jwt.verify(new Ed25519JwsVerifier(idp.publicKey()))).isTrue();
    }

    @Test
    void tamperedPayloadOrSignatureIsInvalid() throws Exception {
        String token = http.token("guest", "guest-dev-password");
        String[] parts = token.split("\\.");
        String payload = new String(new Base64URL(parts[1]).decode(), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"guest\"");
        String promoted = payload.replace("[\"guest\"]", "[\"admin\"]");
        assertThat(promoted).isNotEqualTo(payload);

        String tampered = parts[0] + "." + Base64URL.encode(promoted.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(http.validate(tampered).get("valid").asBoolean()).isFalse();

        char last = parts[2].charAt(0);
        String badSignature = parts[0] + "." + parts[1] + "." + (last == 'A' ? 'B' : 'A') + parts[2].substring(1);
        assertThat(http.validate(badSignature).get("valid").asBoolean()).isFalse();

        String unsigned = parts[0] + "." + parts[1] + ".";
        assertThat(http.validate(unsigned).get("valid").asBoolean()).isFalse();
        assertThat(http.validate(token).get("valid").asBoolean()).isTrue();
    }

    @Test
    void tokenOfAnotherProviderInstanceIsInvalid() {
        try (DevIdentityProvider other = new DevIdentityProvider(DevIdpConfig.defaults(REDIRECT), clock).start()) {
            String foreign = new IdpHttp(other.baseUrl()).token("alice", "alice-dev-password");
            assertThat(http.validate(foreign).get("valid").asBoolean()).isFalse();
        }
    }

    @Test
    void countsEveryValidateRequest() {
        String token = http.token("alice", "alice-dev-password");
        assertThat(idp.validateCalls()).isZero();
        http.validate(token);
        http.validate("garbage");
        http.postRaw("/v1/token/validate", "not json", "application/json", Map.of());
        assertThat(idp.validateCalls()).isEqualTo(3);
    }
}
