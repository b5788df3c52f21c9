package net.metacircular.mcq.render;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.commonmark.ext.footnotes.FootnoteDefinition;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;

/**
 * The headings of one parsed document: the id each heading node gets and the
 * entries of the table of contents. Ids are assigned in document order before
 * rendering, so the HTML and the table of contents always agree.
 */
final class DocumentHeadings {

    /** Deepest heading level listed in the table of contents. */
    static final int TOC_MAX_LEVEL = 3;

    private final Map<org.commonmark.node.Heading, String> ids = new IdentityHashMap<>();
    private final List<Heading> tableOfContents = new ArrayList<>();

    private DocumentHeadings() {
    }

    static DocumentHeadings of(Node document) {
        DocumentHeadings headings = new DocumentHeadings();
        HeadingIds idGenerator = new HeadingIds();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(org.commonmark.node.Heading heading) {
                String text = plainText(heading);
                String id = Anchors.namespaced(idGenerator.next(text));
                headings.ids.put(heading, id);
                // Footnote definitions are only rendered when referenced; leaving
                // their headings out keeps every entry pointing at real content.
                if (heading.getLevel() <= TOC_MAX_LEVEL && !insideFootnote(heading)) {
                    headings.tableOfContents.add(new Heading(heading.getLevel(), id, text));
                }
            }
        });
        return headings;
    }

    /** The full id (prefix included) of a heading node of this document. */
    String idOf(org.commonmark.node.Heading heading) {
        return ids.get(heading);
    }

    List<Heading> tableOfContents() {
        return tableOfContents;
    }

    /** What a reader sees of the heading: text and code spans, without markup or raw HTML. */
    static String plainText(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text textNode) {
                text.append(textNode.getLiteral());
            }

            @Override
            public void visit(Code code) {
                text.append(code.getLiteral());
            }

            @Override
            public void visit(SoftLineBreak softLineBreak) {
                text.append(' ');
            }

            @Override
            public void visit(HardLineBreak hardLineBreak) {
                text.append(' ');
            }
        });
        return text.toString().replaceAll("\\s+", " ").strip();
    }

    private static boolean insideFootnote(Node node) {
        for (Node parent = node.getParent(); parent != null; parent = parent.getParent()) {
            if (parent instanceof FootnoteDefinition) {
                return true;
            }
        }
        return false;
    }
}
