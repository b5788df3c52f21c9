package net.metacircular.mcq.render;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.PostProcessor;

/**
 * Turns block quotes that start with a GitHub alert marker into {@link Alert}
 * blocks, as GitHub shows them. The marker must be the whole first line of the
 * quote's first paragraph, as on GitHub; any other quote stays a quote.
 * Walks the tree without recursion, as the document may be deeply nested.
 */
final class GithubAlerts implements PostProcessor {

    static final String ALERT_CLASS = "markdown-alert";
    static final String TITLE_CLASS = "markdown-alert-title";

    private static final Pattern MARKER =
            Pattern.compile("\\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\\][ \\t]*", Pattern.CASE_INSENSITIVE);

    @Override
    public Node process(Node document) {
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(document);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (node instanceof BlockQuote quote) {
                node = toAlert(quote);
            }
            for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                if (!(child instanceof Paragraph)) {
                    pending.push(child);
                }
            }
        }
        return document;
    }

    /** The alert that replaces {@code quote}, or the quote itself when it has no marker. */
    private static Node toAlert(BlockQuote quote) {
        if (!(quote.getFirstChild() instanceof Paragraph first) || !(first.getFirstChild() instanceof Text marker)) {
            return quote;
        }
        Node afterMarker = marker.getNext();
        if (afterMarker != null && !(afterMarker instanceof SoftLineBreak || afterMarker instanceof HardLineBreak)) {
            return quote;
        }
        Matcher matcher = MARKER.matcher(marker.getLiteral());
        if (!matcher.matches()) {
            return quote;
        }
        Alert alert = new Alert(Alert.Kind.valueOf(matcher.group(1).toUpperCase(Locale.ROOT)));
        alert.setSourceSpans(quote.getSourceSpans());
        if (afterMarker != null) {
            afterMarker.unlink();
        }
        marker.unlink();
        if (first.getFirstChild() == null) {
            first.unlink();
        }
        while (quote.getFirstChild() != null) {
            alert.appendChild(quote.getFirstChild());
        }
        quote.insertBefore(alert);
        quote.unlink();
        return alert;
    }
}
