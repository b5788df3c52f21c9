package net.metacircular.mcq.cli;

import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.client.QueueTable;
import net.metacircular.mcq.client.RestClient;
import net.metacircular.mcq.documents.DocumentSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code mcq list}: the queue as a table, unread documents marked. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Print the MCQ review queue: unread first (marked " + QueueTable.UNREAD + "), then newest.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:listed", "1:MCQ refused the request or could not be reached",
                "2:bad command line or settings"})
final class ListCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private ClientOptions clientOptions;

    @Option(names = "--unread", description = "Only the documents not read yet.")
    private boolean unreadOnly;

    @Override
    public Integer call() {
        return clientOptions.withClient(spec, this::run);
    }

    private int run(RestClient client) {
        try {
            List<DocumentSummary> queue = client.list();
            if (unreadOnly) {
                queue = queue.stream().filter(document -> !document.read()).toList();
            }
            spec.commandLine().getOut().print(QueueTable.format(queue));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (ServiceException e) {
            return CommandErrors.report(spec, e.getMessage(), CommandErrors.FAILED);
        }
    }
}
