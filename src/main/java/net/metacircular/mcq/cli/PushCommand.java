package net.metacircular.mcq.cli;

import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.client.ClientSettings;
import net.metacircular.mcq.client.DocumentInput;
import net.metacircular.mcq.client.RestClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code mcq push SLUG [FILE|-]}: pushes a Markdown document and prints where to read it. */
@Command(name = "push", mixinStandardHelpOptions = true,
        description = {
                "Push a Markdown document to the MCQ review queue and print its web URL.",
                "Reads FILE, or standard input when FILE is - or absent, as UTF-8, byte for byte. The title is"
                        + " --title, else the document's first '# heading'. Pushing an existing slug replaces"
                        + " the document and marks it unread."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:pushed", "1:MCQ refused the document or could not be reached",
                "2:bad command line, input or settings"})
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

    @Override
    public Integer call() {
        RestClient client;
        DocumentInput input;
        try {
            client = clientOptions.settings().client();
            if (DocumentInput.STDIN.equals(file) && System.console() != null) {
                spec.commandLine().getErr().println("mcq: reading the document from standard input; end it with Ctrl-D");
            }
            input = DocumentInput.read(file, System.in, title);
        } catch (ClientSettings.SetupException | ServiceException e) {
            return CommandErrors.report(spec, e.getMessage(), CommandErrors.USAGE);
        }
        try {
            client.put(slug, input.title(), input.body());
        } catch (ServiceException e) {
            return CommandErrors.report(spec, e.getMessage(), CommandErrors.FAILED);
        }
        spec.commandLine().getOut().println(client.webUrl(slug));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
