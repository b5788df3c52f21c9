package net.metacircular.mcq.render;

import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import net.metacircular.mcq.text.MarkdownDialect;
import org.commonmark.Extension;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Turns a pushed Markdown document into HTML for the reviewer's browser.
 *
 * <p>Supports CommonMark plus GitHub's tables, strikethrough, autolinks, task
 * lists, footnotes, alerts ({@link GithubAlerts}), emoji shortcodes
 * ({@link EmojiShortcodes}), math ({@link MathParser}) and Mermaid diagrams
 * ({@link FencedCodeRenderer}); which of the last two a document uses is
 * recorded ({@link DocumentFeatures}) so the page loads their scripts only then. Headings get unique ids, fenced code is highlighted on
 * the server, and the final HTML goes through {@link DocumentSanitizer}:
 * documents are untrusted, and nothing in one may run script in the reviewer's
 * browser, whatever raw HTML or link it contains.
 *
 * <p>Documents are also untrusted in size and shape, so one render's work is
 * bounded ({@link RenderLimits}): a pre-scan refuses documents that would build
 * too many nodes, the parse, HTML writer and sanitizer stop when the render's
 * time runs out or its output grows too large, and a document nested too deeply
 * is refused after parsing. A refused document is shown as escaped source with
 * a notice saying why.
 *
 * <p>Thread-safe: one instance can serve all requests.
 */
public final class MarkdownRenderer {

    private static final List<Extension> EXTENSIONS = MarkdownDialect.EXTENSIONS;

    private final Parser parser = Parser.builder()
            .extensions(EXTENSIONS)
            .customBlockParserFactory(RenderCheckpoints.perLine())
            .customInlineContentParserFactory(RenderCheckpoints.perInlineMarkup())
            .customInlineContentParserFactory(new MathParser.Factory())
            .linkProcessor(RenderCheckpoints.perLinkCandidate())
            .postProcessor(new GithubAlerts())
            .postProcessor(new UnknownHtmlTags())
            .postProcessor(new EmojiShortcodes())
            // Block source spans give rendered blocks their Markdown line range (SourceLines).
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .build();
    private final CodeHighlighter highlighter = new CodeHighlighter();
    private final TrustedIds trustedIds = TrustedIds.withRandomMarker();
    private final DocumentSanitizer sanitizer = new DocumentSanitizer(trustedIds);
    private final RenderLimits limits;

    public MarkdownRenderer() {
        this(RenderLimits.DEFAULT);
    }

    public MarkdownRenderer(RenderLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public RenderLimits limits() {
        return limits;
    }

    /**
     * Renders {@code markdown} on the calling thread. A document beyond the
     * limits comes back as its escaped source under a notice, in {@code html}.
     */
    public RenderedDocument render(String markdown) {
        RenderedDocument outcome = renderWithin(markdown, () -> false);
        return outcome.rendered() ? outcome : SourceFallback.asDocument(markdown, outcome.unrendered());
    }

    /**
     * Renders {@code markdown} within the limits, stopping early once
     * {@code cancelled} says nobody wants the result. A document that cannot be
     * rendered comes back {@linkplain RenderedDocument#unrendered() with its reason}
     * and no HTML, so remembering the verdict costs nothing.
     */
    RenderedDocument renderWithin(String markdown, BooleanSupplier cancelled) {
        Objects.requireNonNull(markdown, "markdown");
        if (WorkEstimate.of(markdown) > limits.maxWork()) {
            return RenderedDocument.unrendered(Unrendered.TOO_LARGE);
        }
        RenderBudget budget = RenderBudget.start(limits.time(), limits.time().multipliedBy(3), cancelled);
        try {
            return budget.around(() -> renderBounded(markdown, budget));
        } catch (RenderAbandoned abandoned) {
            return RenderedDocument.unrendered(abandoned.reason());
        } catch (StackOverflowError tooDeep) {
            // The parser recurses on nested inline markup before the nesting
            // limit can be checked. The stack has unwound and every object of
            // this render is discarded, so recovering here is safe.
            return RenderedDocument.unrendered(Unrendered.TOO_COMPLEX);
        }
    }

    private RenderedDocument renderBounded(String markdown, RenderBudget budget) {
        Node document = parser.parse(markdown);
        budget.check();
        if (NestingLimit.exceededBy(document)) {
            return RenderedDocument.unrendered(Unrendered.TOO_COMPLEX);
        }
        DocumentHeadings headings = DocumentHeadings.of(document);
        BoundedOutput html = new BoundedOutput(markdown.length() * 2, limits.maxHtmlChars(), budget);
        DocumentFeatures.Recorder features = new DocumentFeatures.Recorder();
        htmlRenderer(headings, features).render(document, html);
        document = null; // the tree is no longer needed: let it go before sanitizing
        String raw = html.toString();
        html = null;
        BoundedOutput safe = new BoundedOutput(raw.length() + raw.length() / 8, limits.maxHtmlChars(), budget);
        sanitizer.sanitize(raw, safe);
        return new RenderedDocument(safe.toString(), headings.tableOfContents(), null, features.features());
    }

    /**
     * A renderer for one document. It is cheap to build, and building one per
     * document lets the attribute provider carry that document's heading ids.
     */
    private HtmlRenderer htmlRenderer(DocumentHeadings headings, DocumentFeatures.Recorder features) {
        return HtmlRenderer.builder()
                .extensions(EXTENSIONS)
                // As the CommonMark spec's examples do: "föö" and "a\\b" reach the browser as
                // "f%C3%B6%C3%B6" and "a%5Cb", so a backslash is not read as a slash.
                .percentEncodeUrls(true)
                .attributeProviderFactory(context -> new DocumentAttributes(headings, trustedIds))
                .nodeRendererFactory(context -> new FencedCodeRenderer(context, highlighter, features))
                .nodeRendererFactory(context -> new MathRenderer(context, features))
                .nodeRendererFactory(AlertRenderer::new)
                .build();
    }
}
