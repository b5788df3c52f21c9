package net.metacircular.mcq.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one connection write transactions run on, and the statements it keeps. */
class WritingConnectionTest {

    @TempDir
    Path dir;

    @Test
    void aStatementPreparedAgainIsTheSameOneWithItsParametersCleared() throws Exception {
        try (Connection real = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"));
             Connection c = CachedStatements.over(real)) {
            PreparedStatement first = c.prepareStatement("SELECT ?");
            first.setInt(1, 5);
            assertThat(single(first)).isEqualTo("5");
            first.close();

            PreparedStatement again = c.prepareStatement("SELECT ?");
            assertThat(again.unwrap(PreparedStatement.class)).isSameAs(first.unwrap(PreparedStatement.class));
            assertThat(single(again)).as("the earlier value is not bound any more").isNull();
            again.close();
            assertThat(c.prepareStatement("SELECT ? + 1").unwrap(PreparedStatement.class))
                    .isNotSameAs(first.unwrap(PreparedStatement.class));
        }
    }

    @Test
    void beyondTheLimitTheLeastRecentlyUsedStatementIsClosed() throws Exception {
        try (Connection real = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"))) {
            Connection c = CachedStatements.over(real);
            PreparedStatement oldest = c.prepareStatement("SELECT 0").unwrap(PreparedStatement.class);
            for (int i = 1; i <= CachedStatements.MAX_STATEMENTS; i++) {
                c.prepareStatement("SELECT " + i).close();
            }
            assertThat(oldest.isClosed()).isTrue();
            PreparedStatement recent = c.prepareStatement("SELECT 1").unwrap(PreparedStatement.class);
            assertThat(recent.isClosed()).isFalse();
            c.close();
            assertThat(recent.isClosed()).as("closed with the connection").isTrue();
        }
    }

    @Test
    void aTransactionThatFailsInAnyWayLeavesNothingBehind() throws Exception {
        try (Database database = Database.open(dir.resolve("data/mcq.db"))) {
            assertThatThrownBy(() -> database.inTransaction("fail with an error", c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE half_done (x INTEGER)");
                }
                throw new OutOfMemoryError("simulated");
            })).isInstanceOf(OutOfMemoryError.class);
            assertThatThrownBy(() -> database.inTransaction("fail with SQL", c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE half_done (x INTEGER)");
                    s.execute("INSERT INTO no_such_table VALUES (1)");
                }
                return null;
            })).isInstanceOf(DatabaseException.class).hasMessageContaining("fail with SQL");

            assertThat((int) database.read("count", c -> tables(c, "half_done"))).isZero();
            // The writing connection is still usable afterwards.
            database.inTransaction("create", c -> {
                try (Statement s = c.createStatement()) {
                    return s.execute("CREATE TABLE done (x INTEGER)");
                }
            });
            assertThat((int) database.read("count", c -> tables(c, "done"))).isOne();
        }
    }

    @Test
    void aWriteTransactionCannotStartInsideAnother() {
        try (Database database = Database.open(dir.resolve("data/mcq.db"))) {
            assertThatThrownBy(() -> database.inTransaction("outer", c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE outer_work (x INTEGER)");
                }
                return database.inTransaction("inner", inner -> null);
            })).isInstanceOf(IllegalStateException.class).hasMessageContaining("inner");
            assertThat((int) database.read("count", c -> tables(c, "outer_work"))).as("the outer work rolled back").isZero();
        }
    }

    @Test
    void aClosedDatabaseRefusesWrites() {
        Database database = Database.open(dir.resolve("data/mcq.db"));
        database.close();
        assertThatThrownBy(() -> database.inTransaction("late write", c -> null))
                .isInstanceOf(DatabaseException.class).hasMessageContaining("closed");
    }

    private static String single(PreparedStatement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int tables(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM sqlite_master WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
