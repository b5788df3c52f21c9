package net.metacircular.mcq.text;

/**
 * The one HTML escaper for markup MCQ writes by hand (the renderer's own
 * elements, the development identity provider's sign-in page). Templates
 * escape through jte; untrusted document HTML goes through the sanitizer.
 */
public final class Html {

    private Html() {
    }

    /**
     * Escapes {@code text} for element content and for single- or
     * double-quoted attribute values; null is the empty string.
     */
    public static String escape(CharSequence text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        escapeInto(out, text, 0, text.length());
        return out.toString();
    }

    /** Appends {@code text[start, end)} escaped, without an intermediate string. */
    public static void escapeInto(StringBuilder out, CharSequence text, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }
}
