package net.metacircular.mcq.reviews;

/**
 * Where in a revision's Markdown source a comment points: the exact quoted
 * text, some text just before and after it (to tell repeats apart), and the
 * 1-based, inclusive source line range the quote spans.
 */
public record Anchor(String quote, String prefix, String suffix, int startLine, int endLine) {
}
