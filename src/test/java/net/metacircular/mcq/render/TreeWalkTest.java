package net.metacircular.mcq.render;

import org.commonmark.node.BlockQuote;
import org.commonmark.node.Document;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TreeWalkTest {

    @Test
    void visitsEveryNodeInDocumentOrder() {
        Node document = Parser.builder().build().parse("# A\n\n- b *c*\n- d\n\n> e\n");
        List<String> seen = new ArrayList<>();
        TreeWalk.forEach(document, node -> seen.add(node instanceof Text text
                ? "'" + text.getLiteral() + "'" : node.getClass().getSimpleName()));
        assertThat(seen).containsExactly("Document", "Heading", "'A'", "BulletList", "ListItem", "Paragraph", "'b '",
                "Emphasis", "'c'", "ListItem", "Paragraph", "'d'", "BlockQuote", "Paragraph", "'e'");

        // Below a node that is not the root, the walk stays below it.
        List<Node> belowQuote = new ArrayList<>();
        TreeWalk.forEach(document.getLastChild(), belowQuote::add);
        assertThat(belowQuote).hasSize(3);
    }

    @Test
    void measuresDepthWithoutRecursionEvenForAHundredThousandLevels() {
        Document document = new Document();
        Node parent = document;
        for (int i = 0; i < 100_000; i++) {
            BlockQuote quote = new BlockQuote();
            parent.appendChild(quote);
            parent = quote;
        }
        parent.appendChild(new Paragraph());
        assertThat(TreeWalk.depth(document, Integer.MAX_VALUE)).isEqualTo(100_001);
        assertThat(TreeWalk.depth(document, 100)).isEqualTo(101);
        assertThat(NestingLimit.exceededBy(document)).isTrue();
        assertThat(TreeWalk.depth(Parser.builder().build().parse("> > a\n"), 100)).isEqualTo(4);
        assertThat(TreeWalk.depth(new Document(), 100)).isZero();
        List<Node> all = new ArrayList<>();
        TreeWalk.forEach(document, all::add);
        assertThat(all).hasSize(100_002);
    }
}
