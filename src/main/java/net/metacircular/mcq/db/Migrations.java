package net.metacircular.mcq.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Versioned schema migrations by Flyway: {@code V<NNN>__name.sql} files
 * under {@link #PRODUCT_LOCATION}, applied in order at start and recorded in
 * Flyway's {@code flyway_schema_history}. A released migration is never
 * edited: a change to the schema is a new file with the next number.
 *
 * <p>A Part I database recorded its versions in {@code schema_migrations}
 * instead; it is baselined once at the newest version recorded there, so
 * Flyway applies only what came after. That table is left in place.
 */
final class Migrations {

    static final String PRODUCT_LOCATION = "classpath:db/migrations";
    /** Where Part I's own runner recorded applied versions. */
    static final String PART_ONE_HISTORY = "schema_migrations";
    static final String HISTORY = "flyway_schema_history";

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    /** The search index's own schema (a file of its own, see {@link SqliteSearchIndex}). */
    static final String SEARCH_LOCATION = "classpath:db/search";

    private final List<String> locations;
    private final JavaMigration[] javaMigrations;

    Migrations(List<String> locations) {
        this(locations, javaMigrations());
    }

    private Migrations(List<String> locations, JavaMigration[] javaMigrations) {
        this.locations = List.copyOf(locations);
        this.javaMigrations = javaMigrations.clone();
    }

    static Migrations product() {
        return new Migrations(List.of(PRODUCT_LOCATION));
    }

    static Migrations search() {
        return new Migrations(List.of(SEARCH_LOCATION), new JavaMigration[0]);
    }

    void apply(Database database) {
        try {
            Optional<Integer> partOne = partOneVersion(database);
            Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                    .dataSource(database.dataSource())
                    .locations(locations.toArray(String[]::new))
                    .javaMigrations(javaMigrations)
                    .table(HISTORY)
                    .baselineVersion(MigrationVersion.fromVersion(String.valueOf(partOne.orElse(1))))
                    .baselineDescription("Part I schema_migrations")
                    .load();
            if (partOne.isPresent()) {
                flyway.baseline();
                LOG.atInfo().setMessage("database schema history moved to Flyway")
                        .addKeyValue("path", database.path()).addKeyValue("version", partOne.get()).log();
            }
            MigrateResult result = flyway.migrate();
            if (result.migrationsExecuted > 0) {
                LOG.atInfo().setMessage("database migrated").addKeyValue("path", database.path())
                        .addKeyValue("from", result.initialSchemaVersion == null ? "none" : result.initialSchemaVersion)
                        .addKeyValue("to", result.targetSchemaVersion).log();
            }
        } catch (FlywayException | SQLException e) {
            throw new DatabaseException("cannot open or migrate database " + database.path() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The newest version in a Part I {@code schema_migrations} table, when
     * the database has one and Flyway has not taken over yet.
     */
    private static Optional<Integer> partOneVersion(Database database) throws SQLException {
        try (Connection c = database.connection(); Statement s = c.createStatement()) {
            if (!hasTable(s, PART_ONE_HISTORY) || hasTable(s, HISTORY)) {
                return Optional.empty();
            }
            try (ResultSet rs = s.executeQuery("SELECT max(version) FROM " + PART_ONE_HISTORY)) {
                int version = rs.next() ? rs.getInt(1) : 0;
                return version > 0 ? Optional.of(version) : Optional.empty();
            }
        }
    }

    static boolean hasTable(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'")) {
            return rs.next() && rs.getInt(1) == 1;
        }
    }

    /**
     * The newest schema version among this build's migrations, as Flyway
     * resolves them (against an empty in-memory database, which has them all
     * pending).
     */
    /** The migrations written in Java, because SQL cannot do them; registered here rather than scanned. */
    private static JavaMigration[] javaMigrations() {
        return new JavaMigration[] {new V003__RevisionHashes()};
    }

    static int latestVersion() {
        MigrationInfo[] pending = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource("jdbc:sqlite::memory:", null, null)
                .locations(PRODUCT_LOCATION)
                .javaMigrations(javaMigrations())
                .load()
                .info()
                .pending();
        return Integer.parseInt(pending[pending.length - 1].getVersion().getVersion());
    }

    /**
     * The schema version a database records: Flyway's history when it has
     * one, else Part I's {@code schema_migrations}; 0 when it has neither.
     */
    static int recordedVersion(Statement s) throws SQLException {
        String query;
        if (hasTable(s, HISTORY)) {
            query = "SELECT coalesce(max(CAST(version AS INTEGER)), 0) FROM " + HISTORY + " WHERE success = 1";
        } else if (hasTable(s, PART_ONE_HISTORY)) {
            query = "SELECT coalesce(max(version), 0) FROM " + PART_ONE_HISTORY;
        } else {
            return 0;
        }
        try (ResultSet rs = s.executeQuery(query)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
