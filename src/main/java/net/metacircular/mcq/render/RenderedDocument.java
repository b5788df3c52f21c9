package net.metacircular.mcq.render;

import java.util.List;
import java.util.Objects;

/**
 * A Markdown document rendered for the reviewer.
 *
 * @param html     sanitized HTML, safe to insert into the reader page as is
 * @param headings the document's h1 to h3 headings in document order, for the
 *                 table of contents; each id exists in {@code html}
 */
public record RenderedDocument(String html, List<Heading> headings) {

    public RenderedDocument {
        Objects.requireNonNull(html, "html");
        headings = List.copyOf(headings);
    }
}
