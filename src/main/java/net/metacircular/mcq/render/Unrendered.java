package net.metacircular.mcq.render;

/**
 * Why a document is shown as its Markdown source instead of rendered. Each
 * reason carries the notice the reviewer reads above the source.
 */
public enum Unrendered {

    /** More work (lines, markup characters, output) than one render may do. */
    TOO_LARGE(true, "This document is too large to render; its Markdown source is shown instead."),
    /** Nested deeper than any real document. */
    TOO_COMPLEX(true, "This document nests too deeply to be rendered; its Markdown source is shown instead."),
    /** Used up the processor time one render may take. */
    TOO_SLOW(true, "This document took too long to render; its Markdown source is shown instead."),
    /** The renderers were all busy, or this render had to be given up: a later view may succeed. */
    BUSY(false, "MCQ is busy rendering other documents, so this document's Markdown source is shown instead. "
            + "Reload the page to try again.");

    private final boolean lasting;
    private final String notice;

    Unrendered(boolean lasting, String notice) {
        this.lasting = lasting;
        this.notice = notice;
    }

    /** True when the same content would fail again: the verdict is worth remembering. */
    public boolean lasting() {
        return lasting;
    }

    public String notice() {
        return notice;
    }
}
