package net.metacircular.mcq.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mcq} command. Subcommands wire components together; they hold no business rules. */
@Command(name = "mcq",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "MCQ, the Metacircular document review queue.",
        subcommands = {
                ServerCommand.class,
                DevServerCommand.class,
                SnapshotCommand.class,
                RestoreCommand.class,
                PushCommand.class,
                ListCommand.class,
                HistoryCommand.class,
                DiffCommand.class,
                McpCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests run commands through it in process. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
