package net.metacircular.mcq.cli;

import net.metacircular.mcq.testing.McqProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client commands start in a fraction of the server's time because they
 * never load the server: each runs in a child JVM that logs every class it
 * loads, and none may come from the server's libraries or packages.
 */
class ClientClassLoadingTest {

    /** Class name prefixes that belong to the server side of MCQ. */
    private static final List<String> SERVER_CLASSES = List.of(
            "io.javalin.", "org.eclipse.jetty.", "jakarta.servlet.", "io.grpc.", "io.netty.",
            "org.flywaydb.", "org.sqlite.", "com.zaxxer.", "io.modelcontextprotocol.",
            "net.metacircular.mcq.http.HttpServer", "net.metacircular.mcq.server.",
            "net.metacircular.mcq.webserver.", "net.metacircular.mcq.grpcserver.",
            "net.metacircular.mcq.render.", "net.metacircular.mcq.db.", "net.metacircular.mcq.auth.",
            "net.metacircular.mcq.config.", "net.metacircular.mcq.devidp.", "net.metacircular.mcq.mcp.",
            "net.metacircular.mcq.cli.Application", "net.metacircular.mcq.cli.ServerCommand",
            "net.metacircular.mcq.cli.DevServerCommand");

    @TempDir
    Path dir;

    @Test
    void versionLoadsNoServerClass() throws Exception {
        Run run = run("--version");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("mcq ");
        assertThat(run.serverClasses()).isEmpty();
        // Not even the other subcommands are looked at.
        assertThat(run.classes()).doesNotContain("net.metacircular.mcq.cli.ListCommand");
    }

    @Test
    void listHelpLoadsNoServerClass() throws Exception {
        Run run = run("list", "--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("--unread");
        assertThat(run.serverClasses()).isEmpty();
    }

    @Test
    void feedbackAgainstAnUnreachableServerLoadsNoServerClass() throws Exception {
        Run run = run("feedback", "--server", unreachableServer(), "--token-file", tokenFile().toString(), "plan");

        assertThat(run.exit()).as(run.err()).isEqualTo(CommandErrors.FAILED);
        assertThat(run.err()).contains("cannot reach MCQ");
        assertThat(run.serverClasses()).isEmpty();
    }

    @Test
    void listAgainstAnUnreachableServerLoadsNoServerClass() throws Exception {
        Run run = run("list", "--server", unreachableServer(), "--token-file", tokenFile().toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(CommandErrors.FAILED);
        assertThat(run.err()).contains("cannot reach MCQ");
        assertThat(run.serverClasses()).isEmpty();
    }

    @Test
    void pushOfAFileToAnUnreachableServerLoadsNoServerClass() throws Exception {
        Path file = dir.resolve("notes.md");
        Files.writeString(file, "# Notes\n\nText.\n");

        Run run = run("push", "--server", unreachableServer(), "--token-file", tokenFile().toString(),
                "notes", file.toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(CommandErrors.FAILED);
        assertThat(run.err()).contains("cannot reach MCQ");
        // The document was read and encoded before the connection failed.
        assertThat(run.classes()).contains("net.metacircular.mcq.client.DocumentInput");
        assertThat(run.serverClasses()).isEmpty();
    }

    /** A loopback URL where nothing listens: the port was free a moment ago. */
    private static String unreachableServer() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    private Path tokenFile() throws IOException {
        Path file = dir.resolve("token");
        Files.writeString(file, "not-a-real-token\n");
        return file;
    }

    private Run run(String... args) throws Exception {
        Path classLog = Files.createTempFile(dir, "classes", ".log");
        List<String> command = new ArrayList<>();
        command.add(McqProcess.javaBinary());
        command.add("-Xlog:class+load=info:file=" + classLog);
        command.addAll(McqProcess.javaArgs(args));
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("mcq " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), loadedClasses(classLog));
    }

    /** The class names in a {@code -Xlog:class+load} log: "[0.01s][info][class,load] NAME source: ...". */
    private static List<String> loadedClasses(Path log) throws IOException {
        List<String> classes = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            int start = line.indexOf("] ", line.indexOf("[class,load")) + 2;
            int end = line.indexOf(' ', start);
            if (start > 1 && end > start) {
                classes.add(line.substring(start, end));
            }
        }
        assertThat(classes).as("the class-loading log").contains("java.lang.Object");
        return classes;
    }

    private record Run(int exit, String out, String err, List<String> classes) {
        List<String> serverClasses() {
            return classes.stream()
                    .filter(name -> SERVER_CLASSES.stream().anyMatch(name::startsWith))
                    .toList();
        }
    }
}
