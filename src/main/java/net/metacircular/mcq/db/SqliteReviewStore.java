package net.metacircular.mcq.db;

import net.metacircular.mcq.reviews.Anchor;
import net.metacircular.mcq.reviews.Comment;
import net.metacircular.mcq.reviews.CommentKind;
import net.metacircular.mcq.reviews.Reply;
import net.metacircular.mcq.reviews.ReviewStore;
import net.metacircular.mcq.reviews.Verdict;
import net.metacircular.mcq.reviews.VerdictKind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Comments, replies and verdicts in SQLite, with plain SQL. Every statement
 * names its document by slug, so a comment id from another document is
 * simply not found. Verdicts change a document's review status, which the
 * document store computes and caches: they are written through
 * {@link SqliteDocumentStore#underWriteLock}, so the cache is dropped in the
 * same critical section as the write.
 */
public final class SqliteReviewStore implements ReviewStore {

    private static final String COMMENT_COLUMNS = """
            c.id, c.revision, c.kind, c.quote, c.prefix, c.suffix, c.start_line, c.end_line, c.text,
            c.replacement, c.author, c.created_at, c.resolved_by, c.resolved_at""";

    private final Database database;
    private final SqliteDocumentStore documents;

    public SqliteReviewStore(Database database, SqliteDocumentStore documents) {
        this.database = database;
        this.documents = documents;
    }

    @Override
    public Optional<Comment> addComment(String slug, long revision, CommentKind kind, Anchor anchor, String text,
                                        String replacement, String author, Instant at, int maxComments) {
        long now = at.toEpochMilli();
        return database.inTransaction("comment on " + slug, c -> {
            Long documentId = SqliteDocumentStore.documentId(c, slug);
            if (documentId == null) {
                return Optional.empty();
            }
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM comments WHERE document_id = ?")) {
                s.setLong(1, documentId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) >= maxComments) {
                        throw new TooManyComments(maxComments);
                    }
                }
            }
            long id;
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO comments (document_id, revision, kind, quote, prefix, suffix, start_line, end_line,
                                          text, replacement, author, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
                s.setLong(1, documentId);
                s.setLong(2, revision);
                s.setString(3, kind.wireName());
                s.setString(4, anchor == null ? null : anchor.quote());
                s.setString(5, anchor == null ? null : anchor.prefix());
                s.setString(6, anchor == null ? null : anchor.suffix());
                setInt(s, 7, anchor == null ? null : anchor.startLine());
                setInt(s, 8, anchor == null ? null : anchor.endLine());
                s.setString(9, text);
                s.setString(10, replacement);
                s.setString(11, author);
                s.setLong(12, now);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            return Optional.of(new Comment(id, revision, kind, anchor, null, false, text, replacement, author,
                    Instant.ofEpochMilli(now), false, null, null, List.of()));
        });
    }

    @Override
    public Optional<Reply> addReply(String slug, long commentId, String author, String text, Instant at) {
        long now = at.toEpochMilli();
        return database.inTransaction("reply on " + slug, c -> {
            if (!commentExists(c, slug, commentId)) {
                return Optional.empty();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO replies (comment_id, author, text, created_at) VALUES (?, ?, ?, ?) RETURNING id")) {
                s.setLong(1, commentId);
                s.setString(2, author);
                s.setString(3, text);
                s.setLong(4, now);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return Optional.of(new Reply(rs.getLong(1), author, text, Instant.ofEpochMilli(now)));
                }
            }
        });
    }

    @Override
    public Optional<Comment> comment(String slug, long commentId) {
        return database.read("comment " + commentId + " of " + slug, c -> readComment(c, slug, commentId));
    }

    @Override
    public Optional<Comment> setResolved(String slug, long commentId, String resolvedBy, Instant at) {
        return database.inTransaction((resolvedBy == null ? "reopen " : "resolve ") + slug, c -> {
            if (!commentExists(c, slug, commentId)) {
                return Optional.empty();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE comments SET resolved_by = ?, resolved_at = ? WHERE id = ?")) {
                s.setString(1, resolvedBy);
                if (resolvedBy == null) {
                    s.setNull(2, Types.INTEGER);
                } else {
                    s.setLong(2, at.toEpochMilli());
                }
                s.setLong(3, commentId);
                s.executeUpdate();
            }
            return readComment(c, slug, commentId);
        });
    }

    @Override
    public boolean deleteComment(String slug, long commentId) {
        // Replies go with the comment (ON DELETE CASCADE).
        return database.inTransaction("delete comment on " + slug, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    DELETE FROM comments
                    WHERE id = ? AND document_id = (SELECT id FROM documents WHERE slug = ?)""")) {
                s.setLong(1, commentId);
                s.setString(2, slug);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<List<Comment>> comments(String slug) {
        return database.read("comments of " + slug, c -> {
            Long documentId = SqliteDocumentStore.documentId(c, slug);
            if (documentId == null) {
                return Optional.empty();
            }
            Map<Long, List<Reply>> replies = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT r.comment_id, r.id, r.author, r.text, r.created_at
                    FROM replies r JOIN comments c ON c.id = r.comment_id
                    WHERE c.document_id = ? ORDER BY r.id""")) {
                s.setLong(1, documentId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        replies.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(reply(rs, 2));
                    }
                }
            }
            List<Comment> comments = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT " + COMMENT_COLUMNS + " FROM comments c WHERE c.document_id = ? ORDER BY c.id")) {
                s.setLong(1, documentId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        comments.add(comment(rs, replies.getOrDefault(rs.getLong(1), List.of())));
                    }
                }
            }
            return Optional.of(List.copyOf(comments));
        });
    }

    @Override
    public Optional<Verdict> addVerdict(String slug, long revision, VerdictKind kind, String summary,
                                        String reviewer, Instant at) {
        long now = at.toEpochMilli();
        return documents.underWriteLock(slug, () -> database.inTransaction("verdict on " + slug, c -> {
            // Only on the current revision: a push between reading and judging makes this write nothing.
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO verdicts (document_id, revision, verdict, summary, reviewer, at)
                    SELECT id, revision, ?, ?, ?, ? FROM documents WHERE slug = ? AND revision = ?""")) {
                s.setString(1, kind.wireName());
                s.setString(2, summary);
                s.setString(3, reviewer);
                s.setLong(4, now);
                s.setString(5, slug);
                s.setLong(6, revision);
                if (s.executeUpdate() == 0) {
                    return Optional.<Verdict>empty();
                }
            }
            return Optional.of(new Verdict(revision, kind, summary, reviewer, Instant.ofEpochMilli(now)));
        }));
    }

    @Override
    public Optional<Verdict> latestVerdict(String slug, long revision) {
        return database.read("verdict on " + slug, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT v.revision, v.verdict, v.summary, v.reviewer, v.at
                    FROM verdicts v JOIN documents d ON d.id = v.document_id
                    WHERE d.slug = ? AND v.revision = ? ORDER BY v.id DESC LIMIT 1""")) {
                s.setString(1, slug);
                s.setLong(2, revision);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Verdict(rs.getLong(1), VerdictKind.fromWireName(rs.getString(2)),
                            rs.getString(3), rs.getString(4), Instant.ofEpochMilli(rs.getLong(5))));
                }
            }
        });
    }

    private static Optional<Comment> readComment(Connection c, String slug, long commentId) throws SQLException {
        List<Reply> replies = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, author, text, created_at FROM replies WHERE comment_id = ? ORDER BY id")) {
            s.setLong(1, commentId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    replies.add(reply(rs, 1));
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT " + COMMENT_COLUMNS
                + " FROM comments c JOIN documents d ON d.id = c.document_id WHERE c.id = ? AND d.slug = ?")) {
            s.setLong(1, commentId);
            s.setString(2, slug);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(comment(rs, replies)) : Optional.empty();
            }
        }
    }

    private static boolean commentExists(Connection c, String slug, long commentId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT 1 FROM comments c JOIN documents d ON d.id = c.document_id WHERE c.id = ? AND d.slug = ?""")) {
            s.setLong(1, commentId);
            s.setString(2, slug);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Comment comment(ResultSet rs, List<Reply> replies) throws SQLException {
        String quote = rs.getString(4);
        Anchor anchor = quote == null ? null
                : new Anchor(quote, rs.getString(5), rs.getString(6), rs.getInt(7), rs.getInt(8));
        String resolvedBy = rs.getString(13);
        long resolvedAt = rs.getLong(14);
        return new Comment(rs.getLong(1), rs.getLong(2), CommentKind.fromWireName(rs.getString(3)), anchor, null,
                false, rs.getString(9), rs.getString(10), rs.getString(11), Instant.ofEpochMilli(rs.getLong(12)),
                resolvedBy != null, resolvedBy, resolvedBy == null ? null : Instant.ofEpochMilli(resolvedAt),
                replies);
    }

    private static Reply reply(ResultSet rs, int first) throws SQLException {
        return new Reply(rs.getLong(first), rs.getString(first + 1), rs.getString(first + 2),
                Instant.ofEpochMilli(rs.getLong(first + 3)));
    }

    private static void setInt(PreparedStatement s, int index, Integer value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setInt(index, value);
        }
    }
}
