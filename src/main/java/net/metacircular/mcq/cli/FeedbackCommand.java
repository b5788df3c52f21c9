package net.metacircular.mcq.cli;

import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.client.FeedbackAnswer;
import net.metacircular.mcq.client.RestClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code mcq feedback SLUG}: the review of a revision, as the Markdown an agent reads. */
@Command(name = "feedback", mixinStandardHelpOptions = true,
        description = {
                "Print the review of a document's revision: the verdict and summary, then each comment as a"
                        + " numbered point with the quoted passage, its lines, the kind and any replacement.",
                "With --json, print the server's JSON answer instead."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:printed", "1:MCQ refused the request or could not be reached",
                "2:bad command line or settings"})
final class FeedbackCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private ClientOptions clientOptions;

    @Parameters(index = "0", paramLabel = "SLUG", description = "The document's slug.")
    private String slug;

    @Option(names = "--revision", paramLabel = "N", description = "A kept revision; default the current one.")
    private Long revision;

    @Option(names = "--json", description = "Print the JSON answer of GET /v1/documents/SLUG/feedback.")
    private boolean json;

    @Override
    public Integer call() {
        return clientOptions.withClient(spec, this::run);
    }

    private int run(RestClient client) {
        FeedbackAnswer answer;
        try {
            answer = client.feedback(slug, revision, null);
        } catch (ServiceException e) {
            return CommandErrors.report(spec, e.getMessage(), CommandErrors.FAILED);
        }
        if (json) {
            spec.commandLine().getOut().println(answer.prettyJson());
        } else {
            spec.commandLine().getOut().print(answer.terminalMarkdown());
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
