package net.metacircular.mcq.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Versioned schema migrations, applied in order at start and recorded in
 * {@code schema_migrations}. A released migration is never edited: a change
 * to the schema is a new file with the next number.
 */
final class Migrations {

    /** The migrations, in order. Each is {@code db/migrations/<name>.sql} on the class path. */
    static final List<String> ALL = List.of(
            "V001__documents");

    private Migrations() {
    }

    static void apply(Database database) {
        try (Connection c = database.connection()) {
            try (Statement s = c.createStatement()) {
                s.execute("""
                        CREATE TABLE IF NOT EXISTS schema_migrations (
                            version    INTEGER PRIMARY KEY,
                            name       TEXT    NOT NULL,
                            applied_at INTEGER NOT NULL
                        )""");
            }
            Set<Integer> applied = appliedVersions(c);
            for (String name : ALL) {
                int version = Integer.parseInt(name.substring(1, name.indexOf("__")));
                if (!applied.contains(version)) {
                    applyOne(c, version, name);
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException("cannot open or migrate database " + database.path() + ": " + e.getMessage(), e);
        }
    }

    private static Set<Integer> appliedVersions(Connection c) throws SQLException {
        Set<Integer> versions = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM schema_migrations")) {
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
        }
        return versions;
    }

    private static void applyOne(Connection c, int version, String name) throws SQLException {
        String sql = read(name);
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String statement : splitStatements(sql)) {
                s.execute(statement);
            }
            try (PreparedStatement record = c.prepareStatement(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)")) {
                record.setInt(1, version);
                record.setString(2, name);
                record.setLong(3, System.currentTimeMillis());
                record.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Splits on semicolons at line ends; migrations keep one statement per such block. */
    private static List<String> splitStatements(String sql) {
        StringBuilder withoutComments = new StringBuilder();
        for (String line : sql.split("\n")) {
            int comment = line.indexOf("--");
            withoutComments.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
        }
        return java.util.Arrays.stream(withoutComments.toString().split(";\\s*\n"))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> s.endsWith(";") ? s.substring(0, s.length() - 1) : s)
                .toList();
    }

    private static String read(String name) {
        String resource = "/db/migrations/" + name + ".sql";
        try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing migration " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + resource, e);
        }
    }
}
