package net.metacircular.mcq.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens and passwords never reach the log, whatever the request. */
class LogSecrecyTest {

    @TempDir
    Path dir;

    @Test
    void noTokenOrPasswordIsLogged() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        try (TestMcq mcq = TestMcq.start(dir)) {
            String token = mcq.aliceToken();
            mcq.push("secret-test", "T", "b", token);
            mcq.get("/v1/documents/secret-test?token=" + token, token);
            mcq.send("POST", "/v1/auth/login", null, "application/json",
                    "{\"username\":\"alice\",\"password\":\"wrong-but-secret-password\"}");
            mcq.get("/v1/documents", "not-a-real-token-but-secret");
            mcq.send("POST", "/v1/auth/logout", token, null, null);

            assertThat(appender.list).anySatisfy(e -> assertThat(e.getMessage()).isEqualTo("request"));
            for (ILoggingEvent event : appender.list) {
                String line = event.getFormattedMessage() + " " + event.getKeyValuePairs() + " "
                        + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
                assertThat(line).doesNotContain(token)
                        .doesNotContain("alice-dev-password")
                        .doesNotContain("wrong-but-secret-password")
                        .doesNotContain("not-a-real-token-but-secret");
            }
        } finally {
            root.detachAppender(appender);
        }
    }
}
