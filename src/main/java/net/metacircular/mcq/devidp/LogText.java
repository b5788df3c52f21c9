package net.metacircular.mcq.devidp;

/**
 * Request text as it may appear in a log line: quoted, with control, format and separator
 * characters escaped, and cut short. A username such as {@code "x\nlogin: user admin"} must not
 * write a second, forged line into the log.
 */
final class LogText {

    static final int MAX_LENGTH = 100;

    private LogText() {
    }

    static String quoted(String text) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 8).append('"');
        int shown = 0;
        for (int i = 0; i < text.length(); ) {
            if (shown == MAX_LENGTH) {
                return out.append("\"…").toString();
            }
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            shown++;
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                            || Character.getType(c) == Character.LINE_SEPARATOR
                            || Character.getType(c) == Character.PARAGRAPH_SEPARATOR
                            || Character.getType(c) == Character.SURROGATE) {
                        out.append(String.format("\\u%04X", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
