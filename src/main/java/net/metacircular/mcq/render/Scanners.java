package net.metacircular.mcq.render;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Building blocks for language rules. Strings and comments are scanned by hand
 * rather than by regex: documents are untrusted, and a backtracking regex over
 * a long string literal can overflow the stack or take quadratic time. The regex
 * scanners are kept to short, simple tokens (numbers, annotations, tags).
 */
final class Scanners {

    /** How a quoted string escapes its own quote character. */
    enum Escape {
        /** {@code \"} escapes the quote (C family, JSON, shells' double quotes). */
        BACKSLASH,
        /** A doubled quote stands for one ({@code 'it''s'} in SQL). */
        DOUBLED,
        /** No escapes at all (shell single quotes, Go raw strings). */
        NONE
    }

    private Scanners() {
    }

    /** From {@code prefix} to the end of the line. */
    static Scanner lineComment(String prefix) {
        return (source, from) -> source.startsWith(prefix, from) ? source.endOfLine(from) : -1;
    }

    /** From {@code open} to {@code close}, or to the end of the code if it is never closed. */
    static Scanner delimited(String open, String close) {
        return (source, from) -> {
            if (!source.startsWith(open, from)) {
                return -1;
            }
            int closeAt = source.text().indexOf(close, from + open.length());
            return closeAt < 0 ? source.length() : closeAt + close.length();
        };
    }

    /**
     * A string in {@code quote} characters. Unless {@code multiline}, an
     * unterminated string stops at the end of the line so one stray quote does
     * not colour the rest of the block.
     */
    static Scanner quoted(char quote, Escape escape, boolean multiline) {
        return (source, from) -> {
            if (from >= source.length() || source.charAt(from) != quote) {
                return -1;
            }
            int i = from + 1;
            while (i < source.length()) {
                char c = source.charAt(i);
                if (c == '\\' && escape == Escape.BACKSLASH && i + 1 < source.length()) {
                    i += 2;
                } else if (c == quote) {
                    if (escape == Escape.DOUBLED && i + 1 < source.length() && source.charAt(i + 1) == quote) {
                        i += 2;
                    } else {
                        return i + 1;
                    }
                } else if (c == '\n' && !multiline) {
                    return i;
                } else {
                    i++;
                }
            }
            return i;
        };
    }

    /** {@code inner}, optionally preceded by one of the given string prefixes (Python's r"", b'', f""). */
    static Scanner prefixed(Set<String> prefixes, Scanner inner) {
        return (source, from) -> {
            int end = inner.scan(source, from);
            if (end > from) {
                return end;
            }
            for (String prefix : prefixes) {
                if (source.text().regionMatches(true, from, prefix, 0, prefix.length())) {
                    int after = inner.scan(source, from + prefix.length());
                    if (after > from + prefix.length()) {
                        return after;
                    }
                }
            }
            return -1;
        };
    }

    /** A whole identifier that is one of {@code words}. */
    static Scanner words(String... words) {
        Set<String> set = Set.of(words);
        return (source, from) -> {
            int end = source.endOfIdentifier(from);
            return end > from && set.contains(source.text().substring(from, end)) ? end : -1;
        };
    }

    /** Like {@link #words} but ignoring case, for SQL. Words must be given in lower case. */
    static Scanner wordsIgnoringCase(String... words) {
        Set<String> set = Set.of(words);
        return (source, from) -> {
            int end = source.endOfIdentifier(from);
            return end > from && set.contains(source.text().substring(from, end).toLowerCase(Locale.ROOT)) ? end : -1;
        };
    }

    /** An identifier starting with an upper-case letter: a type by convention in Java, Rust and friends. */
    static Scanner capitalizedIdentifier() {
        return (source, from) -> {
            if (from >= source.length() || !Character.isUpperCase(source.charAt(from))) {
                return -1;
            }
            return source.endOfIdentifier(from);
        };
    }

    /**
     * A token matched by {@code regex} at exactly this position. Keep these
     * patterns free of nested repetition: they run on untrusted text.
     */
    static Scanner regex(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return (source, from) -> {
            Matcher matcher = source.matcher(pattern, from);
            return matcher.lookingAt() && matcher.end() > from ? matcher.end() : -1;
        };
    }

    /** {@code inner}, only where it starts a line. */
    static Scanner atLineStart(Scanner inner) {
        return (source, from) -> source.atLineStart(from) ? inner.scan(source, from) : -1;
    }

    /** A whole line starting with {@code prefix} (diff lines). */
    static Scanner lineStartingWith(String prefix) {
        return atLineStart(lineComment(prefix));
    }

    /** {@code inner}, only when the text after it (skipping spaces and tabs) starts with {@code next}. */
    static Scanner followedBy(Scanner inner, char next) {
        return (source, from) -> {
            int end = inner.scan(source, from);
            if (end < 0) {
                return -1;
            }
            int i = end;
            while (i < source.length() && (source.charAt(i) == ' ' || source.charAt(i) == '\t')) {
                i++;
            }
            return i < source.length() && source.charAt(i) == next ? end : -1;
        };
    }

    /** Integer, decimal, hex, octal and binary literals, with digit separators and type suffixes. */
    static Scanner number() {
        return regex("(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+"
                + "|\\d[\\d_]*(?:\\.\\d[\\d_]*)?(?:[eE][+-]?\\d+)?)[a-zA-Z]{0,4}"
                + "|\\.\\d[\\d_]*(?:[eE][+-]?\\d+)?");
    }
}
