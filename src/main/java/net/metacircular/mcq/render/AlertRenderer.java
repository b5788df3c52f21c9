package net.metacircular.mcq.render;

import java.util.Map;
import java.util.Set;
import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Writes an {@link Alert} as GitHub does: a {@code div} with the alert's
 * classes, a title paragraph naming its kind, then its content.
 */
final class AlertRenderer implements NodeRenderer {

    private final HtmlNodeRendererContext context;
    private final HtmlWriter html;

    AlertRenderer(HtmlNodeRendererContext context) {
        this.context = context;
        this.html = context.getWriter();
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
        return Set.of(Alert.class);
    }

    @Override
    public void render(Node node) {
        Alert alert = (Alert) node;
        html.line();
        html.tag("div", context.extendAttributes(alert, "div",
                Map.of("class", GithubAlerts.ALERT_CLASS + " " + alert.kind().cssClass())));
        html.line();
        html.tag("p", Map.of("class", GithubAlerts.TITLE_CLASS));
        html.text(alert.kind().title());
        html.tag("/p");
        html.line();
        for (Node child = alert.getFirstChild(); child != null; child = child.getNext()) {
            context.render(child);
        }
        html.line();
        html.tag("/div");
        html.line();
    }
}
