package net.metacircular.mcq.cli;

import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.client.DiffText;
import net.metacircular.mcq.client.RestClient;
import net.metacircular.mcq.documents.RevisionDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code mcq diff SLUG [FROM [TO]]}: what changed between two revisions, as a unified diff. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Print what changed in a document between two revisions, as a unified diff of the"
                + " Markdown.",
                "Without FROM: since the revision you last marked read, or else the one before the current."
                        + " Without TO: up to the current revision. Coloured on a terminal, plain when piped."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:printed (also when nothing changed)", "1:MCQ refused the request or could not be reached",
                "2:bad command line or settings"})
final class DiffCommand implements Callable<Integer> {

    /** When to colour the diff. */
    enum Colour { AUTO, ALWAYS, NEVER }

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private ClientOptions clientOptions;

    @Parameters(index = "0", paramLabel = "SLUG", description = "The document's slug.")
    private String slug;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FROM", description = "The older revision number.")
    private Long from;

    @Parameters(index = "2", arity = "0..1", paramLabel = "TO", description = "The newer revision number.")
    private Long to;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "auto (on a terminal), always or never. Default: ${DEFAULT-VALUE}.")
    private String colour;

    @Override
    public Integer call() {
        Colour when;
        try {
            when = Colour.valueOf(colour.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return CommandErrors.report(spec, "--color must be auto, always or never, not \"" + colour + "\"",
                    CommandErrors.USAGE);
        }
        boolean coloured = when == Colour.ALWAYS || (when == Colour.AUTO && System.console() != null);
        return clientOptions.withClient(spec, client -> run(client, coloured));
    }

    private int run(RestClient client, boolean coloured) {
        try {
            RevisionDiff diff = client.diff(slug, from, to);
            if (diff.unified().isEmpty()) {
                spec.commandLine().getOut().println("No changes between revisions " + diff.from() + " and "
                        + diff.to() + ".");
            } else {
                spec.commandLine().getOut().print(DiffText.format(diff.unified(), coloured));
            }
            spec.commandLine().getOut().flush();
            return 0;
        } catch (ServiceException e) {
            return CommandErrors.report(spec, e.getMessage(), CommandErrors.FAILED);
        }
    }
}
