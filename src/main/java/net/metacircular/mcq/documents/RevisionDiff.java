package net.metacircular.mcq.documents;

/**
 * The changes between two revisions of a document: the one shape REST, gRPC
 * and MCP answer with.
 *
 * @param unified the unified diff of the two Markdown bodies, labelled {@code slug@from} and
 *                {@code slug@to} (empty when the bodies are equal)
 */
public record RevisionDiff(String slug, long from, long to, String unified, int linesAdded, int linesRemoved) {
}
