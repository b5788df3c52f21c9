package net.metacircular.mcq.documents;

/**
 * The changes between two revisions of a document.
 *
 * @param unified the unified diff of the two Markdown bodies (empty when they are equal)
 */
public record RevisionDiff(String slug, Revision from, Revision to, String unified, int linesAdded,
                           int linesRemoved) {
}
