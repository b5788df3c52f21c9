package net.metacircular.mcq.webserver;

import net.metacircular.mcq.cli.Application;
import net.metacircular.mcq.config.Config;
import net.metacircular.mcq.config.ConfigLoader;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in and sign-out over HTTP, without a browser: the messages for each
 * MCIAS answer, the cookies' attributes, the return path (never to another
 * site) and the SSO state check.
 */
class WebSignInTest {

    @TempDir
    static Path dir;

    /**
     * Shared by the tests that neither stop MCIAS nor need a configuration
     * of their own: one signing in with the password form, one through SSO.
     */
    private static TestMcq direct;
    private static TestMcq sso;

    @BeforeAll
    static void start() throws Exception {
        direct = TestMcq.start(Files.createDirectories(dir.resolve("direct")));
        sso = TestMcq.startWithSso(Files.createDirectories(dir.resolve("sso")));
    }

    @AfterAll
    static void stop() {
        try {
            direct.close();
        } finally {
            sso.close();
        }
    }

    private static HttpResponse<String> signIn(WebClient browser, String username, String password, String next) {
        String token = WebClient.csrfToken(browser.get("/login"));
        return browser.post("/login", Map.of("csrf", token, "username", username, "password", password,
                "next", next));
    }

    @Test
    void eachMciasAnswerGetsItsOwnMessage() throws Exception {
        // MCIAS is stopped at the end: a server of its own.
        try (TestMcq mcq = TestMcq.start(Files.createDirectories(dir.resolve("mcias-stops")))) {
            WebClient browser = new WebClient(mcq.baseUrl());
            HttpResponse<String> wrong = signIn(browser, TestMcq.ALICE, "nope", "/");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).contains(SignIn.WRONG_CREDENTIALS.replace("'", "&#39;"))
                    .doesNotContain("not allowed");

            HttpResponse<String> denied = signIn(browser, "mallory", "mallory-dev-password", "/");
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.body()).contains("not allowed to sign in to this service").doesNotContain("Wrong");

            HttpResponse<String> empty = signIn(browser, "", "", "/");
            assertThat(empty.statusCode()).isEqualTo(400);
            assertThat(empty.body()).contains("Enter your username and password.");

            mcq.idp.stop();
            HttpResponse<String> down = signIn(browser, TestMcq.ALICE, TestMcq.ALICE_PASSWORD, "/");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("The identity service (MCIAS) cannot be reached right now");
            assertThat(browser.cookies).doesNotContainKey(Session.COOKIE);
        }
    }

    @Test
    void theSessionCookieIsHttpOnlyLaxAndSecureUnlessTheOperatorRunsPlainHttp() throws Exception {
        try (TestMcq mcq = TestMcq.start(Files.createDirectories(dir.resolve("dev")))) {
            HttpResponse<String> response = signIn(new WebClient(mcq.baseUrl()), TestMcq.ALICE,
                    TestMcq.ALICE_PASSWORD, "/");
            String cookie = WebClient.setCookie(response, Session.COOKIE).orElseThrow();
            assertThat(cookie).contains("; Path=/").contains("; HttpOnly").contains("; SameSite=Lax")
                    .containsPattern("; Max-Age=\\d+").doesNotContain("Secure");
        }
        // The default: cookie_secure is on, and the browser only ever sends the cookie over TLS.
        Path secure = Files.createDirectories(dir.resolve("secure"));
        try (TestMcq mcq = TestMcq.start(secure)) {
            // TestMcq writes cookie_secure = false; start a second application with the default instead.
            String toml = Files.readString(mcq.configFile).replace("cookie_secure = false", "")
                    .replace(secure.resolve("mcq.db").toString(), secure.resolve("other.db").toString());
            Config config = new ConfigLoader(Map.of()).loadToml(toml, "test");
            assertThat(config.web().cookieSecure()).isTrue();
            try (Application app = Application.start(config, mcq.clock)) {
                WebClient browser = new WebClient("http://127.0.0.1:" + app.httpPort());
                HttpResponse<String> form = browser.get("/login");
                assertThat(WebClient.setCookie(form, Csrf.LOGIN_COOKIE).orElseThrow())
                        .contains("; Path=/login").contains("; HttpOnly").endsWith("; Secure");
                HttpResponse<String> response = browser.post("/login", Map.of("csrf", WebClient.csrfToken(form),
                        "username", TestMcq.ALICE, "password", TestMcq.ALICE_PASSWORD, "next", "/"));
                assertThat(WebClient.setCookie(response, Session.COOKIE).orElseThrow())
                        .contains("; HttpOnly").contains("; SameSite=Lax").endsWith("; Secure");
            }
        }
    }

    @Test
    void afterSigningInTheBrowserReturnsToALocalPathOnly() {
        TestMcq mcq = direct;
        String[][] cases = {
                {"/d/some-doc", "/d/some-doc"},
                {"/?x=1", "/?x=1"},
                {"//evil.example/", "/"},
                {"/\\evil.example/", "/"},
                {"https://evil.example/", "/"},
                {"/\t/evil.example", "/"},
                {"evil", "/"},
                {"", "/"},
        };
        for (String[] c : cases) {
            WebClient browser = new WebClient(mcq.baseUrl());
            HttpResponse<String> response = signIn(browser, TestMcq.ALICE, TestMcq.ALICE_PASSWORD, c[0]);
            assertThat(response.statusCode()).as(c[0]).isEqualTo(303);
            assertThat(WebClient.location(response)).as(c[0]).contains(c[1]);
        }
        // The form carries the path it was given, escaped.
        WebClient browser = new WebClient(mcq.baseUrl());
        String page = browser.get("/login?next=" + URLEncoder.encode("/d/a\"><script>", StandardCharsets.UTF_8)).body();
        assertThat(page).doesNotContain("<script>").contains("name=\"next\" value=\"/\"");
    }

    @Test
    void aSignedInBrowserAskingForTheSignInPageGoesOn() {
        TestMcq mcq = direct;
        WebClient browser = new WebClient(mcq.baseUrl());
        signIn(browser, TestMcq.ALICE, TestMcq.ALICE_PASSWORD, "/");
        HttpResponse<String> response = browser.get("/login?next=%2Fd%2Fx");
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(WebClient.location(response)).contains("/d/x");
    }

    @Test
    void signingOutRevokesTheTokenAtMcias() {
        TestMcq mcq = direct;
        WebClient browser = new WebClient(mcq.baseUrl());
        signIn(browser, TestMcq.ALICE, TestMcq.ALICE_PASSWORD, "/");
        String token = browser.cookies.get(Session.COOKIE);
        HttpResponse<String> confirm = browser.get("/logout");
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("Sign out?");
        HttpResponse<String> out = browser.post("/logout", Map.of("csrf", WebClient.csrfToken(confirm)));
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(WebClient.location(out)).contains("/login?signed-out=1");
        assertThat(WebClient.setCookie(out, Session.COOKIE)).get().asString().contains("Max-Age=0");
        // And the browser drops what it kept: the pages kept for reading offline are in its storage.
        assertThat(out.headers().firstValue("Clear-Site-Data")).contains("\"cache\", \"storage\"");
        // The token is dead everywhere, the REST API included.
        assertThat(mcq.get("/v1/documents", token).statusCode()).isEqualTo(401);
    }

    @Test
    void singleSignOnBindsTheAttemptToTheBrowserThatStartedIt() {
        TestMcq mcq = sso;
        WebClient browser = new WebClient(mcq.baseUrl());
        HttpResponse<String> landing = browser.get("/login?next=%2Fd%2Fsome-doc");
        assertThat(landing.body()).contains("Sign in with MCIAS").doesNotContain("type=\"password\"");
        assertThat(browser.post("/login", Map.of("username", "alice")).statusCode()).isIn(404, 405);

        HttpResponse<String> redirect = browser.get("/sso/redirect?next=%2Fd%2Fsome-doc");
        assertThat(redirect.statusCode()).isEqualTo(303);
        URI authorize = URI.create(WebClient.location(redirect).orElseThrow());
        assertThat(authorize.toString()).startsWith(mcq.idp.baseUrl() + "/sso/authorize?client_id=mcq");
        String state = WebClient.setCookie(redirect, SsoFlow.STATE_COOKIE).orElseThrow();
        assertThat(state).contains("; Path=/sso").contains("; HttpOnly").contains("; SameSite=Lax")
                .contains("; Max-Age=600");
        assertThat(WebClient.setCookie(redirect, SsoFlow.RETURN_COOKIE)).get().asString().contains("; Path=/sso");
        String stateValue = browser.cookies.get(SsoFlow.STATE_COOKIE);
        assertThat(authorize.getRawQuery()).contains("state=" + stateValue);

        // A callback with another state (a forged link, or another browser's attempt) is refused.
        HttpResponse<String> forged = browser.get("/sso/callback?code=whatever&state=" + stateValue + "x");
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("could not be completed");
        assertThat(browser.cookies).doesNotContainKey(Session.COOKIE)
                .doesNotContainKey(SsoFlow.STATE_COOKIE);

        // A browser without the state cookie cannot complete anything either.
        HttpResponse<String> noCookie = new WebClient(mcq.baseUrl()).get("/sso/callback?code=x&state=y");
        assertThat(noCookie.statusCode()).isEqualTo(400);
    }

    @Test
    void anEmptyStateWithAnEmptyStateCookieIsRefusedEvenWithARealCode() {
        TestMcq mcq = sso;
        // The attacker signs in at MCIAS with their own account and keeps the code...
        WebClient attacker = new WebClient(mcq.baseUrl());
        URI authorize = URI.create(WebClient.location(attacker.get("/sso/redirect")).orElseThrow());
        Map<String, String> query = new java.util.HashMap<>();
        for (String pair : authorize.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        HttpResponse<String> answered = attacker.post(mcq.idp.baseUrl() + "/sso/authorize", Map.of(
                "client_id", query.get("client_id"), "redirect_uri", query.get("redirect_uri"),
                "state", query.get("state"), "username", TestMcq.ALICE, "password", TestMcq.ALICE_PASSWORD));
        String callback = WebClient.location(answered).orElseThrow();
        String code = callback.replaceFirst(".*[?&]code=([^&]*).*", "$1");

        // ...and sends the victim's browser there with an empty state and an empty state cookie.
        WebClient victim = new WebClient(mcq.baseUrl());
        HttpResponse<String> forged = victim.get("/sso/callback?code=" + code + "&state=",
                Map.of("Cookie", SsoFlow.STATE_COOKIE + "="));
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("could not be completed");
        assertThat(victim.cookies).doesNotContainKey(Session.COOKIE);

        HttpResponse<String> noState = victim.get("/sso/callback?code=" + code,
                Map.of("Cookie", SsoFlow.STATE_COOKIE + "="));
        assertThat(noState.statusCode()).isEqualTo(400);
        assertThat(victim.cookies).doesNotContainKey(Session.COOKIE);
    }

    @Test
    void theSsoReturnPathIsLocalOnly() {
        TestMcq mcq = sso;
        WebClient browser = new WebClient(mcq.baseUrl());
        browser.get("/sso/redirect?next=" + URLEncoder.encode("//evil.example/x", StandardCharsets.UTF_8));
        String stored = new String(java.util.Base64.getUrlDecoder().decode(
                browser.cookies.get(SsoFlow.RETURN_COOKIE)), StandardCharsets.UTF_8);
        assertThat(stored).isEqualTo("/");
    }
}
