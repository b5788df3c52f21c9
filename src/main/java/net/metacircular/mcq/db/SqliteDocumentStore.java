package net.metacircular.mcq.db;

import net.metacircular.mcq.documents.Document;
import net.metacircular.mcq.documents.DocumentStore;
import net.metacircular.mcq.documents.DocumentSummary;
import net.metacircular.mcq.documents.PutResult;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The documents table. Plain SQL, one statement per operation, so each
 * operation is atomic without explicit transactions. Input is assumed
 * valid: the rules live in {@code DocumentService}.
 */
public final class SqliteDocumentStore implements DocumentStore {

    private static final String COLUMNS =
            "slug, title, body, pushed_by, pushed_at, read, read_at, created_at, revision";

    /** Enough for the working set of a reviewer; bodies are at most a few MiB each. */
    private static final long CACHE_BYTES = 8L * 1024 * 1024;

    private final Database database;
    private final DocumentCache cache = new DocumentCache(CACHE_BYTES);
    /**
     * Held by every write and by every cache fill, so a fill from a read that
     * raced a write can never put an older version back into the cache.
     */
    private final Object writeLock = new Object();

    public SqliteDocumentStore(Database database) {
        this.database = database;
    }

    /**
     * Inserts or replaces a document in one statement: a re-push replaces
     * title and body, records the pusher, and marks the document unread,
     * because changed content needs review again.
     */
    @Override
    public PutResult upsert(String slug, String title, String body, String pushedBy, Instant now) {
        String sql = """
                INSERT INTO documents (slug, title, body, pushed_by, pushed_at, read, read_at, created_at, revision)
                VALUES (?, ?, ?, ?, ?, 0, NULL, ?, 1)
                ON CONFLICT (slug) DO UPDATE SET
                    title = excluded.title,
                    body = excluded.body,
                    pushed_by = excluded.pushed_by,
                    pushed_at = excluded.pushed_at,
                    read = 0,
                    read_at = NULL,
                    revision = documents.revision + 1
                RETURNING\s""" + COLUMNS;
        synchronized (writeLock) {
            cache.invalidateQueue();
            PutResult result = query("push " + slug, sql, statement -> {
                statement.setString(1, slug);
                statement.setString(2, title);
                statement.setString(3, body);
                statement.setString(4, pushedBy);
                statement.setLong(5, now.toEpochMilli());
                statement.setLong(6, now.toEpochMilli());
            }, rs -> {
                rs.next();
                Document document = document(rs);
                return new PutResult(document, document.revision() == 1);
            });
            cache.put(result.document());
            return result;
        }
    }

    @Override
    public Optional<Document> find(String slug) {
        Document cached = cache.get(slug);
        if (cached != null) {
            return Optional.of(cached);
        }
        synchronized (writeLock) {
            Optional<Document> found = query("read " + slug, "SELECT " + COLUMNS + " FROM documents WHERE slug = ?",
                    statement -> statement.setString(1, slug),
                    rs -> rs.next() ? Optional.of(document(rs)) : Optional.empty());
            found.ifPresent(cache::put);
            return found;
        }
    }

    /** The queue: unread first, then newest; slug breaks ties so the order is stable. */
    @Override
    public List<DocumentSummary> list() {
        List<DocumentSummary> cached = cache.queue();
        if (cached != null) {
            return cached;
        }
        synchronized (writeLock) {
            List<DocumentSummary> queue = query("list documents",
                "SELECT slug, title, pushed_by, pushed_at, read FROM documents ORDER BY read, pushed_at DESC, slug",
                statement -> { },
                rs -> {
                    List<DocumentSummary> summaries = new ArrayList<>();
                    while (rs.next()) {
                        summaries.add(new DocumentSummary(rs.getString(1), rs.getString(2), rs.getString(3),
                                Instant.ofEpochMilli(rs.getLong(4)), rs.getInt(5) == 1));
                    }
                    return List.copyOf(summaries);
                });
            cache.setQueue(queue);
            return queue;
        }
    }

    /** Sets the read state; returns the updated document, or empty when the slug is unknown. */
    @Override
    public Optional<Document> setRead(String slug, boolean read, Instant now) {
        String sql = "UPDATE documents SET read = ?, read_at = ? WHERE slug = ? RETURNING " + COLUMNS;
        synchronized (writeLock) {
            cache.invalidateQueue();
            Optional<Document> updated = query("mark " + slug, sql, statement -> {
                statement.setInt(1, read ? 1 : 0);
                if (read) {
                    statement.setLong(2, now.toEpochMilli());
                } else {
                    statement.setNull(2, java.sql.Types.INTEGER);
                }
                statement.setString(3, slug);
            }, rs -> rs.next() ? Optional.of(document(rs)) : Optional.empty());
            updated.ifPresent(cache::put);
            return updated;
        }
    }

    /** Deletes a document; false when the slug was unknown. */
    @Override
    public boolean delete(String slug) {
        synchronized (writeLock) {
            cache.invalidateQueue();
            cache.remove(slug);
            try (Connection c = database.connection();
                 PreparedStatement statement = c.prepareStatement("DELETE FROM documents WHERE slug = ?")) {
                statement.setString(1, slug);
                return statement.executeUpdate() == 1;
            } catch (SQLException e) {
                throw new DatabaseException("delete " + slug + " failed: " + e.getMessage(), e);
            }
        }
    }

    private static Document document(ResultSet rs) throws SQLException {
        long readAt = rs.getLong(7);
        boolean readAtNull = rs.wasNull();
        return new Document(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                Instant.ofEpochMilli(rs.getLong(5)),
                rs.getInt(6) == 1,
                readAtNull ? null : Instant.ofEpochMilli(readAt),
                Instant.ofEpochMilli(rs.getLong(8)),
                rs.getLong(9));
    }

    private <T> T query(String what, String sql, Binder binder, Reader<T> reader) {
        try (Connection c = database.connection(); PreparedStatement statement = c.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rs = statement.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException e) {
            throw new DatabaseException(what + " failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    @Override
    public boolean isUsable() {
        return database.isUsable();
    }
}
