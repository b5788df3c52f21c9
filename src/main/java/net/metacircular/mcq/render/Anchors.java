package net.metacircular.mcq.render;

/**
 * The namespace of element ids inside a rendered document.
 *
 * <p>Every id a document contributes, and every same-page link ({@code #x}) in
 * it, gets the same prefix. Ids then cannot collide with the ids of the reader
 * page around the document, and a heading called "htmx" or "toc" cannot clobber
 * a global of the page's scripts through {@code window[id]}. Because links are
 * prefixed too, an author's {@code [see](#installation)} still reaches the
 * heading "Installation".
 */
final class Anchors {

    static final String PREFIX = "doc-";

    private Anchors() {
    }

    static String namespaced(String id) {
        return PREFIX + id;
    }
}
