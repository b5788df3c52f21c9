package net.metacircular.mcq.client;

/**
 * Text from documents made safe to print on a terminal. A document is
 * written by someone else, and an escape sequence in it could otherwise move
 * the cursor, change colours or rewrite the title bar; a bidirectional
 * override could make the printed text read differently from what it is.
 */
public final class TerminalText {

    private TerminalText() {
    }

    /**
     * One line with every control character (ESC included) and bidirectional
     * control replaced by U+FFFD. Tabs are kept, since code is indented with
     * them, and a trailing carriage return (a CRLF line ending) is dropped.
     */
    public static String safeLine(String line) {
        String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c != '\t' && (Character.isISOControl(c) || isLayoutControl(c))) {
                out.append('\uFFFD');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** Line and paragraph separators, and the bidirectional embedding, override and isolate marks. */
    private static boolean isLayoutControl(int c) {
        return c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }
}
