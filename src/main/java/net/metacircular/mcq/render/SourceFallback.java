package net.metacircular.mcq.render;

import net.metacircular.mcq.text.Html;
import java.util.List;

/**
 * The reader's view of a document that is not rendered: a notice and the
 * escaped Markdown. Escaping is a single pass with no parsing, so it is cheap
 * even for a 4 MiB document, and its output needs no sanitizing: nothing in it
 * is markup.
 */
public final class SourceFallback {

    private SourceFallback() {
    }

    /** The notice and source as one HTML string, for callers that want a {@link RenderedDocument}. */
    static RenderedDocument asDocument(String markdown, Unrendered reason) {
        StringBuilder html = new StringBuilder(markdown.length() + markdown.length() / 4 + 200);
        html.append("<p class=\"render-notice\">").append(Html.escape(reason.notice())).append("</p>\n<pre><code>");
        Html.escapeInto(html, markdown, 0, markdown.length());
        html.append("</code></pre>\n");
        return new RenderedDocument(html.toString(), List.of(), reason);
    }
}
