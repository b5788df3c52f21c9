package net.metacircular.mcq.db;

import net.metacircular.mcq.db.RevisionBodies.Retirement;
import net.metacircular.mcq.documents.DocumentStore;
import net.metacircular.mcq.documents.ReadMarker;
import net.metacircular.mcq.documents.PushedBody;
import net.metacircular.mcq.documents.ReviewStatus;
import net.metacircular.mcq.documents.Revision;
import net.metacircular.mcq.documents.RevisionInfo;
import net.metacircular.mcq.documents.StoredDocument;
import net.metacircular.mcq.documents.StoredPush;
import net.metacircular.mcq.documents.StoredSummary;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Documents, revisions and read marks in SQLite, with plain SQL. A push is
 * one transaction: the retiring revision's body stored as a delta from the
 * new one ({@link RevisionBodies}), the new body written over the old in the
 * document row, the new revision's row, and pruning. Input is assumed valid:
 * the rules live in {@code DocumentService}.
 *
 * <p>Every write runs under one lock, which also guards the cache: MCQ is the
 * only writer of its database, so the cache is updated in the same critical
 * section as each write and a fill from a read that raced a write can never
 * put an older version back.
 */
public final class SqliteDocumentStore implements DocumentStore {

    /**
     * The latest verdict on the document's current revision, NULL while
     * none: the review status (spec §15), worked out where the rows are
     * rather than kept in a column a push would have to reset.
     */
    private static final String LATEST_VERDICT = """
            (SELECT v.verdict FROM verdicts v WHERE v.document_id = d.id AND v.revision = d.revision
             ORDER BY v.id DESC LIMIT 1)""";

    private static final String DOCUMENT_COLUMNS = """
            d.id, d.slug, d.title, d.body, d.pushed_by, d.pushed_at, d.created_at, d.revision, r.body_sha256,
            """ + LATEST_VERDICT;

    /** Enough for the working set of a reviewer; bodies are at most a few MiB each. */
    private static final long CACHE_BYTES = 8L * 1024 * 1024;

    private final Database database;
    private final DocumentCache cache = new DocumentCache(CACHE_BYTES);
    private final Object writeLock = new Object();

    public SqliteDocumentStore(Database database) {
        this.database = database;
    }

    @Override
    public StoredPush push(String slug, String title, PushedBody pushed, String pushedBy, Instant at,
                           int maxRevisions) {
        String body = pushed.text();
        String bodySha256 = pushed.sha256();
        // Times are stored in milliseconds; the answer must equal what a later read gives.
        Instant now = Instant.ofEpochMilli(at.toEpochMilli());
        // The retiring body's delta is worked out before taking the write lock,
        // from the cached current revision; under the lock it is used only if
        // that revision is still the current one.
        StoredDocument previous = cache.get(slug);
        Retirement early = previous == null || previous.bodySha256().equals(bodySha256) ? null
                : RevisionBodies.retirement(previous.revision(), previous.body(), body);
        synchronized (writeLock) {
            StoredPush push = database.inTransaction("push " + slug, c -> {
                Current current = current(c, slug);
                if (current != null && current.title.equals(title) && current.bodySha256.equals(bodySha256)) {
                    return new StoredPush(null, false, false);
                }
                long id;
                long revision;
                Instant createdAt;
                if (current == null) {
                    id = insertDocument(c, slug, title, body, pushedBy, now);
                    revision = 1;
                    createdAt = now;
                } else {
                    id = current.id;
                    revision = current.revision + 1;
                    createdAt = current.createdAt;
                    RevisionBodies.retire(c, id, early != null && early.revision() == current.revision ? early
                            : RevisionBodies.retirement(current.revision, currentBody(c, slug, current), body));
                    // Rewritten in place: SQLite then writes only the pages that changed.
                    update(c, "UPDATE documents SET title = ?, pushed_by = ?, pushed_at = ?, revision = ?, body = ?"
                                    + " WHERE id = ?",
                            title, pushedBy, now.toEpochMilli(), revision, body, id);
                }
                update(c, "INSERT INTO revisions (document_id, revision, title, pushed_by, pushed_at, body_sha256,"
                                + " body_bytes, body_form, body) VALUES (?, ?, ?, ?, ?, ?, ?, 'current', NULL)",
                        id, revision, title, pushedBy, now.toEpochMilli(), bodySha256, pushed.utf8Bytes());
                List<ReadMarker> markers = current == null ? List.of() : markers(c, id);
                prune(c, id, revision, maxRevisions, markers);
                StoredDocument stored = new StoredDocument(slug, title, body, pushedBy, now, createdAt, revision,
                        bodySha256, markers, ReviewStatus.PENDING);
                return new StoredPush(stored, current == null, true);
            });
            cache.invalidateQueue();
            if (!push.changed()) {
                StoredDocument unchanged = findLocked(slug).orElseThrow(() ->
                        new DatabaseException("push " + slug + " found no document to keep", null));
                return new StoredPush(unchanged, false, false);
            }
            cache.put(push.document());
            return push;
        }
    }

    @Override
    public Optional<StoredDocument> find(String slug) {
        StoredDocument cached = cache.get(slug);
        if (cached != null) {
            return Optional.of(cached);
        }
        synchronized (writeLock) {
            return findLocked(slug);
        }
    }

    @Override
    public List<StoredSummary> list() {
        List<StoredSummary> cached = cache.queue();
        if (cached != null) {
            return cached;
        }
        synchronized (writeLock) {
            List<StoredSummary> queue = database.read("list documents", c -> {
                Map<Long, List<ReadMarker>> markers = allMarkers(c);
                List<StoredSummary> summaries = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT d.id, d.slug, d.title, d.pushed_by, d.pushed_at, d.revision, " + LATEST_VERDICT
                                + " FROM documents d");
                     ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        summaries.add(new StoredSummary(rs.getString(2), rs.getString(3), rs.getString(4),
                                Instant.ofEpochMilli(rs.getLong(5)), rs.getLong(6),
                                markers.getOrDefault(rs.getLong(1), List.of()), reviewStatus(rs.getString(7))));
                    }
                }
                return List.copyOf(summaries);
            });
            cache.setQueue(queue);
            return queue;
        }
    }

    @Override
    public Optional<StoredDocument> markRead(String slug, String username, boolean human, Instant now) {
        return changeMarks(slug, "mark " + slug + " read", (c, id) -> update(c, """
                INSERT INTO read_markers (document_id, username, human, revision, read_at)
                SELECT id, ?, ?, revision, ? FROM documents WHERE id = ?
                ON CONFLICT (document_id, username) DO UPDATE SET
                    human = excluded.human, revision = excluded.revision, read_at = excluded.read_at""",
                username, human ? 1L : 0L, now.toEpochMilli(), id));
    }

    @Override
    public Optional<StoredDocument> markUnread(String slug, String username) {
        return changeMarks(slug, "mark " + slug + " unread", (c, id) -> update(c,
                "DELETE FROM read_markers WHERE document_id = ? AND username IN (?, ?)",
                id, username, ReadMarker.BEFORE_PER_REVIEWER_STATE));
    }

    @Override
    public boolean delete(String slug) {
        synchronized (writeLock) {
            cache.invalidateQueue();
            cache.remove(slug);
            // Revisions and read marks go with the document (ON DELETE CASCADE).
            return database.inTransaction("delete " + slug, c -> update(c, "DELETE FROM documents WHERE slug = ?", slug) == 1);
        }
    }

    @Override
    public Optional<List<RevisionInfo>> revisions(String slug) {
        return database.read("history of " + slug, c -> {
            Long id = documentId(c, slug);
            if (id == null) {
                return Optional.empty();
            }
            List<Revision> oldestFirst = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT revision, title, pushed_by, pushed_at, body_sha256, body_bytes
                    FROM revisions WHERE document_id = ? ORDER BY revision""")) {
                s.setLong(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        oldestFirst.add(new Revision(rs.getLong(1), rs.getString(2), "", rs.getString(3),
                                Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5), rs.getLong(6)));
                    }
                }
            }
            List<RevisionInfo> newestFirst = new ArrayList<>();
            long previousBytes = 0;
            for (Revision revision : oldestFirst) {
                newestFirst.add(0, revision.info(revision.bodyBytes() - previousBytes));
                previousBytes = revision.bodyBytes();
            }
            return Optional.of(List.copyOf(newestFirst));
        });
    }

    @Override
    public Optional<Revision> revision(String slug, long number) {
        return database.read("revision " + number + " of " + slug, c -> {
            try (PreparedStatement s = c.prepareStatement(REVISION_SELECT + " WHERE d.slug = ? AND r.revision = ?")) {
                s.setString(1, slug);
                s.setLong(2, number);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(revision(c, rs)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Runs a write that changes what this store reports about {@code slug}
     * (a verdict changes its review status) under the write lock, then drops
     * the cached document and queue in the same critical section.
     */
    <T> T underWriteLock(String slug, java.util.function.Supplier<T> write) {
        synchronized (writeLock) {
            try {
                return write.get();
            } finally {
                cache.invalidateQueue();
                cache.remove(slug);
            }
        }
    }

    @Override
    public boolean isUsable() {
        return database.isUsable();
    }

    /**
     * How many steps the limit is pruned in: at most {@code maxRevisions}
     * revisions are kept, and when a push goes past the limit the oldest
     * sixteenth goes at once. A push then prunes once in every sixteen
     * instead of every time, and deletes a run of neighbouring rows,
     * which touches far fewer pages than one row per push.
     */
    static final int PRUNE_STEPS = 16;

    /**
     * The newest revision that pruning after a push of {@code current}
     * removes, or 0 when that push prunes nothing. The revisions kept are
     * never more than {@code maxRevisions} and never fewer than that less
     * one step (with a limit under 16, exactly the limit).
     */
    static long pruneHorizon(long current, int maxRevisions) {
        long step = Math.max(1, maxRevisions / PRUNE_STEPS);
        long over = current - maxRevisions;
        if (over <= 0 || (over - 1) % step != 0) {
            return 0;
        }
        return over - 1 + step;
    }

    /**
     * Keeps at most the newest {@code maxRevisions} revisions (see
     * {@link #pruneHorizon}), the current one and every revision a read
     * mark points at (the changes view starts there).
     */
    private static void prune(Connection c, long id, long current, int maxRevisions, List<ReadMarker> markers)
            throws SQLException {
        long horizon = pruneHorizon(current, maxRevisions);
        if (horizon < 1) {
            return;
        }
        // A kept revision below the horizon loses the revisions above it, so it must not depend on them.
        if (markers.stream().anyMatch(marker -> marker.revision() <= horizon)) {
            for (Revision kept : keptDeltas(c, id, horizon)) {
                RevisionBodies.keepWhole(c, id, kept.number(), kept.body());
            }
        }
        update(c, """
                DELETE FROM revisions
                WHERE document_id = ? AND revision <= ? AND revision <> ?
                  AND revision NOT IN (SELECT revision FROM read_markers WHERE document_id = ?)""",
                id, horizon, current, id);
    }

    private static List<Revision> keptDeltas(Connection c, long id, long horizon) throws SQLException {
        List<Revision> kept = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(REVISION_SELECT + """
                WHERE r.document_id = ? AND r.revision <= ? AND r.body_form = 'delta'
                  AND r.revision IN (SELECT revision FROM read_markers WHERE document_id = ?)""")) {
            s.setLong(1, id);
            s.setLong(2, horizon);
            s.setLong(3, id);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    kept.add(revision(c, rs));
                }
            }
        }
        return kept;
    }

    /** The body of the revision a push is about to retire: from the cache when it holds that revision. */
    private String currentBody(Connection c, String slug, Current current) throws SQLException {
        StoredDocument cached = cache.get(slug);
        if (cached != null && cached.revision() == current.revision) {
            return cached.body();
        }
        try (PreparedStatement s = c.prepareStatement("SELECT body FROM documents WHERE id = ?")) {
            s.setLong(1, current.id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private Optional<StoredDocument> changeMarks(String slug, String what, MarkChange change) {
        synchronized (writeLock) {
            boolean found = database.inTransaction(what, c -> {
                Long id = documentId(c, slug);
                if (id == null) {
                    return false;
                }
                change.apply(c, id);
                return true;
            });
            cache.invalidateQueue();
            cache.remove(slug);
            return found ? findLocked(slug) : Optional.empty();
        }
    }

    private Optional<StoredDocument> findLocked(String slug) {
        Optional<StoredDocument> found = database.read("read " + slug, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT " + DOCUMENT_COLUMNS + " FROM documents d"
                            + " JOIN revisions r ON r.document_id = d.id AND r.revision = d.revision WHERE d.slug = ?")) {
                s.setString(1, slug);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new StoredDocument(rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7)),
                            rs.getLong(8), rs.getString(9), markers(c, rs.getLong(1)),
                            reviewStatus(rs.getString(10))));
                }
            }
        });
        found.ifPresent(cache::put);
        return found;
    }

    private record Current(long id, long revision, String title, String bodySha256, Instant createdAt) {
    }

    private static Current current(Connection c, String slug) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT d.id, d.revision, d.title, r.body_sha256, d.created_at
                FROM documents d JOIN revisions r ON r.document_id = d.id AND r.revision = d.revision
                WHERE d.slug = ?""")) {
            s.setString(1, slug);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new Current(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        Instant.ofEpochMilli(rs.getLong(5))) : null;
            }
        }
    }

    private static long insertDocument(Connection c, String slug, String title, String body, String pushedBy,
                                       Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO documents (slug, title, pushed_by, pushed_at, created_at, revision, body)
                VALUES (?, ?, ?, ?, ?, 1, ?) RETURNING id""")) {
            s.setString(1, slug);
            s.setString(2, title);
            s.setString(3, pushedBy);
            s.setLong(4, now.toEpochMilli());
            s.setLong(5, now.toEpochMilli());
            s.setString(6, body);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The row id of the document with {@code slug}, or null; the review store uses it too. */
    static Long documentId(Connection c, String slug) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM documents WHERE slug = ?")) {
            s.setString(1, slug);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static List<ReadMarker> markers(Connection c, long id) throws SQLException {
        List<ReadMarker> markers = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT username, human, revision, read_at FROM read_markers WHERE document_id = ? ORDER BY username")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    markers.add(marker(rs, 1));
                }
            }
        }
        return markers;
    }

    private static Map<Long, List<ReadMarker>> allMarkers(Connection c) throws SQLException {
        Map<Long, List<ReadMarker>> markers = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT document_id, username, human, revision, read_at FROM read_markers ORDER BY username");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                markers.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(marker(rs, 2));
            }
        }
        return markers;
    }

    private static ReadMarker marker(ResultSet rs, int first) throws SQLException {
        return new ReadMarker(rs.getString(first), rs.getInt(first + 1) == 1, rs.getLong(first + 2),
                Instant.ofEpochMilli(rs.getLong(first + 3)));
    }

    /** A new revision has no verdict: pending until a person gives one. */
    private static ReviewStatus reviewStatus(String latestVerdict) {
        if (latestVerdict == null) {
            return ReviewStatus.PENDING;
        }
        return latestVerdict.equals("approve") ? ReviewStatus.APPROVED : ReviewStatus.CHANGES_REQUESTED;
    }

    /** Columns for {@link #revision(Connection, ResultSet)}; the current body is read only for the current revision. */
    private static final String REVISION_SELECT = """
            SELECT r.revision, r.title, r.pushed_by, r.pushed_at, r.body_sha256, r.body_bytes, r.document_id,
                   r.body_form, CASE WHEN r.body_form = 'current' THEN d.body ELSE r.body END
            FROM revisions r JOIN documents d ON d.id = r.document_id
            """;

    private static Revision revision(Connection c, ResultSet rs) throws SQLException {
        long number = rs.getLong(1);
        String sha256 = rs.getString(5);
        String body = RevisionBodies.body(c, rs.getLong(7), number, rs.getString(8), rs.getString(9), sha256);
        return new Revision(number, rs.getString(2), body, rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)),
                sha256, rs.getLong(6));
    }

    private static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            return s.executeUpdate();
        }
    }

    @FunctionalInterface
    private interface MarkChange {
        void apply(Connection c, long documentId) throws SQLException;
    }
}
