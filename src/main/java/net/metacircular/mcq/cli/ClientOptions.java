package net.metacircular.mcq.cli;

import net.metacircular.mcq.client.ClientSettings;
import net.metacircular.mcq.client.RestClient;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --server} and {@code --token-file}, shared by the commands that talk
 * to a running MCQ. There is deliberately no option that takes the token
 * itself: every user on the machine can read a process's command line.
 */
final class ClientOptions {

    @Option(names = "--server", paramLabel = "URL",
            description = "MCQ base URL, e.g. https://mcq.example.net (default: $" + ClientSettings.SERVER_URL_ENV + ").")
    private String server;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File holding the bearer token (default: $" + ClientSettings.TOKEN_FILE_ENV
                    + ", else the token in $" + ClientSettings.TOKEN_ENV + "). No option takes the token"
                    + " itself, because other users can read a process's command line.")
    private Path tokenFile;

    @Option(names = "--ca-cert", paramLabel = "FILE",
            description = "PEM file with a private CA to trust for an https:// server, besides the system's CAs"
                    + " (default: $" + ClientSettings.CA_CERT_ENV + ").")
    private Path caCert;

    /** Runs {@code command} with a client for the configured server, or reports bad settings (exit 2). */
    int withClient(picocli.CommandLine.Model.CommandSpec spec, java.util.function.ToIntFunction<RestClient> command) {
        RestClient client;
        try {
            client = settings().client();
        } catch (ClientSettings.SetupException e) {
            return CommandErrors.report(spec, e.getMessage(), CommandErrors.USAGE);
        }
        return command.applyAsInt(client);
    }

    ClientSettings settings() {
        return ClientSettings.resolve(server, tokenFile, caCert, System.getenv());
    }
}
