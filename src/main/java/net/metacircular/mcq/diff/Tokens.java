package net.metacircular.mcq.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts text into the tokens word diffs work on: runs of letters and digits
 * (words), runs of whitespace, and every other character on its own.
 */
public final class Tokens {

    private Tokens() {
    }

    public static List<String> of(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int start = i;
            int cp = text.codePointAt(i);
            if (isWordChar(cp)) {
                while (i < text.length() && isWordChar(text.codePointAt(i))) {
                    i += Character.charCount(text.codePointAt(i));
                }
            } else if (Character.isWhitespace(cp)) {
                while (i < text.length() && Character.isWhitespace(text.codePointAt(i))) {
                    i += Character.charCount(text.codePointAt(i));
                }
            } else {
                i += Character.charCount(cp);
            }
            tokens.add(text.substring(start, i));
        }
        return tokens;
    }

    public static boolean isWord(String token) {
        return !token.isEmpty() && isWordChar(token.codePointAt(0));
    }

    public static boolean isWhitespace(String token) {
        return !token.isEmpty() && Character.isWhitespace(token.codePointAt(0));
    }

    private static boolean isWordChar(int cp) {
        return Character.isLetterOrDigit(cp) || cp == '_';
    }
}
