package net.metacircular.mcq.cli;

import net.metacircular.mcq.config.Config;
import net.metacircular.mcq.db.DatabaseException;
import net.metacircular.mcq.db.Restore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code mcq restore --config PATH BACKUP}: put a snapshot back in place of the database. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {
                "Replace the database with a snapshot (a file written by 'mcq snapshot').",
                "Refuses while a server uses the database, and refuses a damaged backup.",
                "The replaced database is kept beside it as <db>.replaced-<UTC time>."})
final class RestoreCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    /** Its {@code [database] path} is the file replaced. */
    @picocli.CommandLine.Mixin
    private ConfigFileOption configFile;

    @Parameters(index = "0", paramLabel = "BACKUP", description = "The snapshot to restore, e.g. /srv/mcq/backups/mcq-20250101T020000Z.db.")
    private Path backup;

    @Override
    public Integer call() {
        return configFile.withConfig(spec.commandLine(), this::run);
    }

    private int run(Config config) {
        PrintWriter err = spec.commandLine().getErr();
        try {
            Restore.Result result = Restore.restore(backup, config.database().path(), Instant.now());
            PrintWriter out = spec.commandLine().getOut();
            out.println("restored " + result.backup() + " into " + result.database() + " ("
                    + result.documents() + " documents, schema version " + result.schemaVersion() + ")");
            result.replaced().ifPresentOrElse(
                    kept -> out.println("the replaced database is kept as " + kept),
                    () -> out.println("there was no database before"));
            out.flush();
            return 0;
        } catch (Restore.RefusedException e) {
            err.println("mcq: restore refused, nothing was changed: " + e.getMessage());
            return 1;
        } catch (DatabaseException e) {
            err.println("mcq: restore failed: " + e.getMessage());
            return 1;
        }
    }
}
