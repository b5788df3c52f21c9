package net.metacircular.mcq.cli;

import net.metacircular.mcq.config.Config;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The development server's well-known passwords must never be reachable from
 * the network: the platform's {@code $PORT} picks its port, not its interface.
 */
class DevServerLoopbackTest {

    @TempDir
    Path dir;

    private DevServerCommand command;

    @BeforeEach
    void parseOptions() {
        command = new DevServerCommand();
        new CommandLine(command).parseArgs("--data", dir.toString());
    }

    @Test
    void portVariablesChooseThePortButTheAddressStaysLoopback() {
        Config config = command.loopbackConfig(Map.of("PORT", "18080", "PORT_GRPC", "19090"),
                18080, 19090, "http://127.0.0.1:1");

        assertThat(config.server().listenAddr().host()).isEqualTo("127.0.0.1");
        assertThat(config.server().listenAddr().port()).isEqualTo(18080);
        assertThat(config.server().grpcAddr().host()).isEqualTo("127.0.0.1");
        assertThat(config.server().grpcAddr().port()).isEqualTo(19090);
    }

    @Test
    void addressOverridesFromTheEnvironmentAreIgnored() {
        Config config = command.loopbackConfig(Map.of("MCQ_SERVER_LISTEN_ADDR", ":8443",
                "MCQ_SERVER_GRPC_ADDR", "0.0.0.0:9443", "MCQ_LOG_LEVEL", "debug"), 8080, 9090, "http://127.0.0.1:1");

        assertThat(config.server().listenAddr().host()).isEqualTo("127.0.0.1");
        assertThat(config.server().listenAddr().port()).isEqualTo(8080);
        assertThat(config.server().grpcAddr().host()).isEqualTo("127.0.0.1");
        // Other overrides still apply.
        assertThat(config.log().level()).isEqualTo("debug");
    }
}
