package net.metacircular.mcq.render;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.PostProcessor;

/**
 * Replaces GitHub emoji shortcodes such as {@code :rocket:} in a document's
 * text with the emoji. Only text nodes change, so code spans, code blocks,
 * raw HTML and link destinations keep their colons; an unknown name stays as
 * written. The table ({@code emoji.tsv} beside this class) is bundled with MCQ.
 */
final class EmojiShortcodes implements PostProcessor {

    private static final Pattern SHORTCODE = Pattern.compile(":([a-z0-9_+-]{1,40}):");

    private static final Map<String, String> TABLE = load();

    /** The emoji for {@code name} (without colons), if MCQ knows it. */
    static Optional<String> emoji(String name) {
        return Optional.ofNullable(TABLE.get(name));
    }

    @Override
    public Node process(Node document) {
        TreeWalk.forEach(document, node -> {
            if (node instanceof Text text) {
                text.setLiteral(replace(text.getLiteral()));
            }
        });
        return document;
    }

    static String replace(String text) {
        if (text.indexOf(':') < 0) {
            return text;
        }
        Matcher matcher = SHORTCODE.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        int from = 0;
        while (from < text.length() && matcher.find(from)) {
            String emoji = TABLE.get(matcher.group(1));
            if (emoji == null) {
                // The closing colon may open the next shortcode (":not:rocket:").
                from = matcher.end() - 1;
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, matcher.start()).append(emoji);
            copied = matcher.end();
            from = copied;
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, text.length()).toString();
    }

    private static Map<String, String> load() {
        Map<String, String> table = new HashMap<>();
        try (InputStream in = EmojiShortcodes.class.getResourceAsStream("emoji.tsv")) {
            if (in == null) {
                throw new IllegalStateException("emoji.tsv is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int tab = line.indexOf('\t');
                if (!line.startsWith("#") && tab > 0) {
                    table.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(table);
    }
}
