package net.metacircular.mcq.render;

import java.util.ArrayList;
import java.util.List;
import net.metacircular.mcq.diff.Tokens;
import net.metacircular.mcq.diff.WordChange;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;

/**
 * Puts word-level marks into the rendered HTML of a changed block: inserted
 * words wrapped in {@code <ins>}, deleted words added as {@code <del>} where
 * they were.
 *
 * <p>The word diff is of the Markdown source, while the marks go into the
 * rendered text, which lacks the markup ({@code **}, {@code |}, link targets).
 * So each rendered word is matched to the next equal word of the new source
 * (looking a bounded distance ahead) and takes that word's status. Only text
 * nodes are touched, and new text goes in as text nodes, never as markup.
 */
final class WordMarks {

    /** How many source tokens a rendered word may skip to find its match (markup, link targets). */
    private static final int LOOKAHEAD = 64;

    private record SourceToken(String text, boolean inserted) {
    }

    private record Deleted(int before, String text) {
    }

    private final List<SourceToken> source = new ArrayList<>();
    private final List<Deleted> deleted = new ArrayList<>();
    private int cursor;
    private int nextDeleted;

    private WordMarks(List<WordChange> words) {
        for (WordChange run : words) {
            if (run.kind() == WordChange.Kind.DELETED) {
                if (Tokens.of(run.text()).stream().anyMatch(Tokens::isWord)) {
                    deleted.add(new Deleted(source.size(), run.text().strip()));
                }
                continue;
            }
            for (String token : Tokens.of(run.text())) {
                if (!Tokens.isWhitespace(token)) {
                    source.add(new SourceToken(token, run.kind() == WordChange.Kind.INSERTED));
                }
            }
        }
    }

    /** Marks the text under {@code block} according to {@code words}. */
    static void apply(Element block, List<WordChange> words) {
        new WordMarks(words).mark(block);
    }

    private void mark(Element block) {
        List<TextNode> texts = new ArrayList<>();
        NodeTraversor.traverse((node, depth) -> {
            if (node instanceof TextNode text) {
                texts.add(text);
            }
        }, block);
        TextNode last = null;
        for (TextNode text : texts) {
            last = markText(text);
        }
        if (nextDeleted < deleted.size()) {
            List<Node> rest = new ArrayList<>();
            while (nextDeleted < deleted.size()) {
                rest.add(new TextNode(" "));
                rest.add(new Element("del").text(deleted.get(nextDeleted++).text()));
            }
            if (last != null && last.parent() != null) {
                last.after(rest.get(0));
                Node at = rest.get(0);
                for (Node node : rest.subList(1, rest.size())) {
                    at.after(node);
                    at = node;
                }
            } else {
                block.appendChildren(rest);
            }
        }
    }

    /** Replaces one text node by its marked pieces; returns the last text node of the result. */
    private TextNode markText(TextNode text) {
        List<String> tokens = Tokens.of(text.getWholeText());
        List<Node> pieces = new ArrayList<>();
        boolean anyMark = false;
        StringBuilder plain = new StringBuilder();
        StringBuilder inserted = new StringBuilder();
        String pendingSpace = "";
        for (String token : tokens) {
            if (Tokens.isWhitespace(token)) {
                pendingSpace += token;
                continue;
            }
            int match = find(token);
            List<String> dels = new ArrayList<>();
            if (match >= 0) {
                while (nextDeleted < deleted.size() && deleted.get(nextDeleted).before() <= match) {
                    dels.add(deleted.get(nextDeleted++).text());
                }
                cursor = match + 1;
            }
            boolean isInserted = match >= 0 && source.get(match).inserted();
            if (!dels.isEmpty()) {
                anyMark = true;
                flush(pieces, plain, inserted);
                plain.append(pendingSpace);
                pendingSpace = "";
                flush(pieces, plain, inserted);
                for (String del : dels) {
                    pieces.add(new Element("del").text(del));
                    plain.append(' ');
                }
            }
            if (isInserted) {
                anyMark = true;
                if (inserted.isEmpty()) {
                    plain.append(pendingSpace);
                    flush(pieces, plain, null);
                } else {
                    inserted.append(pendingSpace);
                }
                inserted.append(token);
            } else {
                flush(pieces, null, inserted);
                plain.append(pendingSpace).append(token);
            }
            pendingSpace = "";
        }
        if (!anyMark) {
            return text;
        }
        flush(pieces, null, inserted);
        plain.append(pendingSpace);
        flush(pieces, plain, null);
        TextNode lastText = text;
        Node at = text;
        for (Node piece : pieces) {
            at.after(piece);
            at = piece;
            if (piece instanceof TextNode t) {
                lastText = t;
            }
        }
        text.remove();
        return lastText.parent() == null ? null : lastText;
    }

    /** Moves pending plain text, then pending inserted text, into {@code pieces}. */
    private static void flush(List<Node> pieces, StringBuilder plain, StringBuilder inserted) {
        if (plain != null && !plain.isEmpty()) {
            pieces.add(new TextNode(plain.toString()));
            plain.setLength(0);
        }
        if (inserted != null && !inserted.isEmpty()) {
            pieces.add(new Element("ins").text(inserted.toString()));
            inserted.setLength(0);
        }
    }

    /** The index of the next source token equal to {@code token}, within the lookahead; -1 if none. */
    private int find(String token) {
        for (int i = cursor; i < source.size() && i < cursor + LOOKAHEAD; i++) {
            if (source.get(i).text().equals(token)) {
                return i;
            }
        }
        return -1;
    }
}
