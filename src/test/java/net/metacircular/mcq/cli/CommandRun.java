package net.metacircular.mcq.cli;

import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** One in-process run of the {@code mcq} command: its exit status and what it printed. */
record CommandRun(int exit, String out, String err) {

    static CommandRun of(String... args) {
        return withInput(new byte[0], args);
    }

    static CommandRun withInput(String stdin, String... args) {
        return withInput(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    /** Runs with {@code stdin} as standard input (the commands read System.in). */
    static CommandRun withInput(byte[] stdin, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(stdin));
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine command = Main.commandLine();
            command.setOut(new PrintWriter(out, true));
            command.setErr(new PrintWriter(err, true));
            int exit = command.execute(args);
            return new CommandRun(exit, out.toString(), err.toString());
        } finally {
            System.setIn(saved);
        }
    }
}
