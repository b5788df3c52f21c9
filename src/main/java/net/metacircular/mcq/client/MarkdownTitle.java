package net.metacircular.mcq.client;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

import java.util.Optional;

/**
 * The title of a Markdown document: the text of its first level-one heading
 * ({@code # Title}, or a title underlined with {@code ===}). The document is
 * parsed as CommonMark, so a {@code # comment} inside a fenced code block is
 * not mistaken for a heading, and emphasis or code marks are dropped from the
 * title while their text is kept.
 */
public final class MarkdownTitle {

    private static final Parser PARSER = Parser.builder().build();

    private MarkdownTitle() {
    }

    public static Optional<String> of(String markdown) {
        FirstHeading visitor = new FirstHeading();
        PARSER.parse(markdown).accept(visitor);
        return Optional.ofNullable(visitor.title).map(String::strip).filter(title -> !title.isEmpty());
    }

    private static final class FirstHeading extends AbstractVisitor {
        private String title;

        @Override
        public void visit(Heading heading) {
            if (title == null && heading.getLevel() == 1) {
                StringBuilder text = new StringBuilder();
                appendText(heading, text);
                title = text.toString();
            }
        }

        private static void appendText(Node node, StringBuilder text) {
            for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                if (child instanceof Text t) {
                    text.append(t.getLiteral());
                } else if (child instanceof Code code) {
                    text.append(code.getLiteral());
                } else if (child instanceof SoftLineBreak || child instanceof HardLineBreak) {
                    text.append(' ');
                } else {
                    appendText(child, text);
                }
            }
        }
    }
}
