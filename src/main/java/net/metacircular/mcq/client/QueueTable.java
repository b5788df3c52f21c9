package net.metacircular.mcq.client;

import net.metacircular.mcq.documents.DocumentSummary;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The queue as {@code mcq list} prints it: one aligned row per document,
 * {@value #UNREAD} in the first column for unread documents.
 *
 * <p>Every cell is made safe for a terminal first: titles and account names
 * come from other people, and a control character in them could otherwise
 * move the cursor or change colours.
 */
public final class QueueTable {

    public static final String UNREAD = "●";
    public static final String READ = " ";
    static final int MAX_TITLE_WIDTH = 60;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final String[] HEADER = {" ", "SLUG", "TITLE", "PUSHED BY", "PUSHED AT"};

    private QueueTable() {
    }

    public static String format(List<DocumentSummary> documents) {
        if (documents.isEmpty()) {
            return "The queue is empty.\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (DocumentSummary document : documents) {
            rows.add(new String[] {
                    document.read() ? READ : UNREAD,
                    safe(document.slug()),
                    truncate(safe(document.title()), MAX_TITLE_WIDTH),
                    safe(document.pushedBy()),
                    document.pushedAt() == null ? "" : WHEN.format(document.pushedAt())});
        }
        StringBuilder out = columns(rows);
        int unread = (int) documents.stream().filter(d -> !d.read()).count();
        out.append('\n').append(documents.size()).append(documents.size() == 1 ? " document, " : " documents, ")
                .append(unread).append(" unread\n");
        return out.toString();
    }

    /**
     * Rows laid out in columns two spaces apart, each as wide as its widest
     * cell in terminal columns, one line per row; the terminal tables of the
     * CLI share it.
     */
    static StringBuilder columns(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], width(row[i]));
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - width(row[i]) + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out;
    }

    /** Replaces control characters (escape sequences included) with U+FFFD. */
    static String safe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                out.append('\uFFFD');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    static String truncate(String text, int maxWidth) {
        if (width(text) <= maxWidth) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, maxWidth - 1)) + "…";
    }

    /** Columns a cell takes, counting one per code point (close enough for aligned text). */
    static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
