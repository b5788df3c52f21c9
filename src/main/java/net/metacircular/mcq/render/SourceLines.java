package net.metacircular.mcq.render;

import java.util.List;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.node.Document;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;

/**
 * The Markdown source position a rendered block carries, as
 * {@code data-source-lines="FIRST-LAST"} (one-based, inclusive): on top-level
 * blocks, list items and table rows. The reader's comment tool maps a selection
 * to source lines with it; the review service checks the range, the browser's
 * word for it is never trusted beyond that.
 */
final class SourceLines {

    static final String ATTRIBUTE = "data-source-lines";

    /** What the sanitizer lets through: two small line numbers and nothing else. */
    static final Pattern VALUE = Pattern.compile("\\d{1,7}-\\d{1,7}");

    private SourceLines() {
    }

    /** "first-last" for a block that carries its position, else null. */
    static String of(Node node) {
        boolean carries = node.getParent() instanceof Document || node instanceof ListItem || node instanceof TableRow;
        if (!carries) {
            return null;
        }
        List<SourceSpan> spans = node.getSourceSpans();
        if (spans == null || spans.isEmpty()) {
            return null;
        }
        int first = spans.get(0).getLineIndex() + 1;
        int last = spans.get(spans.size() - 1).getLineIndex() + 1;
        return first + "-" + last;
    }

    /** The value if it is a well-formed range, else null. */
    static String checked(String value) {
        return value != null && VALUE.matcher(value).matches() ? value : null;
    }
}
