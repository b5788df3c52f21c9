package net.metacircular.mcq.db;

import net.metacircular.mcq.diff.LineDelta;
import net.metacircular.mcq.documents.BodyHash;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * How the bodies of revisions that are no longer current are kept (see
 * V005__revision_deltas.sql): as a line delta from the next revision, or
 * whole. A push stores the retiring revision's body in the smaller form; a
 * read rebuilds it from the nearest whole body above it and checks the
 * result against the revision's SHA-256, so a damaged chain is reported
 * rather than shown.
 */
final class RevisionBodies {

    /** Every revision whose number is a multiple of this stays whole, bounding a rebuild to this many deltas. */
    static final int WHOLE_EVERY = 32;

    private RevisionBodies() {
    }

    /** How a retiring revision's body will be stored: {@code form} is {@code full} or {@code delta}. */
    record Retirement(long revision, String form, String stored) {
    }

    /**
     * The smaller form of {@code body}, the body of {@code revision} that a
     * push replaces with {@code newer}: a delta from {@code newer} when that is
     * much smaller, else the body itself.
     */
    static Retirement retirement(long revision, String body, String newer) {
        String delta = revision % WHOLE_EVERY == 0 ? null : LineDelta.encode(newer, body);
        return delta == null ? new Retirement(revision, "full", body) : new Retirement(revision, "delta", delta);
    }

    static void retire(Connection c, long documentId, Retirement retirement) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE revisions SET body_form = ?, body = ? WHERE document_id = ? AND revision = ?")) {
            s.setString(1, retirement.form());
            s.setString(2, retirement.stored());
            s.setLong(3, documentId);
            s.setLong(4, retirement.revision());
            s.executeUpdate();
        }
    }

    /** Stores {@code revision} whole, so it no longer depends on the revisions above it (before those are pruned). */
    static void keepWhole(Connection c, long documentId, long revision, String body) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE revisions SET body_form = 'full', body = ? WHERE document_id = ? AND revision = ?""")) {
            s.setString(1, body);
            s.setLong(2, documentId);
            s.setLong(3, revision);
            s.executeUpdate();
        }
    }

    /**
     * The whole body of a revision stored as {@code form} with {@code stored}
     * (the delta or the body; the current body for a current revision).
     */
    static String body(Connection c, long documentId, long revision, String form, String stored, String sha256)
            throws SQLException {
        if (!"delta".equals(form)) {
            return stored;
        }
        List<String> deltas = new ArrayList<>();
        deltas.add(stored);
        String base = null;
        try (PreparedStatement s = c.prepareStatement("""
                SELECT r.revision, r.body_form, CASE WHEN r.body_form = 'current' THEN d.body ELSE r.body END
                FROM revisions r JOIN documents d ON d.id = r.document_id
                WHERE r.document_id = ? AND r.revision > ? ORDER BY r.revision""")) {
            s.setLong(1, documentId);
            s.setLong(2, revision);
            try (ResultSet rs = s.executeQuery()) {
                long expected = revision + 1;
                while (rs.next()) {
                    if (rs.getLong(1) != expected) {
                        throw damaged(revision, "revision " + expected + " it depends on is missing");
                    }
                    if (!"delta".equals(rs.getString(2))) {
                        base = rs.getString(3);
                        break;
                    }
                    deltas.add(rs.getString(3));
                    expected++;
                }
            }
        }
        if (base == null) {
            throw damaged(revision, "no whole body above it");
        }
        String body = base;
        try {
            for (int i = deltas.size() - 1; i >= 0; i--) {
                body = LineDelta.apply(body, deltas.get(i));
            }
        } catch (IllegalArgumentException e) {
            throw damaged(revision, e.getMessage());
        }
        if (!BodyHash.of(body).equals(sha256)) {
            throw damaged(revision, "the rebuilt body does not match its SHA-256");
        }
        return body;
    }

    private static DatabaseException damaged(long revision, String why) {
        return new DatabaseException("revision " + revision + " is damaged: " + why, null);
    }
}
