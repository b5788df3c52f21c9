package net.metacircular.mcq.webserver;

import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The sign-in form is throttled like the API: a 429 page with Retry-After, then the right password works. */
class WebSignInThrottleTest {

    @TempDir
    Path dir;

    @Test
    void repeatedWrongPasswordsGetA429PageUntilTheDelayPasses() {
        try (TestMcq mcq = TestMcq.start(dir)) {
            WebClient browser = new WebClient(mcq.baseUrl());
            for (int i = 0; i < 6; i++) {
                assertThat(browser.signIn(TestMcq.ALICE, "wrong-" + i).statusCode()).isEqualTo(401);
            }
            HttpResponse<String> limited = browser.signIn(TestMcq.ALICE, TestMcq.ALICE_PASSWORD);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(limited.body()).contains("Too many failed sign-ins").contains("try again in 1 second")
                    .contains("name=\"password\"");
            assertThat(browser.cookies).doesNotContainKey(Session.COOKIE);

            mcq.clock.advance(Duration.ofSeconds(1));
            HttpResponse<String> signedIn = browser.signIn(TestMcq.ALICE, TestMcq.ALICE_PASSWORD);
            assertThat(signedIn.statusCode()).isEqualTo(303);
            assertThat(browser.cookies).containsKey(Session.COOKIE);
        }
    }
}
