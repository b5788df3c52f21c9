package net.metacircular.mcq.search;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The full-text index of documents' titles, current bodies and comments, as
 * {@link SearchService} needs it. It is derived from the database: each
 * entry is refreshed from what the database holds for one document.
 */
public interface SearchIndex extends AutoCloseable {

    /** Marks a matched word in a snippet; characters the index never stores. */
    char MARK_START = '\u0002';
    char MARK_END = '\u0003';

    /** A query the index cannot run, in the index's own words. */
    final class BadExpression extends RuntimeException {
        public BadExpression(String message) {
            super(message);
        }
    }

    /** The slugs whose entry differs from the database: new, changed or deleted documents. */
    Set<String> stale();

    /** Brings one document's entry up to date with the database, removing it when the document is gone. */
    void refresh(String slug);

    /**
     * The slugs of the documents matching an FTS5 expression, best first,
     * {@code limit} of them from the {@code offset}th.
     *
     * @throws BadExpression when FTS5 refuses the expression
     */
    List<String> match(String expression, int limit, int offset);

    /**
     * The slugs of every document matching an FTS5 expression, unranked:
     * far cheaper than ranking them, for counting what passes filters.
     *
     * @throws BadExpression when FTS5 refuses the expression
     */
    Set<String> matching(String expression);

    /**
     * How many documents match an FTS5 expression.
     *
     * @throws BadExpression when FTS5 refuses the expression
     */
    int count(String expression);

    /**
     * For each of {@code slugs} that matches, its best passage of about
     * {@code words} words, with matched words between {@link #MARK_START} and
     * {@link #MARK_END}.
     */
    Map<String, String> snippets(String expression, Collection<String> slugs, int words);

    @Override
    void close();
}
