package net.metacircular.mcq.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;

/**
 * The {@code mcq} command. Subcommands wire components together; they hold no business rules.
 *
 * <p>The subcommands are registered by {@link #commandLineFor}, not
 * in the annotation: picocli reflects over every registered command class,
 * which loads the types it mentions, and a one-second {@code mcq list} must
 * not pay for the server's. A run registers only the subcommand it names.
 */
@Command(name = "mcq",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "MCQ, the Metacircular document review queue.")
public final class Main implements Runnable {

    /** Every subcommand, in the order {@code mcq --help} lists them; {@link #create} makes each. */
    private static final List<String> SUBCOMMANDS =
            List.of("server", "devserver", "snapshot", "restore", "push", "list", "history", "diff", "feedback",
                    "mcp");

    /** The options that print the version; alone, they need no subcommand. */
    private static final List<String> VERSION_OPTIONS = List.of("-V", "--version");

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLineFor(args).execute(args));
    }

    /** The configured command line with every subcommand; tests run commands through it in process. */
    public static CommandLine commandLine() {
        return withSubcommands(SUBCOMMANDS);
    }

    /**
     * The command line for one run with {@code args}: only the subcommand the
     * first argument names, none for {@code --version} alone, and all of them
     * otherwise (the usage, an unknown command's suggestions).
     */
    static CommandLine commandLineFor(String[] args) {
        if (args.length == 1 && VERSION_OPTIONS.contains(args[0])) {
            return withSubcommands(List.of());
        }
        if (args.length > 0 && SUBCOMMANDS.contains(args[0])) {
            return withSubcommands(List.of(args[0]));
        }
        return commandLine();
    }

    private static CommandLine withSubcommands(Iterable<String> names) {
        CommandLine commandLine = new CommandLine(new Main());
        for (String name : names) {
            commandLine.addSubcommand(name, create(name));
        }
        // After the subcommands: picocli applies this setting to those present.
        return commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** A switch rather than a map of constructor references: no lambda is bootstrapped on the way. */
    private static Object create(String name) {
        return switch (name) {
            case "server" -> new ServerCommand();
            case "devserver" -> new DevServerCommand();
            case "snapshot" -> new SnapshotCommand();
            case "restore" -> new RestoreCommand();
            case "push" -> new PushCommand();
            case "list" -> new ListCommand();
            case "history" -> new HistoryCommand();
            case "diff" -> new DiffCommand();
            case "feedback" -> new FeedbackCommand();
            case "mcp" -> new McpCommand();
            default -> throw new IllegalArgumentException("no subcommand " + name);
        };
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
