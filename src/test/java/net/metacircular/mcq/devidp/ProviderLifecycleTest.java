package net.metacircular.mcq.devidp;

import net.metacircular.mcq.testing.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ProviderLifecycleTest {
    private static final String REDIRECT = "http://127.0.0.1:18080/auth/callback";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    @Test
    void listensOnLoopbackByDefault() {
        try (DevIdentityProvider idp = new DevIdentityProvider(DevIdpConfig.defaults(REDIRECT), clock).start()) {
            assertThat(idp.port()).isPositive();
            assertThat(idp.baseUrl()).isEqualTo("http://127.0.0.1:" + idp.port());
            assertThat(idp.isRunning()).isTrue();
        }
    }

    @Test
    void stoppedProviderIsUnreachableAndComesBackOnTheSamePortWithItsKeys() {
        DevIdentityProvider idp = new DevIdentityProvider(DevIdpConfig.defaults(REDIRECT), clock).start();
        try {
            String baseUrl = idp.baseUrl();
            IdpHttp http = new IdpHttp(baseUrl);
            String token = http.token("alice", "alice-dev-password");
            String systemToken = idp.systemToken("ci-bot");

            idp.stop();
            assertThat(idp.isRunning()).isFalse();
            assertThatThrownBy(() -> http.validate(token)).isInstanceOf(UncheckedIOException.class);

            idp.start();
            assertThat(idp.baseUrl()).isEqualTo(baseUrl);
            assertThat(http.validate(token).get("valid").asBoolean()).isTrue();
            assertThat(idp.systemToken("ci-bot")).isEqualTo(systemToken);
        } finally {
            idp.stop();
        }
    }

    @Test
    void systemTokensExistOnlyFromStartAndOnlyForSystemAccounts() {
        DevIdentityProvider idp = new DevIdentityProvider(DevIdpConfig.defaults(REDIRECT), clock);
        assertThatThrownBy(() -> idp.systemToken("ci-bot")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(idp::baseUrl).isInstanceOf(IllegalStateException.class);
        try (idp) {
            idp.start();
            assertThatThrownBy(idp::start).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> idp.systemToken("alice")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void warnsLoudlyAndNeverLogsPasswordsOrTokens() {
        Logger logger = (Logger) LoggerFactory.getLogger("net.metacircular.mcq.devidp");
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logger.addAppender(events);
        Level before = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        try (DevIdentityProvider idp = new DevIdentityProvider(DevIdpConfig.defaults(REDIRECT), clock).start()) {
            IdpHttp http = new IdpHttp(idp.baseUrl());
            String token = http.token("alice", "alice-dev-password");
            http.login("alice", "not-the-password", null, "mcq");
            http.validate(token);
            http.logout(token);
            http.postForm("/sso/authorize", Map.of("client_id", "mcq", "redirect_uri", REDIRECT,
                    "state", "s", "username", "admin", "password", "admin-dev-password"));

            List<String> messages = events.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(events.list).anySatisfy(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getFormattedMessage()).contains("DEVELOPMENT-ONLY").contains("production");
            });
            assertThat(String.join("\n", messages))
                    .contains("alice")
                    .doesNotContain("alice-dev-password", "not-the-password", "admin-dev-password")
                    .doesNotContain(token, idp.systemToken("ci-bot"));
        } finally {
            logger.detachAppender(events);
            logger.setLevel(before);
        }
    }
}
