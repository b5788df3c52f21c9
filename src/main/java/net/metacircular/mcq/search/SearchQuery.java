package net.metacircular.mcq.search;

import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.documents.ReviewStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A search as a person types it: words, {@code "phrases"}, prefixes
 * ({@code revis*}) and filters ({@code is:unread}, {@code is:read},
 * {@code status:pending|approved|changes_requested}, {@code by:USER}), all of
 * which must hold.
 *
 * <p>Every word and phrase reaches FTS5 as a quoted string, so nothing typed
 * is ever FTS5 syntax: {@code AND}, {@code NEAR(}, {@code title:} and stray
 * brackets are words like any other. What cannot be read (an unclosed quote,
 * an unknown filter value, a query too long) is refused here with a message
 * that says why.
 */
public record SearchQuery(List<Term> terms, Boolean read, ReviewStatus status, String pushedBy) {

    public static final int MAX_LENGTH = 500;
    public static final int MAX_TERMS = 32;

    /** A word or a phrase to find; {@code prefix} also finds words that start with it. */
    public record Term(String text, boolean phrase, boolean prefix) {
    }

    public SearchQuery {
        terms = List.copyOf(terms);
    }

    /** True when the query narrows by read state, review status or pusher. */
    public boolean hasFilters() {
        return read != null || status != null || pushedBy != null;
    }

    /** True when there is text to find, not only filters. */
    public boolean hasText() {
        return !terms.isEmpty();
    }

    /** The FTS5 expression: each term a quoted string, all of them required. */
    public String expression() {
        StringBuilder expression = new StringBuilder();
        for (Term term : terms) {
            if (expression.length() > 0) {
                expression.append(' ');
            }
            expression.append('"').append(term.text().replace("\"", "\"\"")).append('"');
            if (term.prefix()) {
                expression.append(" *");
            }
        }
        return expression.toString();
    }

    /** @throws ServiceException INVALID_INPUT, saying what is wrong, when {@code query} cannot be read */
    public static SearchQuery parse(String query) {
        if (query == null || query.isBlank()) {
            throw ServiceException.invalid("q is required: words, \"a phrase\", prefix*, is:unread, status:approved, by:user");
        }
        if (query.length() > MAX_LENGTH) {
            throw ServiceException.invalid("a search may have at most " + MAX_LENGTH + " characters");
        }
        List<Term> terms = new ArrayList<>();
        Boolean read = null;
        ReviewStatus status = null;
        String pushedBy = null;
        int i = 0;
        while (i < query.length()) {
            char c = query.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '"') {
                int close = query.indexOf('"', i + 1);
                if (close < 0) {
                    throw ServiceException.invalid("a quote is not closed: end the phrase with \"");
                }
                addTerm(terms, query.substring(i + 1, close), true, close + 1 < query.length()
                        && query.charAt(close + 1) == '*');
                i = close + 1;
                continue;
            }
            int end = i;
            while (end < query.length() && !Character.isWhitespace(query.charAt(end)) && query.charAt(end) != '"') {
                end++;
            }
            String word = query.substring(i, end);
            i = end;
            int colon = word.indexOf(':');
            String key = colon > 0 ? word.substring(0, colon).toLowerCase(Locale.ROOT) : "";
            String value = colon > 0 ? word.substring(colon + 1) : "";
            switch (key) {
                case "is" -> read = switch (value.toLowerCase(Locale.ROOT)) {
                    case "read" -> true;
                    case "unread" -> false;
                    default -> throw ServiceException.invalid("is: takes read or unread");
                };
                case "status" -> status = status(value);
                case "by" -> {
                    if (value.isEmpty()) {
                        throw ServiceException.invalid("by: takes the name of who pushed, such as by:ci-bot");
                    }
                    pushedBy = value;
                }
                default -> {
                    boolean prefix = word.endsWith("*");
                    addTerm(terms, prefix ? word.substring(0, word.length() - 1) : word, false, prefix);
                }
            }
        }
        if (terms.isEmpty() && read == null && status == null && pushedBy == null) {
            throw ServiceException.invalid("nothing to search for: give a word with letters or digits");
        }
        return new SearchQuery(terms, read, status, pushedBy);
    }

    private static void addTerm(List<Term> terms, String text, boolean phrase, boolean prefix) {
        // FTS5 finds only letters and digits; a term of punctuation alone would match nothing.
        if (text.codePoints().noneMatch(Character::isLetterOrDigit)) {
            return;
        }
        if (terms.size() == MAX_TERMS) {
            throw ServiceException.invalid("a search may have at most " + MAX_TERMS + " words and phrases");
        }
        terms.add(new Term(text, phrase, prefix));
    }

    private static ReviewStatus status(String value) {
        try {
            return ReviewStatus.fromWireName(value.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ServiceException.invalid("status: takes pending, approved or changes_requested");
        }
    }
}
