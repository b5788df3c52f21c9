package net.metacircular.mcq.diff;

import java.util.Objects;

/**
 * One unit of a Markdown document as the diff sees it: a top-level block, one
 * list item or one table row.
 *
 * @param type      what kind of block it is ("heading", "paragraph", "list-item",
 *                  "table-head", "table-row", "code", …); only blocks of one
 *                  type are paired as changed
 * @param firstLine first source line, one-based
 * @param lastLine  last source line, one-based and inclusive
 * @param source    the exact source lines, joined with "\n", without a final newline
 * @param context   source a renderer needs before this block to render it
 *                  alone: the head of its table for a table row; otherwise empty
 */
public record Block(String type, int firstLine, int lastLine, String source, String context) {

    public Block {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(context, "context");
    }
}
