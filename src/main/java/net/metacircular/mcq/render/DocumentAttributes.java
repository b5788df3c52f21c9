package net.metacircular.mcq.render;

import java.util.Map;
import org.commonmark.ext.footnotes.FootnoteDefinition;
import org.commonmark.ext.footnotes.FootnoteReference;
import org.commonmark.ext.task.list.items.TaskListItemMarker;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.renderer.html.AttributeProvider;

/**
 * Sets the attributes the renderer owns while commonmark writes HTML: heading
 * ids, footnote ids and links (renamed as {@link FootnoteIds} describes), and
 * task-list classes. Every id it writes is marked as trusted so that it
 * survives the sanitizer, which drops ids from raw HTML. One instance per render.
 */
final class DocumentAttributes implements AttributeProvider {

    static final String TASK_LIST_CLASS = "contains-task-list";
    static final String TASK_ITEM_CLASS = "task-list-item";

    private final DocumentHeadings headings;
    private final TrustedIds trustedIds;

    DocumentAttributes(DocumentHeadings headings, TrustedIds trustedIds) {
        this.headings = headings;
        this.trustedIds = trustedIds;
    }

    @Override
    public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
        String lines = SourceLines.of(node);
        if (lines != null) {
            // Marked like ids, so a document's raw HTML cannot claim a source position.
            attributes.put(SourceLines.ATTRIBUTE, trustedIds.mark(lines));
        }
        if (node instanceof org.commonmark.node.Heading heading) {
            attributes.put("id", trustedIds.mark(headings.idOf(heading)));
        } else if (node instanceof FootnoteReference) {
            renameReferenceLink(attributes);
        } else if (node instanceof FootnoteDefinition definition) {
            renameDefinitionAttributes(definition.getLabel(), attributes);
        } else if (node instanceof ListItem && isTaskItem(node)) {
            attributes.put("class", TASK_ITEM_CLASS);
        } else if (node instanceof ListBlock && containsTaskItem(node)) {
            attributes.put("class", TASK_LIST_CLASS);
        }
    }

    /**
     * The link of a reference: {@code href="#fn-LABEL" id="fnref-LABEL[-N]"}.
     * Its href names the definition's label, which can differ in case from the
     * label the reference was written with.
     */
    private void renameReferenceLink(Map<String, String> attributes) {
        String href = attributes.get("href");
        String id = attributes.remove("id");
        if (href == null || !href.startsWith("#" + FootnoteIds.COMMONMARK_DEFINITION_PREFIX)) {
            return;
        }
        String label = href.substring(1 + FootnoteIds.COMMONMARK_DEFINITION_PREFIX.length());
        // Same-page links are namespaced by the sanitizer, ids here.
        attributes.put("href", "#" + FootnoteIds.definition(label));
        int number = id == null ? 0 : FootnoteIds.referenceNumber(id, label);
        if (number > 0) {
            attributes.put("id", trustedIds.mark(Anchors.namespaced(FootnoteIds.reference(label, number))));
        }
    }

    /** The definition's list item ({@code id="fn-LABEL"}) and its back links ({@code href="#fnref-LABEL[-N]"}). */
    private void renameDefinitionAttributes(String label, Map<String, String> attributes) {
        if (attributes.remove("id") != null) {
            attributes.put("id", trustedIds.mark(Anchors.namespaced(FootnoteIds.definition(label))));
        }
        String href = attributes.remove("href");
        if (href != null && href.startsWith("#")) {
            int number = FootnoteIds.referenceNumber(href.substring(1), label);
            if (number > 0) {
                attributes.put("href", "#" + FootnoteIds.reference(label, number));
            }
        }
    }

    private static boolean isTaskItem(Node item) {
        return item.getFirstChild() instanceof TaskListItemMarker;
    }

    private static boolean containsTaskItem(Node list) {
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (isTaskItem(item)) {
                return true;
            }
        }
        return false;
    }
}
