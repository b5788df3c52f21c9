package net.metacircular.mcq.render;

import java.util.List;
import java.util.Objects;

/**
 * A Markdown document rendered for the reviewer, or the reason it was not.
 *
 * @param html       sanitized HTML, safe to insert into the reader page as is;
 *                   empty when {@code unrendered} is set
 * @param headings   the document's h1 to h3 headings in document order, for the
 *                   table of contents; each id exists in {@code html}
 * @param unrendered null when rendered; otherwise why the document is to be
 *                   shown as source (the source itself is not kept here, so a
 *                   remembered verdict on a 4 MiB document costs a few bytes)
 * @param features   what the page needs to load for this document (math, diagrams);
 *                   none when unrendered
 */
public record RenderedDocument(String html, List<Heading> headings, Unrendered unrendered,
                               DocumentFeatures features) {

    public RenderedDocument {
        Objects.requireNonNull(html, "html");
        headings = List.copyOf(headings);
        Objects.requireNonNull(features, "features");
    }

    public RenderedDocument(String html, List<Heading> headings) {
        this(html, headings, null, DocumentFeatures.NONE);
    }

    public RenderedDocument(String html, List<Heading> headings, Unrendered unrendered) {
        this(html, headings, unrendered, DocumentFeatures.NONE);
    }

    static RenderedDocument unrendered(Unrendered reason) {
        return new RenderedDocument("", List.of(), Objects.requireNonNull(reason, "reason"));
    }

    public boolean rendered() {
        return unrendered == null;
    }
}
