package net.metacircular.mcq.render;

import net.metacircular.mcq.text.Html;
import java.util.Optional;

/**
 * Server-side syntax highlighting, so code reads well in the reviewer's browser
 * without any JavaScript. Produces the inner HTML of a {@code <code>} element:
 * escaped text with {@code <span class="tok-...">} around recognised tokens.
 * Stateless and thread-safe.
 */
final class CodeHighlighter {

    /**
     * Above this size a block is shown as plain escaped text: highlighting is
     * linear, but a pushed document should not be able to make every render slow.
     */
    static final int MAX_HIGHLIGHTED_CHARS = 512 * 1024;

    /** Highlights {@code code} as {@code language}; unknown or absent languages give escaped plain text. */
    String highlight(String code, Optional<Language> language) {
        if (language.isEmpty() || code.length() > MAX_HIGHLIGHTED_CHARS) {
            return Html.escape(code);
        }
        return highlight(code, language.get());
    }

    String highlight(String code, Language language) {
        SourceText source = new SourceText(code);
        StringBuilder out = new StringBuilder(code.length() + code.length() / 2);
        int plainStart = 0;
        int pos = 0;
        while (pos < code.length()) {
            int tokenEnd = -1;
            TokenType type = null;
            for (Rule rule : language.rules()) {
                int end = rule.scanner().scan(source, pos);
                if (end > pos) {
                    tokenEnd = end;
                    type = rule.type();
                    break;
                }
            }
            if (type == null) {
                // Skip a whole identifier at once, so keywords and numbers are
                // only ever recognised at the start of a word.
                int identifierEnd = source.endOfIdentifier(pos);
                pos = identifierEnd > pos ? identifierEnd : pos + 1;
                continue;
            }
            Html.escapeInto(out, code, plainStart, pos);
            out.append("<span class=\"").append(type.cssClass()).append("\">");
            Html.escapeInto(out, code, pos, tokenEnd);
            out.append("</span>");
            pos = tokenEnd;
            plainStart = pos;
        }
        Html.escapeInto(out, code, plainStart, code.length());
        return out.toString();
    }
}
