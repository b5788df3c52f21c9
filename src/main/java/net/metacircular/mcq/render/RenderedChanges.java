package net.metacircular.mcq.render;

import java.util.Objects;

/**
 * The changes view of a document between two revisions, with the counts for
 * its banner.
 *
 * @param html       sanitized HTML, safe to insert into the page as is: the new
 *                   revision block by block, changes marked; or, when
 *                   {@code unrendered} is set, a notice and the escaped
 *                   unified diff of the Markdown
 * @param inserted   blocks only in the new revision
 * @param changed    blocks edited between the revisions
 * @param removed    blocks only in the old revision
 * @param unrendered null when rendered; otherwise why the unified diff is shown instead
 * @param features   what the page needs to load for the blocks shown (math, diagrams)
 */
public record RenderedChanges(String html, int inserted, int changed, int removed, Unrendered unrendered,
                              DocumentFeatures features) {

    public RenderedChanges {
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(features, "features");
    }

    public boolean rendered() {
        return unrendered == null;
    }

    /** How many changes the view marks (and numbers {@code change-1} onwards). */
    public int changeCount() {
        return inserted + changed + removed;
    }
}
