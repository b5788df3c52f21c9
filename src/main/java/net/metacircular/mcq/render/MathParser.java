package net.metacircular.mcq.render;

import java.util.Set;
import org.commonmark.parser.beta.InlineContentParser;
import org.commonmark.parser.beta.InlineContentParserFactory;
import org.commonmark.parser.beta.InlineParserState;
import org.commonmark.parser.beta.ParsedInline;
import org.commonmark.parser.beta.Position;
import org.commonmark.parser.beta.Scanner;

/**
 * Finds math in a paragraph's text with GitHub's rules: {@code $…$} inline,
 * where the opening {@code $} is not followed by a space and the closing one
 * is not preceded by a space nor followed by a digit (so {@code $5 and $6}
 * stays text), and {@code $$…$$} display math, which may span lines. Inside,
 * the text is raw TeX: no emphasis, escapes or entities. {@code \$} outside
 * math is a literal dollar (commonmark's escape runs first), and inside math
 * it does not close it.
 *
 * <p>Linear on hostile input: a scan that finds no closing delimiter has read
 * to the end of the block, so every later opening of the same kind in that
 * block would fail too, and is refused without scanning.
 */
final class MathParser implements InlineContentParser {

    static final class Factory implements InlineContentParserFactory {
        @Override
        public Set<Character> getTriggerCharacters() {
            return Set.of('$');
        }

        @Override
        public InlineContentParser create() {
            return new MathParser(); // once per block: its memory below is the block's
        }
    }

    /** No closing {@code $} (inline) or {@code $$} (display) after the last failed opening of this block. */
    private boolean inlineExhausted;
    private boolean displayExhausted;

    @Override
    public ParsedInline tryParse(InlineParserState state) {
        RenderBudget.tickCurrent();
        Scanner scanner = state.scanner();
        scanner.next(); // the opening $
        if (scanner.peek() == '$') {
            scanner.next();
            return display(scanner);
        }
        return inline(scanner);
    }

    private ParsedInline inline(Scanner scanner) {
        char first = scanner.peek();
        if (inlineExhausted || first == Scanner.END || isSpace(first)) {
            return ParsedInline.none();
        }
        Position start = scanner.position();
        char previous = 0;
        while (true) {
            char c = scanner.peek();
            if (c == Scanner.END) {
                inlineExhausted = true;
                return ParsedInline.none();
            }
            if (c == '\\') {
                scanner.next();
                if (scanner.peek() != Scanner.END) {
                    previous = scanner.peek();
                    scanner.next();
                }
                continue;
            }
            if (c == '$' && !isSpace(previous)) {
                Position end = scanner.position();
                scanner.next();
                if (!isDigit(scanner.peek())) {
                    String tex = scanner.getSource(start, end).getContent();
                    return ParsedInline.of(new MathNode(tex, false), scanner.position());
                }
                previous = '$';
                continue;
            }
            previous = c;
            scanner.next();
        }
    }

    private ParsedInline display(Scanner scanner) {
        if (displayExhausted) {
            return ParsedInline.none();
        }
        Position start = scanner.position();
        while (true) {
            char c = scanner.peek();
            if (c == Scanner.END) {
                displayExhausted = true;
                return ParsedInline.none();
            }
            if (c == '\\') {
                scanner.next();
                if (scanner.peek() != Scanner.END) {
                    scanner.next();
                }
                continue;
            }
            if (c == '$') {
                Position end = scanner.position();
                scanner.next();
                if (scanner.peek() == '$') {
                    String tex = scanner.getSource(start, end).getContent();
                    scanner.next();
                    if (tex.isBlank()) {
                        return ParsedInline.none();
                    }
                    return ParsedInline.of(new MathNode(tex.strip(), true), scanner.position());
                }
                continue;
            }
            scanner.next();
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
