package net.metacircular.mcq.db;

import net.metacircular.mcq.attachments.Attachment;
import net.metacircular.mcq.attachments.AttachmentContent;
import net.metacircular.mcq.attachments.AttachmentStore;
import net.metacircular.mcq.attachments.StoredUpload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Attached files in SQLite ({@code attachments}, V006). Writes run under the
 * document store's write lock, so an upload never races a push of the same
 * database (SQLite would refuse a transaction that read before another
 * wrote) and two uploads cannot both fit under the per-document total.
 *
 * <p>Which files are kept is decided in SQL: a file stays while its name
 * occurs in the stored body of any kept revision — the current body in
 * {@code documents}, or an older revision's text, whole or as a line delta.
 * A line a delta copies from the next revision is in that revision's stored
 * text (or a later one's), so the test never drops a file a kept revision
 * shows; it may keep one whose name only occurs inside a longer word.
 */
public final class SqliteAttachmentStore implements AttachmentStore {

    private static final String COLUMNS = "a.name, a.media_type, a.sha256, a.size, a.added_by, a.added_at";

    /** Deletes the unkept files of document ?1 (its id, given four times). */
    private static final String SWEEP = """
            DELETE FROM attachments
            WHERE document_id = ?
              AND added_at < (SELECT pushed_at FROM documents WHERE id = ?)
              AND instr((SELECT body FROM documents WHERE id = ?), name) = 0
              AND NOT EXISTS (SELECT 1 FROM revisions r
                              WHERE r.document_id = ? AND r.body IS NOT NULL AND instr(r.body, attachments.name) > 0)""";

    private final Database database;
    private final SqliteDocumentStore documents;

    public SqliteAttachmentStore(Database database, SqliteDocumentStore documents) {
        this.database = database;
        this.documents = documents;
    }

    @Override
    public Optional<StoredUpload> put(String slug, String name, String mediaType, byte[] bytes, String sha256,
                                      String addedBy, Instant at, long maxTotalBytes) {
        return documents.underWriteLock(slug, () -> database.inTransaction("upload " + name + " to " + slug, c -> {
            Long documentId = SqliteDocumentStore.documentId(c, slug);
            if (documentId == null) {
                return Optional.<StoredUpload>empty();
            }
            sweep(c, documentId);
            boolean exists;
            long others;
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT coalesce(sum(CASE WHEN name = ? THEN 0 ELSE size END), 0),
                           coalesce(max(name = ?), 0)
                    FROM attachments WHERE document_id = ?""")) {
                s.setString(1, name);
                s.setString(2, name);
                s.setLong(3, documentId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    others = rs.getLong(1);
                    exists = rs.getLong(2) == 1;
                }
            }
            if (others + bytes.length > maxTotalBytes) {
                throw new TotalTooLarge(others);
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO attachments (document_id, name, media_type, sha256, size, added_by, added_at, bytes)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (document_id, name) DO UPDATE SET
                        media_type = excluded.media_type, sha256 = excluded.sha256, size = excluded.size,
                        added_by = excluded.added_by, added_at = excluded.added_at, bytes = excluded.bytes""")) {
                s.setLong(1, documentId);
                s.setString(2, name);
                s.setString(3, mediaType);
                s.setString(4, sha256);
                s.setLong(5, bytes.length);
                s.setString(6, addedBy);
                s.setLong(7, at.toEpochMilli());
                s.setBytes(8, bytes);
                s.executeUpdate();
            }
            return Optional.of(new StoredUpload(
                    new Attachment(name, mediaType, sha256, bytes.length, addedBy, Instant.ofEpochMilli(at.toEpochMilli())),
                    !exists));
        }));
    }

    @Override
    public Optional<List<Attachment>> list(String slug) {
        return database.read("files of " + slug, c -> {
            Long documentId = SqliteDocumentStore.documentId(c, slug);
            if (documentId == null) {
                return Optional.empty();
            }
            List<Attachment> files = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM attachments a WHERE a.document_id = ? ORDER BY a.name")) {
                s.setLong(1, documentId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        files.add(attachment(rs));
                    }
                }
            }
            return Optional.of(files);
        });
    }

    @Override
    public Optional<AttachmentContent> get(String slug, String name) {
        return database.read("file " + name + " of " + slug, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + ", a.bytes FROM attachments a"
                    + " JOIN documents d ON d.id = a.document_id WHERE d.slug = ? AND a.name = ?")) {
                s.setString(1, slug);
                s.setString(2, name);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(new AttachmentContent(attachment(rs), rs.getBytes(7)))
                            : Optional.<AttachmentContent>empty();
                }
            }
        });
    }

    @Override
    public boolean delete(String slug, String name) {
        return documents.underWriteLock(slug, () -> database.inTransaction("delete file " + name + " of " + slug,
                c -> {
                    try (PreparedStatement s = c.prepareStatement("DELETE FROM attachments WHERE name = ?"
                            + " AND document_id = (SELECT id FROM documents WHERE slug = ?)")) {
                        s.setString(1, name);
                        s.setString(2, slug);
                        return s.executeUpdate() == 1;
                    }
                }));
    }

    @Override
    public void sweep(String slug) {
        // Most documents have no files: a read finds that without taking the write lock.
        boolean hasFiles = database.read("files of " + slug, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM attachments a"
                    + " JOIN documents d ON d.id = a.document_id WHERE d.slug = ?)")) {
                s.setString(1, slug);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() && rs.getLong(1) == 1;
                }
            }
        });
        if (hasFiles) {
            documents.underWriteLock(slug, () -> database.inTransaction("sweep files of " + slug, c -> {
                Long documentId = SqliteDocumentStore.documentId(c, slug);
                if (documentId != null) {
                    sweep(c, documentId);
                }
                return null;
            }));
        }
    }

    private static void sweep(Connection c, long documentId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SWEEP)) {
            for (int i = 1; i <= 4; i++) {
                s.setLong(i, documentId);
            }
            s.executeUpdate();
        }
    }

    private static Attachment attachment(ResultSet rs) throws SQLException {
        return new Attachment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                Instant.ofEpochMilli(rs.getLong(6)));
    }
}
