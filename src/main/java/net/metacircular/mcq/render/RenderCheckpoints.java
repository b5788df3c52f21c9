package net.metacircular.mcq.render;

import java.util.Set;
import org.commonmark.parser.block.BlockParserFactory;
import org.commonmark.parser.block.BlockStart;
import org.commonmark.parser.block.MatchedBlockParser;
import org.commonmark.parser.block.ParserState;
import org.commonmark.parser.InlineParserContext;
import org.commonmark.parser.beta.InlineContentParser;
import org.commonmark.parser.beta.LinkInfo;
import org.commonmark.parser.beta.LinkProcessor;
import org.commonmark.parser.beta.LinkResult;
import org.commonmark.parser.beta.Scanner;
import org.commonmark.parser.beta.InlineContentParserFactory;
import org.commonmark.parser.beta.InlineParserState;
import org.commonmark.parser.beta.ParsedInline;

/**
 * Places inside commonmark's parser where a render's {@link RenderBudget} is
 * checked: once per line (block starts are tried on every line outside code
 * and HTML blocks, which are linear) and at each inline markup character that
 * can start costly scanning. Neither ever parses anything; they only let a
 * render that has run out of time stop in the middle of a parse.
 */
final class RenderCheckpoints {

    /**
     * Characters that are already special to the inline parser, so listing them
     * changes no output: emphasis and strikethrough delimiters, code spans, raw
     * HTML and autolinks, entities, escapes.
     */
    private static final Set<Character> INLINE_TRIGGERS = Set.of('*', '_', '~', '`', '<', '&', '\\');

    private RenderCheckpoints() {
    }

    static BlockParserFactory perLine() {
        return new BlockParserFactory() {
            @Override
            public BlockStart tryStart(ParserState state, MatchedBlockParser matchedBlockParser) {
                RenderBudget.tickCurrent();
                return BlockStart.none();
            }
        };
    }

    /** At each closing bracket that could end a link or image: bracket handling is where nesting costs. */
    static LinkProcessor perLinkCandidate() {
        return (LinkInfo info, Scanner scanner, InlineParserContext context) -> {
            RenderBudget.tickCurrent();
            return LinkResult.none();
        };
    }

    static InlineContentParserFactory perInlineMarkup() {
        InlineContentParser checkpoint = (InlineParserState state) -> {
            RenderBudget.tickCurrent();
            return ParsedInline.none();
        };
        return new InlineContentParserFactory() {
            @Override
            public Set<Character> getTriggerCharacters() {
                return INLINE_TRIGGERS;
            }

            @Override
            public InlineContentParser create() {
                return checkpoint;
            }
        };
    }
}
