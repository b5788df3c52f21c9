package net.metacircular.mcq.db;

import net.metacircular.mcq.search.SearchIndex;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;

/**
 * The search index in SQLite FTS5, in a file of its own beside the database
 * ({@code mcq.db} gives {@code mcq.search.db}); why, and its schema, in
 * {@code db/search/V1__search_index.sql}. Entries are read from the database
 * and written to the index file, whose own write lock no push waits for.
 */
public final class SqliteSearchIndex implements SearchIndex {

    /** bm25 weights of title, body and comments: a word in the title counts most. */
    private static final String RANK = "bm25(document_text, 10.0, 1.0, 0.5)";
    /** The slugs of the indexed documents, for a {@code WHERE} on {@code document_text} to follow. */
    private static final String SLUGS = "SELECT i.slug FROM document_text JOIN indexed i ON i.id = document_text.rowid";

    /**
     * What the database holds for each document, as the index records it: the
     * revision, the body's hash (a restored database may reuse a row id and a
     * revision number for other text), and the count and newest id of its
     * comments and of their replies.
     */
    private static final String STATE = """
            SELECT d.slug, d.id, d.revision || ':' || r.body_sha256,
                   (SELECT count(*) || ':' || coalesce(max(c.id), 0) FROM comments c WHERE c.document_id = d.id)
                   || '/' ||
                   (SELECT count(*) || ':' || coalesce(max(p.id), 0)
                    FROM replies p JOIN comments c ON c.id = p.comment_id WHERE c.document_id = d.id)
            FROM documents d JOIN revisions r ON r.document_id = d.id AND r.revision = d.revision""";

    private final Database database;
    private final Database index;

    private SqliteSearchIndex(Database database, Database index) {
        this.database = database;
        this.index = index;
    }

    /** Opens (creating if needed) the index file of {@code database}. */
    public static SqliteSearchIndex open(Database database) {
        return new SqliteSearchIndex(database, Database.open(pathFor(database.path()), Migrations.search()));
    }

    /** {@code mcq.db} gives {@code mcq.search.db}; any other name gets {@code .search.db} added. */
    public static Path pathFor(Path databasePath) {
        String name = databasePath.getFileName().toString();
        String stem = name.endsWith(".db") ? name.substring(0, name.length() - 3) : name;
        return databasePath.resolveSibling(stem + ".search.db");
    }

    private record State(long id, String version, String comments) {
    }

    @Override
    public Set<String> stale() {
        Map<String, State> current = database.read("read documents for the search index", c -> states(c, STATE));
        Map<String, State> indexed = index.read("read the search index",
                c -> states(c, "SELECT slug, id, revision, comments FROM indexed"));
        Set<String> stale = new HashSet<>();
        current.forEach((slug, state) -> {
            if (!state.equals(indexed.get(slug))) {
                stale.add(slug);
            }
        });
        indexed.keySet().stream().filter(slug -> !current.containsKey(slug)).forEach(stale::add);
        return stale;
    }

    private static Map<String, State> states(Connection c, String sql) throws SQLException {
        Map<String, State> states = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                states.put(rs.getString(1), new State(rs.getLong(2), rs.getString(3), rs.getString(4)));
            }
        }
        return states;
    }

    private record Entry(State state, String title, String body, String comments) {
    }

    @Override
    public void refresh(String slug) {
        Entry entry = database.read("read " + slug + " for the search index", c -> entry(c, slug));
        index.inTransaction("index " + slug, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM indexed WHERE slug = ?")) {
                s.setString(1, slug);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        remove(c, rs.getLong(1));
                    }
                }
            }
            if (entry != null) {
                // A document deleted and pushed again under another slug may have left its row id behind.
                remove(c, entry.state().id());
                add(c, slug, entry);
            }
            return null;
        });
    }

    private static Entry entry(Connection c, String slug) throws SQLException {
        State state;
        String title;
        String body;
        try (PreparedStatement s = c.prepareStatement(STATE + " WHERE d.slug = ?")) {
            s.setString(1, slug);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                state = new State(rs.getLong(2), rs.getString(3), rs.getString(4));
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT title, body FROM documents WHERE id = ?")) {
            s.setLong(1, state.id());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                title = rs.getString(1);
                body = rs.getString(2);
            }
        }
        StringBuilder comments = new StringBuilder();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT text, coalesce(replacement, '') FROM comments WHERE document_id = ?
                UNION ALL
                SELECT p.text, '' FROM replies p JOIN comments c ON c.id = p.comment_id WHERE c.document_id = ?""")) {
            s.setLong(1, state.id());
            s.setLong(2, state.id());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    comments.append(rs.getString(1)).append('\n').append(rs.getString(2)).append("\n\n");
                }
            }
        }
        return new Entry(state, title, body, comments.toString());
    }

    private static void remove(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM document_text WHERE rowid = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM indexed WHERE id = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
        }
    }

    private static void add(Connection c, String slug, Entry entry) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO indexed (id, slug, revision, comments) VALUES (?, ?, ?, ?)")) {
            s.setLong(1, entry.state().id());
            s.setString(2, slug);
            s.setString(3, entry.state().version());
            s.setString(4, entry.state().comments());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO document_text (rowid, title, body, comments) VALUES (?, ?, ?, ?)")) {
            s.setLong(1, entry.state().id());
            s.setString(2, withoutMarks(entry.title()));
            s.setString(3, withoutMarks(entry.body()));
            s.setString(4, withoutMarks(entry.comments()));
            s.executeUpdate();
        }
    }

    /** The snippet marks must mean only "matched word", so the text never carries them. */
    private static String withoutMarks(String text) {
        return text.indexOf(MARK_START) < 0 && text.indexOf(MARK_END) < 0 ? text
                : text.replace(MARK_START, ' ').replace(MARK_END, ' ');
    }

    @Override
    public List<String> match(String expression, int limit, int offset) {
        return slugs(SLUGS + " WHERE document_text MATCH ? ORDER BY " + RANK + " LIMIT ? OFFSET ?",
                expression, limit, offset);
    }

    @Override
    public Set<String> matching(String expression) {
        return new HashSet<>(slugs(SLUGS + " WHERE document_text MATCH ?", expression));
    }

    /** The slugs a query of the index gives, in its order. */
    private List<String> slugs(String sql, Object... parameters) {
        return query("search", c -> {
            List<String> slugs = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        slugs.add(rs.getString(1));
                    }
                }
            }
            return slugs;
        });
    }

    @Override
    public int count(String expression) {
        return query("count search matches", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM document_text WHERE document_text MATCH ?")) {
                s.setString(1, expression);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    @Override
    public Map<String, String> snippets(String expression, Collection<String> slugs, int words) {
        if (slugs.isEmpty()) {
            return Map.of();
        }
        return query("search snippets", c -> {
            Map<String, String> snippets = new LinkedHashMap<>();
            // Usually by row id, so FTS5 reads only these rows instead of every match. Not for a prefix
            // (a "*" outside quotes; inside, one only costs the slower way): FTS5 would expand the
            // prefix into its terms again for each row id, slower than reading every match once.
            boolean byRowId = expression.indexOf('*') < 0;
            try (PreparedStatement s = c.prepareStatement("SELECT i.slug, snippet(document_text, -1, ?, ?, '…', ?)"
                    + " FROM document_text JOIN indexed i ON i.id = document_text.rowid"
                    + " WHERE document_text MATCH ? AND " + (byRowId
                    ? "document_text.rowid IN (SELECT id FROM indexed WHERE slug IN (" + placeholders(slugs.size()) + "))"
                    : "i.slug IN (" + placeholders(slugs.size()) + ")"))) {
                int n = 0;
                s.setString(++n, String.valueOf(MARK_START));
                s.setString(++n, String.valueOf(MARK_END));
                s.setInt(++n, words);
                s.setString(++n, expression);
                for (String slug : slugs) {
                    s.setString(++n, slug);
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        snippets.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return snippets;
        });
    }

    private static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    /** A read of the index; FTS5's refusal of the expression becomes {@link BadExpression}. */
    private <T> T query(String what, Database.Work<T> work) {
        try {
            return index.read(what, work);
        } catch (DatabaseException e) {
            if (e.getCause() instanceof SQLException sql && sql.getMessage() != null
                    && sql.getMessage().contains("fts5")) {
                throw new BadExpression(sql.getMessage().replaceFirst("^.*?(fts5)", "$1"));
            }
            throw e;
        }
    }

    @Override
    public void close() {
        index.close();
    }
}
