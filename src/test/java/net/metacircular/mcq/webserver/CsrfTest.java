package net.metacircular.mcq.webserver;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

class CsrfTest {

    @Test
    void theOriginMustNameThisHostAndPort() {
        assertThat(Csrf.sameAuthority("http://127.0.0.1:8080", "127.0.0.1:8080")).isTrue();
        assertThat(Csrf.sameAuthority("http://127.0.0.1:8080/d/x?y", "127.0.0.1:8080")).isTrue();
        // Behind the TLS-terminating proxy: https in the browser, no port in Host.
        assertThat(Csrf.sameAuthority("https://mcq.example.net", "mcq.example.net")).isTrue();
        assertThat(Csrf.sameAuthority("https://MCQ.example.net", "mcq.example.net")).isTrue();

        assertThat(Csrf.sameAuthority("http://127.0.0.1:8081", "127.0.0.1:8080")).isFalse();
        assertThat(Csrf.sameAuthority("https://evil.example", "mcq.example.net")).isFalse();
        assertThat(Csrf.sameAuthority("https://mcq.example.net.evil.example", "mcq.example.net")).isFalse();
        assertThat(Csrf.sameAuthority("https://mcq.example.net:8443", "mcq.example.net")).isFalse();
        assertThat(Csrf.sameAuthority("null", "mcq.example.net")).isFalse();
        assertThat(Csrf.sameAuthority("file:///etc/passwd", "mcq.example.net")).isFalse();
        assertThat(Csrf.sameAuthority("not a url", "mcq.example.net")).isFalse();
        assertThat(Csrf.sameAuthority("https://mcq.example.net", null)).isFalse();
    }

    @Test
    void anOriginWithUserInformationIsRefused() {
        assertThat(Csrf.sameAuthority("http://evil.com@127.0.0.1:8080", "127.0.0.1:8080")).isFalse();
        assertThat(Csrf.sameAuthority("http://127.0.0.1:8080@127.0.0.1:8080", "127.0.0.1:8080")).isFalse();
        assertThat(Csrf.sameAuthority("https://:@mcq.example.net", "mcq.example.net")).isFalse();
        assertThat(Csrf.sameAuthority("http://127.0.0.1:8080", "evil.com@127.0.0.1:8080")).isFalse();
    }

    @Test
    void schemeAndDefaultPortsAreComparedExactly() {
        // A browser omits the port from Host only for its scheme's default.
        assertThat(Csrf.sameAuthority("http://mcq.example.net", "mcq.example.net")).isTrue();
        assertThat(Csrf.sameAuthority("http://mcq.example.net:443", "mcq.example.net")).isFalse();
        assertThat(Csrf.sameAuthority("https://mcq.example.net:80", "mcq.example.net")).isFalse();
        assertThat(Csrf.sameAuthority("ftp://mcq.example.net", "mcq.example.net")).isFalse();
        // MCQ serving TLS itself: only an https origin is this site.
        assertThat(Csrf.sameAuthority("https://127.0.0.1:8443", "127.0.0.1:8443", true)).isTrue();
        assertThat(Csrf.sameAuthority("http://127.0.0.1:8443", "127.0.0.1:8443", true)).isFalse();
    }

    @Test
    void sessionTokensDependOnTheSessionAndTheProcessKey() {
        Csrf one = new Csrf(new SecureRandom(), new Cookies(true));
        Csrf two = new Csrf(new SecureRandom(), new Cookies(true));
        assertThat(one.sessionToken("token-a")).isEqualTo(one.sessionToken("token-a"))
                .isNotEqualTo(one.sessionToken("token-b"))
                .isNotEqualTo(two.sessionToken("token-a"))
                .doesNotContain("token-a");
        assertThat(Csrf.matches(null, "x")).isFalse();
        assertThat(Csrf.matches("x", "x")).isTrue();
        assertThat(Csrf.matches("x", "y")).isFalse();
    }
}
