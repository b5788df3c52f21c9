package net.metacircular.mcq.render;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code being highlighted, plus the regex matchers reused while scanning it.
 * One instance serves one highlighting call on one thread, so scanners stay
 * stateless and thread-safe while matchers are not reallocated at every position.
 */
final class SourceText {

    private final String text;
    private final Map<Pattern, Matcher> matchers = new IdentityHashMap<>();

    SourceText(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    int length() {
        return text.length();
    }

    char charAt(int index) {
        return text.charAt(index);
    }

    boolean startsWith(String prefix, int from) {
        return text.startsWith(prefix, from);
    }

    boolean atLineStart(int index) {
        return index == 0 || text.charAt(index - 1) == '\n';
    }

    int endOfLine(int from) {
        int newline = text.indexOf('\n', from);
        return newline < 0 ? text.length() : newline;
    }

    /** End of the identifier starting at {@code from}, or {@code from} if none starts there. */
    int endOfIdentifier(int from) {
        int end = from;
        while (end < text.length() && isIdentifierChar(text.charAt(end))) {
            end++;
        }
        return end;
    }

    static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** A matcher for {@code pattern} whose region starts at {@code from}; lookarounds may see outside it. */
    Matcher matcher(Pattern pattern, int from) {
        Matcher matcher = matchers.computeIfAbsent(pattern, p -> p.matcher(text)
                .useTransparentBounds(true)
                .useAnchoringBounds(false));
        return matcher.region(from, text.length());
    }
}
