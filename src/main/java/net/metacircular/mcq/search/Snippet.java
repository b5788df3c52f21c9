package net.metacircular.mcq.search;

import java.util.ArrayList;
import java.util.List;

/**
 * A passage of a found document, as plain text, with the words that matched
 * as ranges of it. Surfaces escape the text for what they write (the web UI
 * wraps each range in {@code <mark>}); the text itself is never markup.
 */
public record Snippet(String text, List<Highlight> highlights) {

    /** Characters {@code start} (inclusive) to {@code end} (exclusive) of the text matched. */
    public record Highlight(int start, int end) {
    }

    public Snippet {
        highlights = List.copyOf(highlights);
    }

    /** Reads the index's snippet, whose matched words stand between its two marks. */
    static Snippet fromMarked(String marked) {
        StringBuilder text = new StringBuilder(marked.length());
        List<Highlight> highlights = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == SearchIndex.MARK_START) {
                start = text.length();
            } else if (c == SearchIndex.MARK_END) {
                if (start >= 0 && start < text.length()) {
                    highlights.add(new Highlight(start, text.length()));
                }
                start = -1;
            } else {
                text.append(c);
            }
        }
        return new Snippet(text.toString(), highlights);
    }
}
