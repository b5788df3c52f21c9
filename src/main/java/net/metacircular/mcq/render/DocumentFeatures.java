package net.metacircular.mcq.render;

/**
 * What a rendered document needs beyond plain HTML, so the reader page loads a
 * script only when its document uses it: KaTeX for math, the diagram frames
 * for Mermaid. Found while rendering and cached with the render.
 *
 * @param math     the document has {@code $…$}, {@code $$…$$} or a fenced {@code math} block
 * @param diagrams the document has a fenced {@code mermaid} block
 */
public record DocumentFeatures(boolean math, boolean diagrams) {

    public static final DocumentFeatures NONE = new DocumentFeatures(false, false);

    /** The features of a page made of this document and {@code other}. */
    public DocumentFeatures and(DocumentFeatures other) {
        return new DocumentFeatures(math || other.math, diagrams || other.diagrams);
    }

    /**
     * Collects the features of one render as its node renderers write them.
     * Not thread-safe: one per render.
     */
    static final class Recorder {
        private boolean math;
        private boolean diagrams;

        void math() {
            math = true;
        }

        void diagram() {
            diagrams = true;
        }

        void add(DocumentFeatures used) {
            math |= used.math();
            diagrams |= used.diagrams();
        }

        DocumentFeatures features() {
            return new DocumentFeatures(math, diagrams);
        }
    }
}
