package net.metacircular.mcq.devidp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoginApiTest extends ProviderFixture {
    private static final String TOTP_SECRET = "JBSWY3DPEHPK3PXP";

    @Test
    void loginReturnsATokenAndItsExpiry() {
        HttpResponse<String> response = http.login("admin", "admin-dev-password", null, "mcq");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/json"));
        JsonNode body = IdpHttp.json(response);
        assertThat(body.get("token").asText()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat(body.get("expires_at").asText()).isEqualTo("2026-03-01T22:00:00Z");
    }

    @Test
    void wrongPasswordUnknownUserAndMissingFieldsAre401() {
        assertUnauthorized(http.login("admin", "wrong", null, "mcq"));
        assertUnauthorized(http.login("nobody", "admin-dev-password", null, "mcq"));
        assertUnauthorized(http.postJson("/v1/auth/login", Map.of("service_name", "mcq")));
    }

    @Test
    void systemAccountsCannotLogInWithAPassword() {
        assertUnauthorized(http.login("ci-bot", "", null, "mcq"));
    }

    @Test
    void malformedBodyIs400() {
        HttpResponse<String> response = http.postRaw("/v1/auth/login", "{not json", "application/json", Map.of());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(IdpHttp.json(response).get("error").asText()).isNotBlank();
    }

    @Test
    void serviceAllowListDeniesWith403OnlyAfterTheCredentialsAreRight() {
        HttpResponse<String> denied = http.login("mallory", "mallory-dev-password", null, "mcq");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(IdpHttp.json(denied).get("error").asText()).isNotBlank();

        assertUnauthorized(http.login("mallory", "wrong", null, "mcq"));
        assertThat(http.login("mallory", "mallory-dev-password", null, "some-other-service").statusCode())
                .isEqualTo(200);
    }

    @Test
    void totpAccountNeedsACurrentCode() {
        assertUnauthorized(http.login("totp-user", "totp-dev-password", null, "mcq"));
        assertUnauthorized(http.login("totp-user", "totp-dev-password", "000000", "mcq"));
        String stale = Totp.code(TOTP_SECRET, clock.instant().minusSeconds(120));
        assertUnauthorized(http.login("totp-user", "totp-dev-password", stale, "mcq"));
        // A right code does not rescue a wrong password.
        assertUnauthorized(http.login("totp-user", "wrong", Totp.code(TOTP_SECRET, clock.instant()), "mcq"));

        HttpResponse<String> ok = http.login("totp-user", "totp-dev-password",
                Totp.code(TOTP_SECRET, clock.instant()), "mcq");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(http.validate(IdpHttp.json(ok).get("token").asText()).get("username").asText())
                .isEqualTo("totp-user");
    }

    @Test
    void countsEveryLoginRequest() {
        assertThat(idp.loginCalls()).isZero();
        http.login("alice", "alice-dev-password", null, "mcq");
        http.login("alice", "wrong", null, "mcq");
        http.postRaw("/v1/auth/login", "garbage", "application/json", Map.of());
        assertThat(idp.loginCalls()).isEqualTo(3);
        assertThat(idp.validateCalls()).isZero();
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode body = IdpHttp.json(response);
        assertThat(body.get("error").asText()).isNotBlank();
        assertThat(body.has("token")).isFalse();
    }
}
