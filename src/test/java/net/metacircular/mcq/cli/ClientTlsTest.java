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
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
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

    private String[] run(String stdin, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine command = Main.commandLine();
            command.setOut(new PrintWriter(out, true));
            command.setErr(new PrintWriter(err, true));
            int exit = command.execute(args);
            return new String[] {Integer.toString(exit), out.toString(), err.toString()};
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void theServersPrivateCaIsTrustedOnlyWhenGiven() {
        String[] refused = run("# Over TLS\n", "push", "--server", server(), "--token-file", tokenFile.toString(), "tls-doc");
        assertThat(refused[0]).isEqualTo("1");
        assertThat(refused[2]).contains("TLS handshake failed").contains("--ca-cert");

        String[] pushed = run("# Over TLS\n", "push", "--server", server(), "--token-file", tokenFile.toString(),
                "--ca-cert", certs.caCertFile.toString(), "tls-doc");
        assertThat(pushed[0]).as(pushed[2]).isEqualTo("0");
        assertThat(pushed[1].strip()).isEqualTo(server() + "/d/tls-doc");

        String[] listed = run("", "list", "--server", server(), "--token-file", tokenFile.toString(),
                "--ca-cert", certs.caCertFile.toString());
        assertThat(listed[0]).as(listed[2]).isEqualTo("0");
        assertThat(listed[1]).contains("tls-doc").contains("Over TLS").contains(TestMcq.SYSTEM_ACCOUNT);
    }
}
