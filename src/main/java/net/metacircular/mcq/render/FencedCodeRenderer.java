package net.metacircular.mcq.render;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Renders fenced code blocks as {@code <pre><code class="language-xxx">} with
 * the code highlighted on the server.
 *
 * <p>Two languages are not code: a {@code math} block is display math, written
 * as its escaped TeX in {@code <div class="math math-display">} for the page's
 * KaTeX to typeset; a {@code mermaid} block is a diagram, written plain (not
 * highlighted) in {@code <pre class="mermaid-source">} for the page to draw in
 * a sandboxed frame. Without script both stay readable as source.
 *
 * <p>The language word comes from the author, so it only becomes a class name
 * when it is a plain word: an info string such as {@code "><script>} gives a
 * block with no class and plain escaped text.
 */
final class FencedCodeRenderer implements NodeRenderer {

    /** Language words that may appear in a {@code language-xxx} class; the sanitizer allows the same. */
    static final Pattern SAFE_LANGUAGE = Pattern.compile("[a-z0-9][a-z0-9_+#.-]{0,31}");

    private final HtmlNodeRendererContext context;
    private final HtmlWriter html;
    /** The class of a Mermaid diagram's source block; the sanitizer allows it on {@code pre}. */
    static final String MERMAID_CLASS = "mermaid-source";

    private final CodeHighlighter highlighter;
    private final DocumentFeatures.Recorder features;

    FencedCodeRenderer(HtmlNodeRendererContext context, CodeHighlighter highlighter,
            DocumentFeatures.Recorder features) {
        this.context = context;
        this.html = context.getWriter();
        this.highlighter = highlighter;
        this.features = features;
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
        return Set.of(FencedCodeBlock.class);
    }

    @Override
    public void render(Node node) {
        FencedCodeBlock block = (FencedCodeBlock) node;
        String word = languageWord(block.getInfo());
        if (word.equals("math")) {
            renderMath(block);
            return;
        }
        if (word.equals("mermaid")) {
            renderDiagram(block);
            return;
        }
        Optional<Language> language = word.isEmpty() ? Optional.empty() : Languages.find(word);

        Map<String, String> codeAttributes = new LinkedHashMap<>();
        String className = language.map(Language::name).orElse(word);
        if (SAFE_LANGUAGE.matcher(className).matches()) {
            codeAttributes.put("class", "language-" + className);
        }

        html.line();
        html.tag("pre", context.extendAttributes(block, "pre", Map.of()));
        html.tag("code", context.extendAttributes(block, "code", codeAttributes));
        html.raw(highlighter.highlight(block.getLiteral(), language));
        html.tag("/code");
        html.tag("/pre");
        html.line();
    }

    private void renderMath(FencedCodeBlock block) {
        features.math();
        html.line();
        html.tag("div", context.extendAttributes(block, "div",
                Map.of("class", MathRenderer.MATH_CLASS + " " + MathRenderer.DISPLAY_CLASS)));
        html.text(block.getLiteral().strip());
        html.tag("/div");
        html.line();
    }

    private void renderDiagram(FencedCodeBlock block) {
        features.diagram();
        html.line();
        html.tag("pre", context.extendAttributes(block, "pre", Map.of("class", MERMAID_CLASS)));
        html.tag("code", context.extendAttributes(block, "code", Map.of("class", "language-mermaid")));
        html.text(block.getLiteral());
        html.tag("/code");
        html.tag("/pre");
        html.line();
    }

    /** The first word of the info string, lower-cased ({@code "Python title=x"} gives {@code python}). */
    static String languageWord(String info) {
        if (info == null) {
            return "";
        }
        String trimmed = info.strip();
        int space = 0;
        while (space < trimmed.length() && !Character.isWhitespace(trimmed.charAt(space))) {
            space++;
        }
        return trimmed.substring(0, space).toLowerCase(java.util.Locale.ROOT);
    }
}
