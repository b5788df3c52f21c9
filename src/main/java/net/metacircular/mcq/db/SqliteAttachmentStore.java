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
 * Attached files in SQLite, one row per version ({@code attachment_versions},
 * V007). Writes run under the document store's write lock, so an upload
 * never races a push of the same database (SQLite would refuse a transaction
 * that read before another wrote), two uploads cannot both fit under the
 * per-document total, and the revision an upload records as current is the
 * one its readers see.
 *
 * <p>Which version a revision shows: revision r shows, for each name, the
 * latest version uploaded before the revision after r was pushed — the
 * newest row of that name whose {@code from_revision} (the document's
 * revision at upload) is at most r. The current revision shows the newest
 * row of each name.
 *
 * <p>Which versions are kept is decided in SQL ({@link #SWEEP}): a version
 * stays while its name occurs in the stored body of a kept revision — the
 * current body in {@code documents}, or an older revision's text, whole or
 * as a line delta — and some kept revision resolves to it; and the newest
 * version of a name stays while it waits for a push (its bytes were uploaded
 * after the current revision was pushed). A line a delta copies from the
 * next revision is in that revision's stored text (or a later one's), so the
 * name test is made against all kept revisions' text rather than one
 * revision's: it never drops a version a kept revision shows, and may keep
 * one whose name only occurs elsewhere or inside a longer word.
 */
public final class SqliteAttachmentStore implements AttachmentStore {

    private static final String COLUMNS =
            "a.name, a.media_type, a.sha256, a.size, a.added_by, a.added_at, a.from_revision";

    /** Larger than any revision number: the current revision resolves to the newest version. */
    private static final long LATEST = Long.MAX_VALUE;

    /**
     * Deletes the unkept versions of document ?1 (its id). Whether a kept
     * revision mentions a name is worked out once per name (the bodies are
     * the costly part), whether one shows a version by the revisions' key.
     */
    private static final String SWEEP = """
            WITH names AS (SELECT DISTINCT name FROM attachment_versions WHERE document_id = ?1),
                 mentioned AS (
                     SELECT n.name FROM names n
                     WHERE instr((SELECT body FROM documents WHERE id = ?1), n.name) > 0
                        OR EXISTS (SELECT 1 FROM revisions r WHERE r.document_id = ?1 AND r.body IS NOT NULL
                                   AND instr(r.body, n.name) > 0))
            DELETE FROM attachment_versions
            WHERE document_id = ?1 AND id NOT IN (
                SELECT v.id FROM attachment_versions v
                WHERE v.document_id = ?1 AND (
                    -- The newest version of its name, uploaded after the current revision was pushed:
                    -- it waits for the push that links to it.
                    (v.last_uploaded_revision >= (SELECT revision FROM documents WHERE id = ?1)
                     AND NOT EXISTS (SELECT 1 FROM attachment_versions n
                                     WHERE n.document_id = ?1 AND n.name = v.name AND n.id > v.id))
                    -- A kept revision mentions the name, and a kept revision shows this version: one
                    -- pushed from its upload on and before the name's next version was uploaded.
                    OR (v.name IN (SELECT name FROM mentioned)
                        AND EXISTS (SELECT 1 FROM revisions r
                                    WHERE r.document_id = ?1 AND r.revision >= v.from_revision
                                      AND r.revision < coalesce(
                                          (SELECT min(n.from_revision) FROM attachment_versions n
                                           WHERE n.document_id = ?1 AND n.name = v.name AND n.id > v.id),
                                          9223372036854775807)))))""";

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
            long[] document = documentAndRevision(c, slug);
            if (document == null) {
                return Optional.<StoredUpload>empty();
            }
            long documentId = document[0];
            long current = document[1];
            Optional<AttachmentContent> latest = version(c, documentId, name, LATEST, false);
            if (latest.isPresent() && latest.get().attachment().sha256().equals(sha256)
                    && latest.get().attachment().mediaType().equals(mediaType)) {
                // The same bytes again: the version every revision from its upload on shows already.
                // Marking it uploaded now keeps it while it waits for the push that links to it.
                update(c, """
                        UPDATE attachment_versions SET last_uploaded_revision = ?
                        WHERE id = (SELECT max(id) FROM attachment_versions WHERE document_id = ? AND name = ?)""",
                        current, documentId, name);
                sweep(c, documentId);
                return Optional.of(new StoredUpload(latest.get().attachment(), false));
            }
            Instant addedAt = Instant.ofEpochMilli(at.toEpochMilli());
            update(c, """
                    INSERT INTO attachment_versions (document_id, name, from_revision, last_uploaded_revision,
                                                     media_type, sha256, size, added_by, added_at, bytes)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    documentId, name, current, current, mediaType, sha256, (long) bytes.length, addedBy,
                    addedAt.toEpochMilli(), bytes);
            // Swept with the new version in place: a version of the same name uploaded after the
            // current revision was pushed is shown by no revision now, so it no longer counts.
            sweep(c, documentId);
            long kept = keptBytes(c, documentId);
            if (kept > maxTotalBytes) {
                throw new TotalTooLarge(kept - bytes.length); // rolls the insert and the sweep back
            }
            return Optional.of(new StoredUpload(
                    new Attachment(name, mediaType, sha256, bytes.length, addedBy, addedAt, current), latest.isEmpty()));
        }));
    }

    @Override
    public Optional<List<Attachment>> list(String slug, Long revision) {
        return database.read("files of " + slug, c -> {
            Long documentId = SqliteDocumentStore.documentId(c, slug);
            if (documentId == null) {
                return Optional.empty();
            }
            long asOf = asOf(c, documentId, revision);
            List<Attachment> files = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + """
                     FROM attachment_versions a
                    WHERE a.document_id = ?1
                      AND a.id = (SELECT max(b.id) FROM attachment_versions b
                                  WHERE b.document_id = ?1 AND b.name = a.name AND b.from_revision <= ?2)
                    ORDER BY a.name""")) {
                s.setLong(1, documentId);
                s.setLong(2, asOf);
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
    public Optional<AttachmentContent> get(String slug, String name, Long revision) {
        return database.read("file " + name + " of " + slug, c -> {
            Long documentId = SqliteDocumentStore.documentId(c, slug);
            if (documentId == null) {
                return Optional.<AttachmentContent>empty();
            }
            return version(c, documentId, name, asOf(c, documentId, revision), true);
        });
    }

    @Override
    public boolean delete(String slug, String name) {
        return documents.underWriteLock(slug, () -> database.inTransaction("delete file " + name + " of " + slug,
                c -> update(c, "DELETE FROM attachment_versions WHERE name = ?"
                        + " AND document_id = (SELECT id FROM documents WHERE slug = ?)", name, slug) > 0));
    }

    @Override
    public void sweep(String slug) {
        // Most documents have no files: a read finds that without taking the write lock.
        boolean hasFiles = database.read("files of " + slug, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM attachment_versions a"
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

    /**
     * The revision number reads resolve against: {@link #LATEST} for the
     * current revision (null or its number); a kept older revision as is.
     *
     * @throws NoSuchRevision when the document keeps no such revision
     */
    private static long asOf(Connection c, long documentId, Long revision) throws SQLException {
        if (revision == null) {
            return LATEST;
        }
        try (PreparedStatement s = c.prepareStatement("""
                SELECT r.revision = d.revision FROM revisions r JOIN documents d ON d.id = r.document_id
                WHERE r.document_id = ? AND r.revision = ?""")) {
            s.setLong(1, documentId);
            s.setLong(2, revision);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new NoSuchRevision(revision);
                }
                return rs.getLong(1) == 1 ? LATEST : revision;
            }
        }
    }

    /** The version of {@code name} that revision {@code asOf} shows; with its bytes when asked. */
    private static Optional<AttachmentContent> version(Connection c, long documentId, String name, long asOf,
                                                       boolean withBytes) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + (withBytes ? ", a.bytes" : "")
                + " FROM attachment_versions a WHERE a.document_id = ? AND a.name = ? AND a.from_revision <= ?"
                + " ORDER BY a.id DESC LIMIT 1")) {
            s.setLong(1, documentId);
            s.setString(2, name);
            s.setLong(3, asOf);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new AttachmentContent(attachment(rs), withBytes ? rs.getBytes(8) : null))
                        : Optional.empty();
            }
        }
    }

    /** The document's id and current revision, or null when there is no such document. */
    private static long[] documentAndRevision(Connection c, String slug) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, revision FROM documents WHERE slug = ?")) {
            s.setString(1, slug);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : null;
            }
        }
    }

    private static long keptBytes(Connection c, long documentId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT coalesce(sum(size), 0) FROM attachment_versions WHERE document_id = ?")) {
            s.setLong(1, documentId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void sweep(Connection c, long documentId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SWEEP)) {
            s.setLong(1, documentId);
            s.executeUpdate();
        }
    }

    private static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            return s.executeUpdate();
        }
    }

    private static Attachment attachment(ResultSet rs) throws SQLException {
        return new Attachment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                Instant.ofEpochMilli(rs.getLong(6)), rs.getLong(7));
    }
}
