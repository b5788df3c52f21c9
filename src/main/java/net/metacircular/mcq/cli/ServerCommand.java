package net.metacircular.mcq.cli;

import net.metacircular.mcq.config.Config;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code mcq server --config PATH}: runs the service until SIGINT or SIGTERM. */
@Command(name = "server", mixinStandardHelpOptions = true, description = "Run the MCQ service.")
final class ServerCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    private ConfigFileOption configFile;

    @Override
    public Integer call() {
        return configFile.withConfig(spec.commandLine(), this::run);
    }

    private int run(Config config) {
        Logging.setLevel(config.log().level());
        runUntilSignalled(Application.start(config));
        return 0;
    }

    /**
     * Blocks until the JVM is asked to stop. The shutdown hook runs on
     * SIGINT/SIGTERM: stop accepting, drain in-flight requests, close the
     * database, write out the queued log lines, then let the JVM exit.
     */
    static void runUntilSignalled(AutoCloseable... running) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (AutoCloseable closeable : running) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    System.err.println("mcq: error while stopping: " + e.getMessage());
                }
            }
            Logging.flush();
            stopped.countDown();
        }, "mcq-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
