package net.metacircular.mcq.webserver;

import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every form POST needs this session's token and, when the browser names an
 * origin, this site's origin. Refused requests answer 403 and change nothing.
 */
class WebCsrfTest {

    @TempDir
    static Path dir;
    static TestMcq mcq;

    WebClient alice;
    String aliceToken;

    @BeforeAll
    static void start() {
        mcq = TestMcq.start(dir);
    }

    @AfterAll
    static void stop() {
        mcq.close();
    }

    @BeforeEach
    void aliceReadsADocument() {
        assertThat(mcq.push("csrf-doc", "CSRF target", "# Target\n", mcq.systemToken()).statusCode()).isIn(200, 201);
        alice = new WebClient(mcq.baseUrl());
        assertThat(alice.signIn(TestMcq.ALICE, TestMcq.ALICE_PASSWORD).statusCode()).isEqualTo(303);
        aliceToken = WebClient.csrfToken(alice.get("/d/csrf-doc"));
    }

    private boolean isRead() {
        return TestMcq.json(mcq.get("/v1/documents/csrf-doc", mcq.systemToken())).path("read").asBoolean();
    }

    private boolean exists() {
        return mcq.get("/v1/documents/csrf-doc", mcq.systemToken()).statusCode() == 200;
    }

    private static void assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("This form cannot be accepted").contains("Nothing was changed");
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/d/csrf-doc/read", "/d/csrf-doc/delete", "/logout"})
    void aPostWithoutATokenIsRefusedAndChangesNothing(String path) {
        assertRefused(alice.post(path, Map.of("confirmed", "yes")));
        assertRefused(alice.post(path, Map.of("confirmed", "yes", "csrf", "")));
        assertRefused(alice.post(path, Map.of("confirmed", "yes", "csrf", aliceToken + "x")));
        assertThat(isRead()).isFalse();
        assertThat(exists()).isTrue();
        // Still signed in: the refused sign-out did not happen either.
        assertThat(alice.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void anotherSessionsTokenIsRefused() {
        WebClient guest = new WebClient(mcq.baseUrl());
        guest.signIn("guest", "guest-dev-password");
        String guestToken = WebClient.csrfToken(guest.get("/d/csrf-doc"));
        assertThat(guestToken).isNotEqualTo(aliceToken);

        assertRefused(alice.post("/d/csrf-doc/read", Map.of("csrf", guestToken)));
        assertRefused(alice.post("/d/csrf-doc/delete", Map.of("csrf", guestToken, "confirmed", "yes")));
        assertThat(isRead()).isFalse();
        assertThat(exists()).isTrue();
    }

    @Test
    void aTokenFromAnEarlierSignInOfTheSameAccountIsRefused() {
        WebClient again = new WebClient(mcq.baseUrl());
        again.signIn(TestMcq.ALICE, TestMcq.ALICE_PASSWORD);
        assertRefused(again.post("/d/csrf-doc/read", Map.of("csrf", aliceToken)));
        assertThat(isRead()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example", "null", "http://127.0.0.1:1"})
    void aForeignOriginIsRefusedEvenWithTheRightToken(String origin) {
        assertRefused(alice.post("/d/csrf-doc/read", Map.of("csrf", aliceToken), Map.of("Origin", origin)));
        assertRefused(alice.post("/d/csrf-doc/delete", Map.of("csrf", aliceToken, "confirmed", "yes"),
                Map.of("Origin", origin)));
        assertThat(isRead()).isFalse();
        assertThat(exists()).isTrue();
    }

    @Test
    void anOriginWithUserInformationBeforeThisHostIsRefused() {
        String origin = "http://evil.com@127.0.0.1:" + mcq.app.httpPort();
        assertRefused(alice.post("/d/csrf-doc/read", Map.of("csrf", aliceToken), Map.of("Origin", origin)));
        assertRefused(alice.post("/d/csrf-doc/read", Map.of("csrf", aliceToken),
                Map.of("Referer", origin + "/d/csrf-doc")));
        assertThat(isRead()).isFalse();
    }

    @Test
    void aForeignRefererIsRefusedWhenThereIsNoOrigin() {
        assertRefused(alice.post("/d/csrf-doc/read", Map.of("csrf", aliceToken),
                Map.of("Referer", "https://evil.example/page")));
        assertThat(isRead()).isFalse();
    }

    @Test
    void theRightTokenFromThisSiteIsAccepted() {
        HttpResponse<String> read = alice.post("/d/csrf-doc/read", Map.of("csrf", aliceToken),
                Map.of("Origin", mcq.baseUrl(), "Referer", mcq.baseUrl() + "/d/csrf-doc"));
        assertThat(read.statusCode()).isEqualTo(303);
        assertThat(WebClient.location(read)).contains("/d/csrf-doc");
        assertThat(isRead()).isTrue();
        assertThat(alice.post("/d/csrf-doc/unread", Map.of("csrf", aliceToken)).statusCode()).isEqualTo(303);
        assertThat(isRead()).isFalse();
    }

    @Test
    void theSignInFormNeedsItsOwnTokenAndCookie() {
        WebClient browser = new WebClient(mcq.baseUrl());
        String token = WebClient.csrfToken(browser.get("/login"));
        Map<String, String> form = new HashMap<>(Map.of("username", TestMcq.ALICE, "password",
                TestMcq.ALICE_PASSWORD, "next", "/"));

        assertRefused(browser.post("/login", form));
        form.put("csrf", token);
        // The token alone, from another browser without the cookie it belongs to, is refused too.
        assertRefused(new WebClient(mcq.baseUrl()).post("/login", form));
        assertRefused(browser.post("/login", form, Map.of("Origin", "https://evil.example")));
        assertThat(browser.cookies).doesNotContainKey(Session.COOKIE);

        HttpResponse<String> signedIn = browser.post("/login", form);
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(browser.cookies).containsKey(Session.COOKIE);
    }
}
