package net.metacircular.mcq.render;

import org.commonmark.node.CustomNode;

/**
 * Math written in a paragraph: {@code $…$} (inline) or {@code $$…$$}
 * (display). The literal is the TeX exactly as written, with no Markdown
 * processing; it is shown escaped and typeset in the browser.
 */
final class MathNode extends CustomNode {

    private final String tex;
    private final boolean display;

    MathNode(String tex, boolean display) {
        this.tex = tex;
        this.display = display;
    }

    String tex() {
        return tex;
    }

    boolean display() {
        return display;
    }
}
