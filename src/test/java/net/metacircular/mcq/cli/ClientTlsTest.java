package net.metacircular.mcq.cli;

import net.metacircular.mcq.devidp.DevIdentityProvider;
import net.metacircular.mcq.devidp.DevIdpConfig;
import net.metacircular.mcq.grpcserver.TestCertificates;
import net.metacircular.mcq.testing.MutableClock;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code mcq push} and {@code mcq list} against MCQ serving TLS 1.3 with a certificate from a private CA. */
class ClientTlsTest {

    @TempDir
    Path dir;

    private DevIdentityProvider idp;
    private TestMcq mcq;
    private TestCertificates certs;
    private Path tokenFile;

    @BeforeEach
    void start() throws Exception {
        idp = new DevIdentityProvider(DevIdpConfig.defaults("http://127.0.0.1:1/sso/callback"),
                MutableClock.startingNow()).start();
        certs = TestCertificates.create(dir);
        mcq = TestMcq.startWithoutIdentityProvider(dir, idp.baseUrl(), certs.serverCertFile, certs.serverKeyFile, "");
        tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, idp.systemToken(TestMcq.SYSTEM_ACCOUNT));
    }

    @AfterEach
    void stop() {
        try {
            if (mcq != null) {
                mcq.close();
            }
        } finally {
            idp.stop();
        }
    }

    private String server() {
        return "https://localhost:" + mcq.app.httpPort();
    }

    @Test
    void theServersPrivateCaIsTrustedOnlyWhenGiven() {
        CommandRun refused = CommandRun.withInput("# Over TLS\n", "push", "--server", server(), "--token-file", tokenFile.toString(), "tls-doc");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("TLS handshake failed").contains("--ca-cert");

        CommandRun pushed = CommandRun.withInput("# Over TLS\n", "push", "--server", server(), "--token-file", tokenFile.toString(),
                "--ca-cert", certs.caCertFile.toString(), "tls-doc");
        assertThat(pushed.exit()).as(pushed.err()).isEqualTo(0);
        assertThat(pushed.out().strip()).isEqualTo(server() + "/d/tls-doc");

        CommandRun listed = CommandRun.withInput("", "list", "--server", server(), "--token-file", tokenFile.toString(),
                "--ca-cert", certs.caCertFile.toString());
        assertThat(listed.exit()).as(listed.err()).isEqualTo(0);
        assertThat(listed.out()).contains("tls-doc").contains("Over TLS").contains(TestMcq.SYSTEM_ACCOUNT);
    }
}
