package net.metacircular.mcq.cli;

import net.metacircular.mcq.config.Config;
import net.metacircular.mcq.config.ConfigException;
import net.metacircular.mcq.config.ConfigLoader;
import net.metacircular.mcq.devidp.DevIdentityProvider;
import net.metacircular.mcq.devidp.DevIdpConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code mcq devserver}: MCQ and the development identity provider together,
 * with data under {@code ./srv/}, for a laptop. Plain HTTP on loopback only.
 */
@Command(name = "devserver", mixinStandardHelpOptions = true,
        description = "Run MCQ locally with the development identity provider (data under ./srv/).")
final class DevServerCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port on 127.0.0.1 (default ${DEFAULT-VALUE}; $PORT wins).")
    private int port;

    @Option(names = "--grpc-port", defaultValue = "9090", description = "gRPC port on 127.0.0.1 (default ${DEFAULT-VALUE}; $PORT_GRPC wins).")
    private int grpcPort;

    @Option(names = "--data", defaultValue = "srv", description = "Data folder (default ./${DEFAULT-VALUE}).")
    private Path dataDir;

    @Option(names = "--sso", description = "Sign in through the identity provider's SSO page instead of the password form.")
    private boolean sso;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Files.createDirectories(dataDir);
        Map<String, String> env = System.getenv();
        int httpPort;
        int grpcListenPort;
        try {
            httpPort = portFrom(env, "PORT", port);
            grpcListenPort = portFrom(env, "PORT_GRPC", grpcPort);
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("mcq: " + e.getMessage());
            return 2;
        }
        String mcqUrl = "http://127.0.0.1:" + httpPort;

        DevIdentityProvider idp = new DevIdentityProvider(DevIdpConfig.defaults(mcqUrl + "/sso/callback"),
                Clock.systemUTC()).start();
        Config config;
        try {
            config = loopbackConfig(env, httpPort, grpcListenPort, idp.baseUrl());
        } catch (ConfigException e) {
            idp.stop();
            spec.commandLine().getErr().println("mcq: " + e.getMessage());
            return 2;
        }
        Logging.setLevel(config.log().level());
        Application app = Application.start(config);

        Path tokenFile = dataDir.resolve("ci-bot.token");
        Files.deleteIfExists(tokenFile);
        Files.createFile(tokenFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tokenFile, idp.systemToken("ci-bot"));

        out.printf("""

                MCQ development server — NOT FOR PRODUCTION
                  web UI and REST API: %s/
                  gRPC:                127.0.0.1:%d (plaintext)
                  identity provider:   %s (development only)
                  database:            %s
                  sign-in:             %s

                Development accounts (user / password):
                  admin      admin-dev-password      roles admin, user
                  alice      alice-dev-password      role user
                  guest      guest-dev-password      role guest
                  mallory    mallory-dev-password    not allowed to sign in to mcq (shows the 403 path)
                  totp-user  totp-dev-password       TOTP secret JBSWY3DPEHPK3PXP
                  ci-bot     system account; its token is in %s

                Push a document:
                  MCQ_SERVER_URL=%s MCQ_TOKEN_FILE=%s bin/mcq push hello README.md

                Stop with Ctrl-C.
                %n""", mcqUrl, config.server().grpcEnabled() ? config.server().grpcAddr().port() : 0, idp.baseUrl(),
                config.database().path(), sso ? "SSO (Sign in with MCIAS)" : "username and password form",
                tokenFile, mcqUrl, tokenFile);
        out.flush();
        ServerCommand.runUntilSignalled(app, idp::stop);
        return 0;
    }

    /**
     * The development server's configuration: loopback only, whatever the
     * environment says. {@code $PORT} and {@code $PORT_GRPC} choose the ports
     * (as they do for {@code mcq server}), but never the interface: a laptop's
     * development server with its well-known passwords must not be reachable
     * from the network. So the variables that set the listen addresses are
     * taken out before the environment overrides are applied.
     */
    Config loopbackConfig(Map<String, String> env, int httpPort, int grpcPort, String idpUrl) {
        Map<String, String> withoutAddresses = new HashMap<>(env);
        withoutAddresses.keySet().removeAll(ADDRESS_VARIABLES);
        return new ConfigLoader(withoutAddresses).loadToml(configToml(idpUrl, httpPort, grpcPort), "devserver");
    }

    private static final Set<String> ADDRESS_VARIABLES =
            Set.of("PORT", "PORT_GRPC", "MCQ_SERVER_LISTEN_ADDR", "MCQ_SERVER_GRPC_ADDR");

    /** A port from the environment when set, else the option's. */
    private static int portFrom(Map<String, String> env, String variable, int option) {
        String value = env.get(variable);
        if (value == null || value.isEmpty()) {
            return option;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(List.of("$" + variable + " must be a port number, not \"" + value + "\""));
        }
    }

    private String configToml(String idpUrl, int httpPort, int grpcPort) {
        String mcqUrl = "http://127.0.0.1:" + httpPort;
        return """
                [server]
                listen_addr = "127.0.0.1:%d"
                grpc_addr = "127.0.0.1:%d"

                [database]
                path = "%s"

                [mcias]
                server_url = "%s"
                service_name = "mcq"
                tags = ["env:dev"]

                [sso]
                redirect_uri = "%s"

                [web]
                # Plain http://127.0.0.1: a Secure cookie would never be sent back.
                cookie_secure = false

                [log]
                level = "info"
                """.formatted(httpPort, grpcPort, dataDir.resolve("mcq.db").toAbsolutePath(), idpUrl,
                sso ? mcqUrl + "/sso/callback" : "");
    }
}
