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
 * <p>The language word comes from the author, so it only becomes a class name
 * when it is a plain word: an info string such as {@code "><script>} gives a
 * block with no class and plain escaped text.
 */
final class FencedCodeRenderer implements NodeRenderer {

    /** Language words that may appear in a {@code language-xxx} class; the sanitizer allows the same. */
    static final Pattern SAFE_LANGUAGE = Pattern.compile("[a-z0-9][a-z0-9_+#.-]{0,31}");

    private final HtmlNodeRendererContext context;
    private final HtmlWriter html;
    private final CodeHighlighter highlighter;

    FencedCodeRenderer(HtmlNodeRendererContext context, CodeHighlighter highlighter) {
        this.context = context;
        this.html = context.getWriter();
        this.highlighter = highlighter;
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
        return Set.of(FencedCodeBlock.class);
    }

    @Override
    public void render(Node node) {
        FencedCodeBlock block = (FencedCodeBlock) node;
        String word = languageWord(block.getInfo());
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
