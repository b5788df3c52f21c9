package net.metacircular.mcq.cli;

import picocli.CommandLine.Model.CommandSpec;

/** How the client commands report a failure: one line on standard error, and the exit status. */
final class CommandErrors {

    /** MCQ refused the request or could not be reached. */
    static final int FAILED = 1;
    /** The command line, the settings or the input is unusable; nothing was sent. */
    static final int USAGE = 2;

    private CommandErrors() {
    }

    static int report(CommandSpec spec, String message, int status) {
        spec.commandLine().getErr().println("mcq: " + message);
        spec.commandLine().getErr().flush();
        return status;
    }
}
