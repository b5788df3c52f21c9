package net.metacircular.mcq.render;

import java.util.Objects;

/**
 * A heading of a rendered document, for the reader's table of contents.
 *
 * @param level 1 to 6 ({@code <h1>} to {@code <h6>})
 * @param id    the heading's {@code id} attribute in the rendered HTML, unique in
 *              the document; link to it with {@code "#" + id}
 * @param text  the heading's plain text, NOT escaped: escape it when writing HTML
 */
public record Heading(int level, String id, String text) {

    public Heading {
        if (level < 1 || level > 6) {
            throw new IllegalArgumentException("heading level out of range: " + level);
        }
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
    }
}
