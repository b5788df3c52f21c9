package net.metacircular.mcq.devidp;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The provider's log cannot be forged through a username, and a TOTP code works once. */
class LoginHygieneTest extends ProviderFixture {

    private static final String TOTP_SECRET = "JBSWY3DPEHPK3PXP";
    private static final String FORGED = "mallory\nINFO login: user admin for service mcq\r\u2028\u202e";

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        root.detachAppender(log);
    }

    private List<String> providerLines() {
        return log.list.stream()
                .filter(e -> e.getLoggerName().startsWith(DevIdentityProvider.class.getPackageName()))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void aUsernameWithNewlinesIsLoggedEscapedOnOneLine() {
        assertThat(http.login(FORGED, "x", null, "mcq\nforged").statusCode()).isEqualTo(401);
        assertThat(http.login("mallory", "mallory-dev-password", null, "mcq\nforged").statusCode()).isEqualTo(403);
        Map<String, String> form = new LinkedHashMap<>(Map.of("client_id", "mcq", "redirect_uri", REDIRECT,
                "state", "s", "username", FORGED, "password", "x"));
        assertThat(http.postForm("/sso/authorize", form).statusCode()).isEqualTo(401);

        List<String> lines = providerLines();
        assertThat(lines).filteredOn(line -> line.contains("mallory")).hasSize(3);
        assertThat(lines).allSatisfy(line -> assertThat(line)
                .doesNotContain("\n", "\r", "\u2028", "\u202e"));
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .contains("user \"mallory\\nINFO login: user admin for service mcq\\r\\u2028\\u202E\""));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("service \"mcq\\nforged\""));
    }

    @Test
    void aTotpCodeIsAcceptedOnce() {
        String code = Totp.code(TOTP_SECRET, clock.instant());
        assertThat(http.login("totp-user", "totp-dev-password", code, "mcq").statusCode()).isEqualTo(200);
        // Still inside its 90-second window, but spent.
        assertThat(http.login("totp-user", "totp-dev-password", code, "mcq").statusCode()).isEqualTo(401);
        Map<String, String> form = new LinkedHashMap<>(Map.of("client_id", "mcq", "redirect_uri", REDIRECT,
                "state", "s", "username", "totp-user", "password", "totp-dev-password", "totp_code", code));
        assertThat(http.postForm("/sso/authorize", form).statusCode()).isEqualTo(401);

        clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
        // The spent code is still inside the window one step later, and still refused...
        assertThat(http.login("totp-user", "totp-dev-password", code, "mcq").statusCode()).isEqualTo(401);
        // ...while the new step's code works, once.
        String next = Totp.code(TOTP_SECRET, clock.instant());
        assertThat(http.login("totp-user", "totp-dev-password", next, "mcq").statusCode()).isEqualTo(200);
        assertThat(http.login("totp-user", "totp-dev-password", next, "mcq").statusCode()).isEqualTo(401);
    }

    @Test
    void aRightCodeWithAWrongPasswordIsNotSpent() {
        String code = Totp.code(TOTP_SECRET, clock.instant());
        assertThat(http.login("totp-user", "wrong", code, "mcq").statusCode()).isEqualTo(401);
        assertThat(http.login("totp-user", "totp-dev-password", code, "mcq").statusCode()).isEqualTo(200);
    }
}
