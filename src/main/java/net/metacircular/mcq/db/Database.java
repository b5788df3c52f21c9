package net.metacircular.mcq.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The SQLite database: file creation with owner-only permissions, connection
 * settings, the connection pool and migrations.
 *
 * <p>Every connection runs in WAL mode (readers never block the writer),
 * enforces foreign keys and waits up to five seconds for a lock instead of
 * failing at once, so concurrent requests queue rather than error.
 *
 * <p>Reads use the pool; every write transaction uses one connection of its
 * own, one transaction at a time. SQLite allows one writer anyway, and a
 * connection throws its page cache away whenever another connection has
 * written: with writes spread over the pool, each push read back the pages
 * of the document it was about to rewrite. The one writer keeps them cached.
 */
public final class Database implements AutoCloseable {

    private static final int BUSY_TIMEOUT_MILLIS = 5000;
    private static final int POOL_SIZE = 8;

    private final Path path;
    private final SQLiteDataSource source;
    private final HikariDataSource pool;
    private final WalCheckpointer checkpointer;
    /** Held for the whole of each write transaction on {@link #writer}. */
    private final ReentrantLock writing = new ReentrantLock();
    /** The connection every write transaction uses; opened with the first. */
    private Connection writer;
    private boolean closed;

    private Database(Path path, SQLiteDataSource source, HikariDataSource pool) {
        this.path = path;
        this.source = source;
        this.pool = pool;
        this.checkpointer = new WalCheckpointer(this);
    }

    /** Opens (creating if needed) the database at {@code path} and applies pending migrations. */
    public static Database open(Path path) {
        return open(path, Migrations.product());
    }

    /** Opens the database with the given migrations; tests use their own locations. */
    static Database open(Path path, Migrations migrations) {
        createOwnerOnly(path);
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        sqlite.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, String.valueOf(WalCheckpointer.BACKSTOP_FRAMES));
        SQLiteDataSource source = new SQLiteDataSource(sqlite);
        source.setUrl("jdbc:sqlite:" + path.toAbsolutePath());

        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(source);
        hikari.setPoolName("mcq-sqlite");
        hikari.setMaximumPoolSize(POOL_SIZE);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(10_000);
        // The pool would otherwise probe the file on start and fail with a
        // stack trace; Migrations below reports a bad file more clearly.
        hikari.setInitializationFailTimeout(-1);
        HikariDataSource pool = new HikariDataSource(hikari);
        Database database = new Database(path, source, pool);
        try {
            migrations.apply(database);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return database;
    }

    /**
     * Creates the file with mode 0600 before SQLite opens it: documents may be
     * private, and SQLite gives its WAL and shared-memory files the same mode.
     */
    private static void createOwnerOnly(Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                OwnerOnlyFolders.create(parent);
            }
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            // An existing database keeps its mode; install.sh and restore set it.
        } catch (UnsupportedOperationException e) {
            throw new IllegalStateException("the database needs a POSIX file system for owner-only permissions", e);
        } catch (IOException e) {
            throw new DatabaseException("cannot create database file " + path + ": " + e.getMessage(), e);
        }
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Runs {@code work} on a pooled connection, one statement at a time. */
    <T> T read(String what, Work<T> work) {
        try (Connection c = connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DatabaseException(what + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} in one transaction on the writing connection, rolled
     * back if it throws anything at all: leaving auto-commit mode commits.
     */
    <T> T inTransaction(String what, Work<T> work) {
        if (writing.isHeldByCurrentThread()) {
            // It would share the outer transaction's connection and commit it half done.
            throw new IllegalStateException(what + ": a write transaction cannot start inside another");
        }
        T result;
        writing.lock();
        try {
            Connection c = writer();
            c.setAutoCommit(false);
            try {
                result = work.run(c);
                c.commit();
            } catch (Throwable e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DatabaseException(what + " failed: " + e.getMessage(), e);
        } finally {
            writing.unlock();
        }
        checkpointer.written();
        return result;
    }

    /** The writing connection; only with {@link #writing} held. */
    private Connection writer() throws SQLException {
        if (closed) {
            throw new SQLException("the database is closed");
        }
        if (writer == null) {
            writer = CachedStatements.over(source.getConnection());
        }
        return writer;
    }

    /** Work on one connection; SQL errors become a {@link DatabaseException} naming {@code what}. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    DataSource dataSource() {
        return pool;
    }

    public Path path() {
        return path;
    }

    /** True when a trivial query succeeds; the health check uses it. */
    public boolean isUsable() {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(2);
            return s.executeQuery("SELECT 1").next();
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Writes a consistent copy of the live database to {@code target} with
     * {@code VACUUM INTO}, which is safe while other connections write.
     */
    public void snapshotTo(Path target) {
        try (Connection c = connection(); var s = c.prepareStatement("VACUUM INTO ?")) {
            s.setString(1, target.toAbsolutePath().toString());
            s.execute();
        } catch (SQLException e) {
            throw new DatabaseException("snapshot to " + target + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        checkpointer.close();
        writing.lock();
        try {
            closed = true;
            if (writer != null) {
                writer.close();
                writer = null;
            }
        } catch (SQLException e) {
            throw new DatabaseException("closing the database failed: " + e.getMessage(), e);
        } finally {
            writing.unlock();
            pool.close();
        }
    }
}
