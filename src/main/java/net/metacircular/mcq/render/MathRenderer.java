package net.metacircular.mcq.render;

import java.util.Map;
import java.util.Set;
import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Writes math as its escaped TeX in a marked span, which the reader's
 * {@code math.js} typesets with KaTeX; without script the TeX stays readable.
 */
final class MathRenderer implements NodeRenderer {

    static final String MATH_CLASS = "math";
    static final String INLINE_CLASS = "math-inline";
    static final String DISPLAY_CLASS = "math-display";

    private final HtmlWriter html;
    private final DocumentFeatures.Recorder features;

    MathRenderer(HtmlNodeRendererContext context, DocumentFeatures.Recorder features) {
        this.html = context.getWriter();
        this.features = features;
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
        return Set.of(MathNode.class);
    }

    @Override
    public void render(Node node) {
        MathNode math = (MathNode) node;
        features.math();
        html.tag("span", Map.of("class", MATH_CLASS + " " + (math.display() ? DISPLAY_CLASS : INLINE_CLASS)));
        html.text(math.tex());
        html.tag("/span");
    }
}
