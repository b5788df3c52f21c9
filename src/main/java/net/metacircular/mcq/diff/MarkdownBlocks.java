package net.metacircular.mcq.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.time.Duration;
import java.util.List;
import net.metacircular.mcq.text.MarkdownDialect;
import org.commonmark.Extension;
import org.commonmark.ext.footnotes.FootnoteDefinition;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableBody;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.parser.block.BlockStart;

/**
 * Splits Markdown source into the units a diff compares: top-level blocks, but
 * each item of a top-level list and each row of a table on its own, so one
 * edited list item or row is one changed unit. Uses the same block syntax as
 * the reader's renderer (CommonMark plus GitHub tables, task lists and
 * footnotes) and commonmark's source spans for the lines of each block.
 *
 * <p>Only blocks are parsed: inline content is left alone (its parser does
 * nothing), which keeps splitting a 1 MB revision cheap, and a parse that
 * takes longer than {@link #PARSE_TIME} gives way to splitting at blank lines.
 * Thread-safe.
 */
public final class MarkdownBlocks {

    /** The reader's extensions (only the block syntax they add matters to a diff). */
    private static final List<Extension> EXTENSIONS = MarkdownDialect.EXTENSIONS;

    /**
     * The wall time a parse may take. commonmark's block parsing is not linear
     * in every document (deep nesting costs per line and level); past this,
     * the document is split at blank lines instead.
     */
    static final Duration PARSE_TIME = Duration.ofMillis(1_000);

    private static final int LINES_PER_CHECK = 128;

    /** Twice the lines of a 1 MB document of short lines; longer documents are split at blank lines unparsed. */
    static final int MAX_LINES = 100_000;

    private MarkdownBlocks() {
    }

    /** Thrown from the parser's per-line checkpoint when the parse has used its time. */
    private static final class ParseTooSlow extends RuntimeException {
        ParseTooSlow() {
            super(null, null, false, false);
        }
    }

    public static List<Block> of(String markdown) {
        String[] lines = SourceLines.of(markdown);
        if (lines.length > MAX_LINES) {
            return paragraphsOf(lines);
        }
        Node document;
        try {
            document = parser(System.nanoTime() + PARSE_TIME.toNanos()).parse(markdown);
        } catch (RuntimeException | StackOverflowError refused) {
            // Too slow, or beyond a limit of the parser's own (a table's cell count).
            return paragraphsOf(lines);
        }
        List<Block> blocks = new ArrayList<>();
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof ListBlock) {
                for (Node item = node.getFirstChild(); item != null; item = item.getNext()) {
                    add(blocks, "list-item", item, lines, "");
                }
            } else if (node instanceof TableBlock table) {
                addTable(blocks, table, lines);
            } else {
                add(blocks, typeOf(node), node, lines, "");
            }
        }
        return blocks;
    }

    /** A parser that stops once {@code deadline} (a {@link System#nanoTime()}) has passed. */
    private static Parser parser(long deadline) {
        int[] lines = {0};
        return Parser.builder()
                .extensions(EXTENSIONS)
                .includeSourceSpans(IncludeSourceSpans.BLOCKS)
                .inlineParserFactory(context -> (source, node) -> {
                })
                .customBlockParserFactory((state, matched) -> {
                    // Tried on every line outside code and HTML blocks; it never starts a block.
                    if (++lines[0] % LINES_PER_CHECK == 0 && System.nanoTime() - deadline > 0) {
                        throw new ParseTooSlow();
                    }
                    return BlockStart.none();
                })
                .build();
    }

    /** Units for a document too costly to parse: runs of non-blank lines, linear in the source. */
    private static List<Block> paragraphsOf(String[] lines) {
        List<Block> blocks = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= lines.length; i++) {
            boolean blank = i == lines.length || lines[i].isBlank();
            if (!blank && start < 0) {
                start = i;
            } else if (blank && start >= 0) {
                blocks.add(block("text", start, i - 1, lines, ""));
                start = -1;
            }
        }
        return blocks;
    }

    /** The head (header row and delimiter row) is one unit, each body row another, carrying the head as context. */
    private static void addTable(List<Block> blocks, TableBlock table, String[] lines) {
        int[] tableLines = lineRange(table);
        if (tableLines == null) {
            return;
        }
        Node body = null;
        for (Node child = table.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof TableBody) {
                body = child;
            }
        }
        int[] firstRow = body == null || body.getFirstChild() == null ? null : lineRange(body.getFirstChild());
        int headLast = firstRow == null ? tableLines[1] : firstRow[0] - 1;
        Block head = block("table-head", tableLines[0], headLast, lines, "");
        blocks.add(head);
        if (body != null) {
            for (Node row = body.getFirstChild(); row != null; row = row.getNext()) {
                add(blocks, "table-row", row, lines, head.source());
            }
        }
    }

    private static void add(List<Block> blocks, String type, Node node, String[] lines, String context) {
        int[] range = lineRange(node);
        if (range != null) {
            blocks.add(block(type, range[0], range[1], lines, context));
        }
    }

    private static Block block(String type, int first, int last, String[] lines, String context) {
        return new Block(type, first + 1, last + 1, String.join("\n", Arrays.asList(lines).subList(first, last + 1)), context);
    }

    /** Zero-based first and last line of a node, or null when the parser gave it no span. */
    private static int[] lineRange(Node node) {
        List<SourceSpan> spans = node.getSourceSpans();
        if (spans.isEmpty()) {
            return null;
        }
        return new int[] {spans.get(0).getLineIndex(), spans.get(spans.size() - 1).getLineIndex()};
    }

    private static String typeOf(Node node) {
        if (node instanceof Heading heading) {
            return "heading";
        } else if (node instanceof Paragraph) {
            return "paragraph";
        } else if (node instanceof FencedCodeBlock || node instanceof IndentedCodeBlock) {
            return "code";
        } else if (node instanceof BlockQuote) {
            return "block-quote";
        } else if (node instanceof ThematicBreak) {
            return "thematic-break";
        } else if (node instanceof HtmlBlock) {
            return "html";
        } else if (node instanceof LinkReferenceDefinition) {
            return "link-reference";
        } else if (node instanceof FootnoteDefinition) {
            return "footnote";
        }
        return "other";
    }
}
