package net.metacircular.mcq.render;

/**
 * A linear pre-scan of a document that bounds how much a parse would build.
 *
 * <p>commonmark makes a node for each block, and in inline text one for each
 * run of plain text and each markup character; memory and time follow that
 * count. Counting lines and markup characters is a single pass over the
 * source with no allocation, so a document that would need more than a render
 * may build (4 MiB of "a\n", a million table cells, half a million '*') is
 * refused before it is parsed.
 */
final class WorkEstimate {

    private WorkEstimate() {
    }

    /** An upper-bound-like estimate of the nodes parsing {@code markdown} would create. */
    static long of(CharSequence markdown) {
        long work = 1;
        for (int i = 0, n = markdown.length(); i < n; i++) {
            switch (markdown.charAt(i)) {
                case '\n', '*', '_', '~', '`', '<', '>', '&', '\\', '[', ']', '!', '|', '#', '-', '+', '.', ':', '@' -> work++;
                default -> {
                }
            }
        }
        return work;
    }
}
