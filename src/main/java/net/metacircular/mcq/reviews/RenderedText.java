package net.metacircular.mcq.reviews;

import net.metacircular.mcq.text.MarkdownDialect;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Block;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

import java.util.ArrayList;
import java.util.List;

/**
 * The text a reader sees in a revision, block by block, with each block's
 * Markdown source lines: what a reviewer's selection is matched against.
 * A reviewer selects rendered text ("Step **two**" reads "Step two"), so a
 * quote is looked for in this projection, whitespace collapsed; each
 * top-level block is one unit, and each item of a top-level list and each
 * row of a table its own, so a quote maps to the lines of the item it is in.
 *
 * <p>Also offers the raw source lines as units ({@link #sourceLines}), for
 * quotes copied from the Markdown source rather than the page.
 */
final class RenderedText {

    /** Beyond this many lines the source lines stand in for blocks, as the diff does. */
    private static final int MAX_PARSED_LINES = 100_000;

    /** One unit's collapsed text, its 1-based inclusive source lines, and where it starts in {@link #text}. */
    record Unit(String text, int firstLine, int lastLine, int offset) {
    }

    private final List<Unit> units;
    private final String text;
    private final int lineCount;

    private RenderedText(List<Unit> units, String text, int lineCount) {
        this.units = units;
        this.text = text;
        this.lineCount = lineCount;
    }

    /** Runs of whitespace as one space, none at the ends (by hand: this runs for every quote and context). */
    static String collapse(String value) {
        StringBuilder out = new StringBuilder(value.length());
        boolean space = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = !out.isEmpty();
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    static int lineCount(String markdown) {
        if (markdown.isEmpty()) {
            return 0;
        }
        int lines = 1;
        for (int i = 0; i < markdown.length(); i++) {
            if (markdown.charAt(i) == '\n' && i < markdown.length() - 1) {
                lines++;
            }
        }
        return lines;
    }

    static RenderedText of(String markdown) {
        int lineCount = lineCount(markdown);
        if (lineCount > MAX_PARSED_LINES) {
            return sourceLines(markdown);
        }
        Node document;
        try {
            document = Parser.builder()
                    .extensions(MarkdownDialect.EXTENSIONS)
                    .includeSourceSpans(IncludeSourceSpans.BLOCKS)
                    .build()
                    .parse(markdown);
        } catch (RuntimeException | StackOverflowError refused) {
            return sourceLines(markdown);
        }
        Builder builder = new Builder();
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof ListBlock) {
                for (Node item = node.getFirstChild(); item != null; item = item.getNext()) {
                    builder.add(item);
                }
            } else if (node instanceof TableBlock table) {
                addTable(builder, table);
            } else {
                builder.add(node);
            }
        }
        return new RenderedText(List.copyOf(builder.units), builder.text.toString(), lineCount);
    }

    /** Each source line as a unit: for quotes taken from the Markdown itself. */
    static RenderedText sourceLines(String markdown) {
        Builder builder = new Builder();
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            builder.add(collapse(lines[i]), i + 1, i + 1);
        }
        return new RenderedText(List.copyOf(builder.units), builder.text.toString(), lineCount(markdown));
    }

    private static void addTable(Builder builder, TableBlock table) {
        // Rows have source spans (head and body are containers of rows).
        boolean rows = false;
        for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
                if (!row.getSourceSpans().isEmpty()) {
                    builder.add(row);
                    rows = true;
                }
            }
        }
        if (!rows) {
            builder.add(table);
        }
    }

    List<Unit> units() {
        return units;
    }

    /** Every unit's text, joined by one space. */
    String text() {
        return text;
    }

    int lineCount() {
        return lineCount;
    }

    /** The unit holding character {@code offset} of {@link #text()} (a joining space belongs to the unit before). */
    Unit unitAt(int offset) {
        int low = 0;
        int high = units.size() - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (units.get(mid).offset() <= offset) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return units.get(low);
    }

    private static final class Builder {
        final List<Unit> units = new ArrayList<>();
        final StringBuilder text = new StringBuilder();

        void add(Node node) {
            List<SourceSpan> spans = node.getSourceSpans();
            if (spans.isEmpty()) {
                return;
            }
            StringBuilder content = new StringBuilder();
            node.accept(new TextCollector(content));
            add(collapse(content.toString()), spans.get(0).getLineIndex() + 1,
                    spans.get(spans.size() - 1).getLineIndex() + 1);
        }

        void add(String unitText, int firstLine, int lastLine) {
            if (unitText.isEmpty()) {
                return;
            }
            if (!text.isEmpty()) {
                text.append(' ');
            }
            units.add(new Unit(unitText, firstLine, lastLine, text.length()));
            text.append(unitText);
        }
    }

    /** The text a reader sees: literal text and code, line breaks and block boundaries as spaces. */
    private static final class TextCollector extends AbstractVisitor {
        private final StringBuilder out;

        TextCollector(StringBuilder out) {
            this.out = out;
        }

        @Override
        public void visit(Text text) {
            out.append(text.getLiteral());
        }

        @Override
        public void visit(Code code) {
            out.append(code.getLiteral());
        }

        @Override
        public void visit(FencedCodeBlock block) {
            out.append(' ').append(block.getLiteral()).append(' ');
        }

        @Override
        public void visit(IndentedCodeBlock block) {
            out.append(' ').append(block.getLiteral()).append(' ');
        }

        @Override
        public void visit(SoftLineBreak lineBreak) {
            out.append(' ');
        }

        @Override
        public void visit(HardLineBreak lineBreak) {
            out.append(' ');
        }

        @Override
        protected void visitChildren(Node parent) {
            for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
                child.accept(this);
                if (child instanceof Block || child instanceof TableCell) {
                    // A block child (a paragraph in an item) or a cell in a row: keep words apart.
                    out.append(' ');
                }
            }
        }
    }
}
