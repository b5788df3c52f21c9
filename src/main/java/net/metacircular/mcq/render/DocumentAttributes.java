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
 * ids, footnote ids and links (rewritten by {@link FootnoteIds}), and task-list
 * classes. Every id it writes is marked as trusted so that it survives the
 * sanitizer, which drops ids from raw HTML. One instance per render.
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
        if (node instanceof org.commonmark.node.Heading heading) {
            attributes.put("id", trustedIds.mark(headings.idOf(heading)));
        } else if (node instanceof FootnoteReference || node instanceof FootnoteDefinition) {
            rewriteFootnoteAttributes(attributes);
        } else if (node instanceof ListItem && isTaskItem(node)) {
            attributes.put("class", TASK_ITEM_CLASS);
        } else if (node instanceof ListBlock && containsTaskItem(node)) {
            attributes.put("class", TASK_LIST_CLASS);
        }
    }

    private void rewriteFootnoteAttributes(Map<String, String> attributes) {
        String id = attributes.remove("id");
        if (id != null) {
            String rewritten = FootnoteIds.rewriteId(id);
            if (rewritten != null) {
                attributes.put("id", trustedIds.mark(Anchors.namespaced(rewritten)));
            }
        }
        String href = attributes.get("href");
        if (href != null) {
            String rewritten = FootnoteIds.rewriteHref(href);
            if (rewritten != null) {
                // Namespaced by the sanitizer, like every same-page link.
                attributes.put("href", rewritten);
            } else {
                attributes.remove("href");
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
