package net.metacircular.mcq.cli;

import net.metacircular.mcq.config.Config;
import net.metacircular.mcq.db.Database;
import net.metacircular.mcq.db.Snapshots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code mcq snapshot --config PATH}: a consistent copy of the database, safe while the server runs. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Write a consistent copy of the database to <data dir>/backups/ and prune old copies.")
final class SnapshotCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    private ConfigFileOption configFile;

    @Option(names = "--keep", defaultValue = "14", description = "Snapshots to keep (default: ${DEFAULT-VALUE}).")
    private int keep;

    @Override
    public Integer call() {
        return configFile.withConfig(spec.commandLine(), this::run);
    }

    private int run(Config config) {
        if (keep < 1) {
            spec.commandLine().getErr().println("mcq: --keep must be at least 1");
            return 2;
        }
        Path dbPath = config.database().path();
        try (Database database = Database.open(dbPath)) {
            Path snapshot = Snapshots.take(database, Snapshots.backupsDir(dbPath), keep, Instant.now());
            spec.commandLine().getOut().println(snapshot);
            return 0;
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("mcq: snapshot failed: " + e.getMessage());
            return 1;
        }
    }
}
