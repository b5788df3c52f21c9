package net.metacircular.mcq.cli;

import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.client.ClientSettings;
import net.metacircular.mcq.client.DocumentInput;
import net.metacircular.mcq.client.FeedbackAnswer;
import net.metacircular.mcq.client.FeedbackWaiter;
import net.metacircular.mcq.client.LocalImages;
import net.metacircular.mcq.client.RestClient;
import net.metacircular.mcq.client.WaitDuration;
import net.metacircular.mcq.documents.PutResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Clock;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code mcq push SLUG [FILE|-]}: pushes a Markdown document and prints where to read it. */
@Command(name = "push", mixinStandardHelpOptions = true,
        description = {
                "Push a Markdown document to the MCQ review queue and print its web URL.",
                "Reads FILE, or standard input when FILE is - or absent, as UTF-8, byte for byte. The title is"
                        + " --title, else the document's first '# heading'. Pushing an existing slug replaces"
                        + " the document and marks it unread.",
                "The local images FILE links to inside its folder (![flow](flow.png), ![flow](img/flow.png),"
                        + " at most 4 folders deep) are uploaded after it (PNG, JPEG, GIF, WebP, SVG), so they"
                        + " belong to the pushed revision; a link that leads out of FILE's folder is refused.",
                "With --wait, wait for a person's verdict on the pushed revision instead of printing the URL,"
                        + " then print the review as Markdown (as mcq feedback does) and exit 0 if approved,"
                        + " 3 if changes were requested, 4 if no verdict came within --timeout."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:pushed (with --wait: approved)", "1:MCQ refused the document or could not be reached",
                "2:bad command line, input or settings", "3:with --wait: changes requested",
                "4:with --wait: no verdict before the timeout"})
final class PushCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private ClientOptions clientOptions;

    @Option(names = "--title", paramLabel = "TITLE", description = "The title shown in the queue.")
    private String title;

    @Parameters(index = "0", paramLabel = "SLUG", description = "The document's slug, e.g. release-notes-2.4.")
    private String slug;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", defaultValue = DocumentInput.STDIN,
            description = "Markdown file, or - for standard input (the default).")
    private String file;

    @Option(names = "--wait", description = "Wait for the verdict on the pushed revision and print the review.")
    private boolean await;

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "50s",
            description = "With --wait, how long to wait: e.g. 90s, 5m, 2h (default ${DEFAULT-VALUE}).")
    private String timeout;

    /** Exit status of --wait when the reviewer asked for changes. */
    static final int CHANGES_REQUESTED = 3;
    /** Exit status of --wait when no verdict came in time. */
    static final int TIMED_OUT = 4;

    @Override
    public Integer call() {
        RestClient client;
        DocumentInput input;
        LocalImages.Found images;
        try {
            client = clientOptions.settings().client();
            if (DocumentInput.STDIN.equals(file) && System.console() != null) {
                spec.commandLine().getErr().println("mcq: reading the document from standard input; end it with Ctrl-D");
            }
            input = DocumentInput.read(file, System.in, title);
            // Checked before the push, so a bad image leaves nothing half pushed.
            images = DocumentInput.STDIN.equals(file) ? new LocalImages.Found(List.of(), List.of())
                    : LocalImages.of(input.body(), Path.of(file));
        } catch (ClientSettings.SetupException | ServiceException e) {
            return CommandErrors.report(spec, e.getMessage(), CommandErrors.USAGE);
        }
        Duration limit = null;
        if (await) {
            try {
                limit = WaitDuration.parse(timeout);
            } catch (IllegalArgumentException e) {
                return CommandErrors.report(spec, "--timeout: " + e.getMessage(), CommandErrors.USAGE);
            }
        }
        PutResult pushed;
        try {
            pushed = client.put(slug, input.title(), input.body());
            for (LocalImages.LocalImage image : images.images()) {
                client.putFile(slug, image.name(), image.type().mediaType(), image.content());
                spec.commandLine().getErr().println("mcq: attached " + image.name());
            }
        } catch (ServiceException e) {
            return CommandErrors.report(spec, e.getMessage(), CommandErrors.FAILED);
        }
        for (String skipped : images.skipped()) {
            spec.commandLine().getErr().println("mcq: image not attached: " + skipped);
        }
        spec.commandLine().getErr().flush();
        if (!await) {
            spec.commandLine().getOut().println(webUrl(client, pushed));
            spec.commandLine().getOut().flush();
            return 0;
        }
        return awaitVerdict(client, pushed, limit);
    }

    /**
     * The address the server gave (its {@code public_url}), else one made from
     * the address this command reached it at, which behind a proxy may not be
     * the one people use.
     */
    private String webUrl(RestClient client, PutResult pushed) {
        return pushed.webUrl() != null ? pushed.webUrl() : client.webUrl(slug).toString();
    }

    /** Standard output carries only the review, so a script can hand it on as it is. */
    private int awaitVerdict(RestClient client, PutResult pushed, Duration limit) {
        long revision = pushed.document().revision();
        spec.commandLine().getErr().println("mcq: pushed revision " + revision + "; waiting for a verdict at "
                + webUrl(client, pushed));
        spec.commandLine().getErr().flush();
        FeedbackAnswer answer;
        try {
            answer = new FeedbackWaiter(client, Clock.systemUTC()).await(slug, revision, limit);
        } catch (ServiceException e) {
            return CommandErrors.report(spec, e.getMessage(), CommandErrors.FAILED);
        }
        spec.commandLine().getOut().print(answer.terminalMarkdown());
        spec.commandLine().getOut().flush();
        if (FeedbackAnswer.APPROVED.equals(answer.status())) {
            return 0;
        }
        return FeedbackAnswer.CHANGES_REQUESTED.equals(answer.status()) ? CHANGES_REQUESTED : TIMED_OUT;
    }
}
