package net.metacircular.mcq.cli;

import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.client.HistoryTable;
import net.metacircular.mcq.client.RestClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code mcq history SLUG}: a document's revisions, newest first. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Print the revisions of a document, newest first: number, when and by whom it was"
                + " pushed, how much the body grew or shrank, and its title.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:listed", "1:MCQ refused the request or could not be reached",
                "2:bad command line or settings"})
final class HistoryCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private ClientOptions clientOptions;

    @Parameters(index = "0", paramLabel = "SLUG", description = "The document's slug.")
    private String slug;

    @Override
    public Integer call() {
        return clientOptions.withClient(spec, this::run);
    }

    private int run(RestClient client) {
        try {
            spec.commandLine().getOut().print(HistoryTable.format(client.revisions(slug)));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (ServiceException e) {
            return CommandErrors.report(spec, e.getMessage(), CommandErrors.FAILED);
        }
    }
}
