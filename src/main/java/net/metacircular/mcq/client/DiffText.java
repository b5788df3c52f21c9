package net.metacircular.mcq.client;

/**
 * A unified diff as {@code mcq diff} prints it: every line made safe for a
 * terminal, and, on a terminal, coloured like {@code git diff} (removed lines
 * red, added lines green, hunk headers cyan, file labels bold).
 */
public final class DiffText {

    static final String RED = "\u001b[31m";
    static final String GREEN = "\u001b[32m";
    static final String CYAN = "\u001b[36m";
    static final String BOLD = "\u001b[1m";
    static final String RESET = "\u001b[0m";

    private DiffText() {
    }

    /** @param colour add ANSI colours (only when printing to a terminal) */
    public static String format(String unified, boolean colour) {
        StringBuilder out = new StringBuilder(unified.length() + 64);
        String[] lines = unified.split("\n", -1);
        // The piece after the final newline is not a line.
        int count = unified.endsWith("\n") || unified.isEmpty() ? lines.length - 1 : lines.length;
        for (int i = 0; i < count; i++) {
            String line = lines[i];
            String safe = TerminalText.safeLine(line);
            String style = colour ? style(safe) : null;
            if (style == null) {
                out.append(safe);
            } else {
                out.append(style).append(safe).append(RESET);
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String style(String line) {
        if (line.startsWith("+++ ") || line.startsWith("--- ")) {
            return BOLD;
        }
        if (line.startsWith("@@")) {
            return CYAN;
        }
        if (line.startsWith("+")) {
            return GREEN;
        }
        if (line.startsWith("-")) {
            return RED;
        }
        return null;
    }
}
