package net.metacircular.mcq.render;

import java.nio.charset.StandardCharsets;

/**
 * Rewrites the ids that commonmark's footnote renderer produces
 * ({@code fn-LABEL}, {@code fnref-LABEL}, {@code fnref-LABEL-2}) into a form
 * that is a valid, safe id and cannot collide with a heading slug.
 *
 * <p>Footnote labels are chosen by the document author and may contain any
 * character but whitespace and ']', so the part after the prefix is encoded
 * injectively: ASCII letters, digits and '-' stay; every other byte of its UTF-8
 * form becomes {@code _XX}. The prefix ends in ':' ({@code fn:note},
 * {@code fnref:note}), which heading slugs never contain. The same rewrite is
 * applied to ids and to the links that target them, so links keep working.
 */
final class FootnoteIds {

    private static final String DEFINITION = "fn-";
    private static final String REFERENCE = "fnref-";

    private FootnoteIds() {
    }

    /** The rewritten id, or null if {@code id} is not a footnote id. */
    static String rewriteId(String id) {
        if (id.startsWith(REFERENCE)) {
            return "fnref:" + encode(id.substring(REFERENCE.length()));
        }
        if (id.startsWith(DEFINITION)) {
            return "fn:" + encode(id.substring(DEFINITION.length()));
        }
        return null;
    }

    /** The rewritten same-page link ({@code #fn-x} to {@code #fn:x}), or null if it is not a footnote link. */
    static String rewriteHref(String href) {
        if (!href.startsWith("#")) {
            return null;
        }
        String id = rewriteId(href.substring(1));
        return id == null ? null : "#" + id;
    }

    private static String encode(String label) {
        StringBuilder out = new StringBuilder(label.length());
        for (byte b : label.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') {
                out.append((char) c);
            } else {
                out.append('_').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            }
        }
        return out.toString();
    }
}
