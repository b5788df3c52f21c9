package net.metacircular.mcq.render;

import java.time.Duration;
import java.util.Objects;

/**
 * How much work one render may do before the document is shown as source.
 *
 * @param maxWork      the most {@link WorkEstimate work} (about: nodes the parse
 *                     would build) a document may need
 * @param maxHtmlChars the longest HTML a render may write, before and after
 *                     sanitizing
 * @param time         the processor time one render may use
 */
public record RenderLimits(long maxWork, int maxHtmlChars, Duration time) {

    /**
     * Sized for the default 128 MiB heap with two renders at once (a node
     * costs on the order of a hundred bytes): a 1 MB document of dense Markdown
     * (headings, lists, tables, code, links on every line) needs less than half
     * of this work and renders in a quarter of a second; a document needing
     * more is hostile or generated, and is shown as source.
     */
    public static final RenderLimits DEFAULT = new RenderLimits(400_000, 8 * 1024 * 1024, Duration.ofMillis(1500));

    public RenderLimits {
        Objects.requireNonNull(time, "time");
        if (maxWork <= 0 || maxHtmlChars <= 0 || time.isNegative() || time.isZero()) {
            throw new IllegalArgumentException("render limits must be positive");
        }
    }
}
