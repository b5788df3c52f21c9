package net.metacircular.mcq.render;

import java.nio.charset.StandardCharsets;

/**
 * The ids of footnotes and of the references to them.
 *
 * <p>commonmark names them {@code fn-LABEL} and {@code fnref-LABEL},
 * {@code fnref-LABEL-2}, ... with the label as the author typed it. That is
 * neither safe (labels may hold any character but whitespace and ']') nor
 * unique (the second reference to "a" and the first to "a-2" are both
 * {@code fnref-a-2}). MCQ renames them: the label is encoded injectively (ASCII
 * letters, digits and '-' stay; every other UTF-8 byte becomes {@code _XX}),
 * and ':' separates the parts: {@code fn:LABEL}, {@code fnref:LABEL},
 * {@code fnref:LABEL:2}. Heading slugs never contain ':', so footnote ids cannot
 * collide with heading ids either.
 */
final class FootnoteIds {

    static final String COMMONMARK_DEFINITION_PREFIX = "fn-";
    static final String COMMONMARK_REFERENCE_PREFIX = "fnref-";

    private FootnoteIds() {
    }

    /** The id of the footnote with this label. */
    static String definition(String label) {
        return "fn:" + encode(label);
    }

    /** The id of the {@code number}th reference (from 1) to the footnote with this label. */
    static String reference(String label, int number) {
        return "fnref:" + encode(label) + (number == 1 ? "" : ":" + number);
    }

    /**
     * Which reference commonmark's id {@code fnref-LABEL} (1) or
     * {@code fnref-LABEL-N} (N) names, knowing the label; 0 if it names none.
     */
    static int referenceNumber(String commonmarkId, String label) {
        String first = COMMONMARK_REFERENCE_PREFIX + label;
        if (commonmarkId.equals(first)) {
            return 1;
        }
        if (commonmarkId.startsWith(first + "-")) {
            try {
                return Integer.parseInt(commonmarkId.substring(first.length() + 1));
            } catch (NumberFormatException notANumber) {
                return 0;
            }
        }
        return 0;
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
