package net.metacircular.mcq.devidp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SsoFlowTest extends ProviderFixture {
    private static final String STATE = "st&te=\"<x>\" ü";

    @Test
    void authorizeShowsASignInFormThatPostsToItself() {
        HttpResponse<String> page = http.get("/sso/authorize", request(REDIRECT, STATE));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'").doesNotContain("unsafe-inline");
        String html = page.body();
        assertThat(html).contains("<form method=\"post\" action=\"/sso/authorize\">");
        assertThat(html).contains("name=\"username\"", "name=\"password\"", "name=\"totp_code\"");
        assertThat(html).contains("<input type=\"hidden\" name=\"client_id\" value=\"mcq\">");
        assertThat(html).contains("<input type=\"hidden\" name=\"redirect_uri\" value=\"" + REDIRECT + "\">");
        assertThat(html).contains("<input type=\"hidden\" name=\"state\" value=\"st&amp;te=&quot;&lt;x&gt;&quot; ü\">");
        assertThat(html).doesNotContain("<x>").doesNotContain("<script");
    }

    @Test
    void unknownClientWrongRedirectOrMissingStateIs400WithoutRedirect() {
        Map<String, String> unknown = request(REDIRECT, STATE);
        unknown.put("client_id", "evil");
        assertRejected(http.get("/sso/authorize", unknown));
        assertRejected(http.get("/sso/authorize", request("http://evil.example/cb", STATE)));
        assertRejected(http.get("/sso/authorize", request(REDIRECT + "/", STATE)));
        assertRejected(http.get("/sso/authorize", request(REDIRECT + "?x=1", STATE)));
        Map<String, String> noState = request(REDIRECT, STATE);
        noState.remove("state");
        assertRejected(http.get("/sso/authorize", noState));
    }

    @Test
    void rejectionPageEscapesWhatItShows() {
        Map<String, String> evil = request("http://x/<script>", STATE);
        HttpResponse<String> page = http.get("/sso/authorize", evil);
        assertRejected(page);
        assertThat(page.body()).doesNotContain("<script");
    }

    @Test
    void signingInRedirectsWithCodeAndStateAndTheCodeWorksOnce() {
        HttpResponse<String> redirect = submit("alice", "alice-dev-password", null, REDIRECT);

        assertThat(redirect.statusCode()).isEqualTo(302);
        URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        assertThat(location.getScheme() + "://" + location.getRawAuthority() + location.getRawPath())
                .isEqualTo(REDIRECT);
        Map<String, String> query = query(location);
        assertThat(query).containsOnlyKeys("code", "state");
        assertThat(query.get("state")).isEqualTo(STATE);

        HttpResponse<String> exchanged = exchange(query.get("code"), "mcq", REDIRECT);
        assertThat(exchanged.statusCode()).isEqualTo(200);
        JsonNode body = IdpHttp.json(exchanged);
        assertThat(body.get("expires_at").asText()).isEqualTo("2026-03-01T22:00:00Z");
        JsonNode who = http.validate(body.get("token").asText());
        assertThat(who.get("valid").asBoolean()).isTrue();
        assertThat(who.get("username").asText()).isEqualTo("alice");
        assertThat(who.get("roles")).extracting(JsonNode::asText).containsExactly("user");

        HttpResponse<String> again = exchange(query.get("code"), "mcq", REDIRECT);
        assertThat(again.statusCode()).isIn(400, 401);
        assertThat(IdpHttp.json(again).get("error").asText()).isNotBlank();
        assertThat(IdpHttp.json(again).has("token")).isFalse();
    }

    @Test
    void codeExchangeWithAnotherRedirectUriOrClientIsRefused() {
        String code = codeFor("alice", "alice-dev-password");
        HttpResponse<String> wrongRedirect = exchange(code, "mcq", "http://127.0.0.1:18080/other");
        assertThat(wrongRedirect.statusCode()).isIn(400, 401);
        assertThat(IdpHttp.json(wrongRedirect).has("token")).isFalse();

        HttpResponse<String> wrongClient = exchange(codeFor("alice", "alice-dev-password"), "other", REDIRECT);
        assertThat(wrongClient.statusCode()).isIn(400, 401);

        HttpResponse<String> missing = http.postJson("/v1/sso/token", Map.of("code", code));
        assertThat(missing.statusCode()).isEqualTo(400);
    }

    @Test
    void codeExpiresAfterSixtySeconds() {
        String code = codeFor("alice", "alice-dev-password");
        clock.advance(Duration.ofSeconds(60));
        assertThat(exchange(code, "mcq", REDIRECT).statusCode()).isIn(400, 401);
    }

    @Test
    void wrongPasswordShowsTheFormAgainWithAnError() {
        HttpResponse<String> page = submit("alice", "hunter2-typo", null, REDIRECT);

        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.headers().firstValue("Location")).isEmpty();
        assertThat(page.body()).contains("role=\"alert\"", "<form method=\"post\" action=\"/sso/authorize\">");
        assertThat(page.body()).contains("name=\"username\" autocomplete=\"username\" required autofocus value=\"alice\"");
        assertThat(page.body()).contains("st&amp;te=").doesNotContain("hunter2-typo");
    }

    @Test
    void loginPolicyAppliesToTheClientsService() {
        HttpResponse<String> page = submit("mallory", "mallory-dev-password", null, REDIRECT);
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.headers().firstValue("Location")).isEmpty();
        assertThat(page.body()).contains("may not sign in to mcq");
    }

    @Test
    void totpAccountSignsInWithACurrentCode() {
        assertThat(submit("totp-user", "totp-dev-password", "", REDIRECT).statusCode()).isEqualTo(401);
        String code = Totp.code("JBSWY3DPEHPK3PXP", clock.instant());
        assertThat(submit("totp-user", "totp-dev-password", code, REDIRECT).statusCode()).isEqualTo(302);
    }

    @Test
    void editedHiddenRedirectUriIsRefusedWithoutRedirect() {
        assertRejected(submit("alice", "alice-dev-password", null, "http://evil.example/cb"));
    }

    @Test
    void ssoSignInsAreNotCountedAsApiLogins() {
        codeFor("alice", "alice-dev-password");
        assertThat(idp.loginCalls()).isZero();
    }

    private String codeFor(String username, String password) {
        HttpResponse<String> redirect = submit(username, password, null, REDIRECT);
        assertThat(redirect.statusCode()).isEqualTo(302);
        return query(URI.create(redirect.headers().firstValue("Location").orElseThrow())).get("code");
    }

    private HttpResponse<String> submit(String username, String password, String totp, String redirectUri) {
        Map<String, String> form = request(redirectUri, STATE);
        form.put("username", username);
        form.put("password", password);
        if (totp != null) {
            form.put("totp_code", totp);
        }
        return http.postForm("/sso/authorize", form);
    }

    private HttpResponse<String> exchange(String code, String clientId, String redirectUri) {
        return http.postJson("/v1/sso/token", Map.of("code", code, "client_id", clientId, "redirect_uri", redirectUri));
    }

    private static Map<String, String> request(String redirectUri, String state) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("client_id", "mcq");
        q.put("redirect_uri", redirectUri);
        q.put("state", state);
        return q;
    }

    private static void assertRejected(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.body()).contains("Sign-in request rejected").doesNotContain("<form");
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
