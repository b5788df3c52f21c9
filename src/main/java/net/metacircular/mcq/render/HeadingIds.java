package net.metacircular.mcq.render;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * GitHub-style heading slugs, made unique within one document.
 *
 * <p>"Getting Started!" becomes {@code getting-started}; a second heading with
 * the same text gets {@code getting-started-1}, a third {@code -2}. The suffixed
 * form is also checked against earlier ids, so "A", "A", "A-1" yields
 * {@code a}, {@code a-1}, {@code a-1-1} rather than a duplicate. Slugs never
 * contain ':', which keeps them apart from footnote ids ({@link FootnoteIds}).
 *
 * <p>One instance per document; not thread-safe.
 */
final class HeadingIds {

    /** Used when a heading has no letters or digits at all (e.g. only emoji). */
    static final String FALLBACK = "section";

    private final Set<String> used = new HashSet<>();
    /**
     * Per slug, the suffix to try next. Ids are never released, so suffixes
     * below it are taken for good; remembering it keeps a document of many
     * same-named headings linear instead of quadratic.
     */
    private final Map<String, Integer> nextSuffix = new HashMap<>();

    /** A new unique id for a heading with this plain text (without the {@link Anchors} prefix). */
    String next(String headingText) {
        String base = slug(headingText);
        if (base.isEmpty()) {
            base = FALLBACK;
        }
        String candidate = base;
        if (used.contains(candidate)) {
            int n = nextSuffix.getOrDefault(base, 1);
            do {
                candidate = base + "-" + n++;
            } while (used.contains(candidate));
            nextSuffix.put(base, n);
        }
        used.add(candidate);
        return candidate;
    }

    /** Lower-cases, keeps letters, digits, '-' and '_', turns spaces into '-', drops everything else. */
    static String slug(String text) {
        StringBuilder slug = new StringBuilder(text.length());
        text.strip().toLowerCase(Locale.ROOT).codePoints().forEach(cp -> {
            if (Character.isLetterOrDigit(cp) || cp == '-' || cp == '_') {
                slug.appendCodePoint(cp);
            } else if (cp == ' ') {
                slug.append('-');
            }
        });
        return slug.toString();
    }
}
