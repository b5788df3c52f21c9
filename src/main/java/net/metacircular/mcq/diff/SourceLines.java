package net.metacircular.mcq.diff;

import java.util.ArrayList;
import java.util.List;

/** Splits Markdown source into lines as commonmark does ("\r\n", "\r" or "\n"), in one pass without a regex. */
public final class SourceLines {

    private SourceLines() {
    }

    public static String[] of(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        lines.add(text.substring(start));
        return lines.toArray(String[]::new);
    }
}
