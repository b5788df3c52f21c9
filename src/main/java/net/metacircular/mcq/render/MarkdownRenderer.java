package net.metacircular.mcq.render;

import java.util.List;
import java.util.Objects;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.footnotes.FootnotesExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Turns a pushed Markdown document into HTML for the reviewer's browser.
 *
 * <p>Supports CommonMark plus GitHub's tables, strikethrough, autolinks, task
 * lists and footnotes. Headings get unique ids, fenced code is highlighted on
 * the server, and the final HTML goes through {@link DocumentSanitizer}:
 * documents are untrusted, and nothing in one may run script in the reviewer's
 * browser, whatever raw HTML or link it contains.
 *
 * <p>Thread-safe: one instance can serve all requests.
 */
public final class MarkdownRenderer {

    private static final List<Extension> EXTENSIONS = List.of(
            TablesExtension.create(),
            StrikethroughExtension.create(),
            AutolinkExtension.create(),
            TaskListItemsExtension.create(),
            FootnotesExtension.create());

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final CodeHighlighter highlighter = new CodeHighlighter();
    private final TrustedIds trustedIds = TrustedIds.withRandomMarker();
    private final DocumentSanitizer sanitizer = new DocumentSanitizer(trustedIds);

    public MarkdownRenderer() {
    }

    /** Renders {@code markdown}; the result's HTML is sanitized and safe to embed in the reader page. */
    public RenderedDocument render(String markdown) {
        Objects.requireNonNull(markdown, "markdown");
        try {
            Node document = parser.parse(markdown);
            if (NestingLimit.exceededBy(document)) {
                return asSource(markdown);
            }
            DocumentHeadings headings = DocumentHeadings.of(document);
            String html = htmlRenderer(headings).render(document);
            return new RenderedDocument(sanitizer.sanitize(html), headings.tableOfContents());
        } catch (StackOverflowError tooDeep) {
            // The parser recurses on nested inline markup before the nesting
            // limit can be checked. The stack has unwound and every object of
            // this render is discarded, so recovering here is safe.
            return asSource(markdown);
        }
    }

    /** A document that cannot be rendered is still shown to the reviewer, as escaped source. */
    private RenderedDocument asSource(String markdown) {
        String html = "<p>This document nests too deeply to be rendered; its Markdown source is shown instead.</p>\n"
                + "<pre><code>" + Html.escape(markdown) + "</code></pre>\n";
        return new RenderedDocument(sanitizer.sanitize(html), List.of());
    }

    /**
     * A renderer for one document. It is cheap to build, and building one per
     * document lets the attribute provider carry that document's heading ids.
     */
    private HtmlRenderer htmlRenderer(DocumentHeadings headings) {
        return HtmlRenderer.builder()
                .extensions(EXTENSIONS)
                .attributeProviderFactory(context -> new DocumentAttributes(headings, trustedIds))
                .nodeRendererFactory(context -> new FencedCodeRenderer(context, highlighter))
                .build();
    }
}
