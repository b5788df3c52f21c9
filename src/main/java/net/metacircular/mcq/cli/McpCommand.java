package net.metacircular.mcq.cli;

import net.metacircular.mcq.client.ClientSettings;
import net.metacircular.mcq.client.RestClient;
import net.metacircular.mcq.mcp.StdioMcpServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** {@code mcq mcp}: an MCP server on stdio that forwards to a running MCQ. */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = {
                "Serve MCP (Model Context Protocol) on standard input and output for an AI agent that launches"
                        + " a local command. The tools push, list, read, mark and delete documents on a running"
                        + " MCQ through its REST API.",
                "The token comes from --token-file, $" + ClientSettings.TOKEN_FILE_ENV + " or $"
                        + ClientSettings.TOKEN_ENV + ", never from an option holding the token: other users"
                        + " can read a process's command line. Logs go to standard error."})
final class McpCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private ClientOptions clientOptions;

    @Override
    public Integer call() {
        return clientOptions.withClient(spec, this::run);
    }

    private int run(RestClient client) {
        // Standard output carries the protocol: logs and any stray print go to standard error.
        Logging.toStandardError();
        PrintStream protocol = System.out;
        System.setOut(System.err);
        StdioMcpServer.serve(client, System.in, protocol);
        return 0;
    }
}
