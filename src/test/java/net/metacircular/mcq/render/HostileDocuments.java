package net.metacircular.mcq.render;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Markdown documents built to make a renderer slow, deep or large: the poison
 * documents of issue 9 at full size (4 MiB, the default document limit) and
 * more of each kind. Generated, never stored, so the repository stays small
 * and the sizes can follow the limit.
 */
public final class HostileDocuments {

    /** The default document limit, in UTF-8 bytes. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    /** One hostile document; {@code name} is also a valid slug. */
    public record Hostile(String name, Supplier<String> source) {
        /** Built on each call: keeping the whole corpus in memory at once would take hundreds of MiB. */
        public String markdown() {
            return source.get();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private HostileDocuments() {
    }

    /** Every document of the corpus, each under {@link #MAX_BYTES} in UTF-8. */
    public static List<Hostile> all() {
        List<Hostile> corpus = new ArrayList<>();
        // The examples of issue 9.
        corpus.add(new Hostile("star-a-500k", () -> "*a".repeat(500_000)));
        corpus.add(new Hostile("lines-of-a", () -> fill("a\n")));
        corpus.add(new Hostile("list-of-a", () -> fill("- a\n")));
        corpus.add(new Hostile("table-1000-by-1000", () -> table(1000, 1000)));
        corpus.add(new Hostile("footnote-flood", () -> footnotes()));
        corpus.add(new Hostile("setext-headings", () -> fill("a\n=\n")));
        corpus.add(new Hostile("backslash-escapes", () -> fill("\\*")));
        corpus.add(new Hostile("lt-a-80k", () -> "<a".repeat(80_000)));
        corpus.add(new Hostile("lt-a-full", () -> fill("<a")));
        // Deep nesting of each kind.
        corpus.add(new Hostile("deep-blockquote", () -> fill(">")));
        corpus.add(new Hostile("deep-bullet-list", () -> fill("- ")));
        corpus.add(new Hostile("deep-ordered-list", () -> fill("1. ")));
        corpus.add(new Hostile("deep-indented-list", () -> indentedList(2000)));
        corpus.add(new Hostile("deep-quote-list", () -> fill("> - ")));
        corpus.add(new Hostile("deep-emphasis", () -> nested("*", "a", "*", 1_000_000)));
        corpus.add(new Hostile("deep-strong", () -> nested("**", "a", "**", 500_000)));
        corpus.add(new Hostile("deep-underscore", () -> nested("_", "a", "_", 1_000_000)));
        corpus.add(new Hostile("deep-strikethrough", () -> nested("~~", "a", "~~", 500_000)));
        corpus.add(new Hostile("deep-brackets", () -> nested("[", "a", "]", 1_000_000)));
        corpus.add(new Hostile("deep-links", () -> nested("[", "a", "](/u)", 400_000)));
        corpus.add(new Hostile("deep-images", () -> nested("![", "a", "](https://e.x/i.png)", 150_000)));
        corpus.add(new Hostile("open-links", () -> fill("[a](")));
        // Links and references.
        corpus.add(new Hostile("link-reference-definitions", () -> numbered(i -> "[r" + i + "]: /u" + i + "\n")));
        corpus.add(new Hostile("link-references-used", () -> referencesUsed()));
        corpus.add(new Hostile("long-link-labels", () -> fill("[" + "a".repeat(999) + "]: /x\n")));
        corpus.add(new Hostile("undefined-references", () -> fill("[a] ")));
        corpus.add(new Hostile("many-links", () -> fill("[a](/b) ")));
        corpus.add(new Hostile("many-images", () -> fill("![a](https://e.x/i.png) ")));
        corpus.add(new Hostile("huge-link-title", () -> "[a](/u \"" + "t".repeat(MAX_BYTES - 20) + "\")"));
        corpus.add(new Hostile("autolinks-www", () -> fill("www.a.com ")));
        corpus.add(new Hostile("autolinks-email", () -> fill("a@b.co ")));
        corpus.add(new Hostile("angle-autolinks", () -> fill("<https://a.b/> ")));
        corpus.add(new Hostile("one-huge-url", () -> "https://a.b/" + "a".repeat(MAX_BYTES - 20)));
        // Long lines and plain floods.
        corpus.add(new Hostile("one-long-line", () -> "a".repeat(MAX_BYTES)));
        corpus.add(new Hostile("long-line-of-words", () -> fill("a ")));
        corpus.add(new Hostile("hard-breaks", () -> fill("a  \n")));
        corpus.add(new Hostile("backslash-breaks", () -> fill("a\\\n")));
        corpus.add(new Hostile("crlf-lines", () -> fill("a\r\n")));
        corpus.add(new Hostile("thematic-breaks", () -> fill("***\n")));
        corpus.add(new Hostile("indented-code", () -> fill("    a\n")));
        corpus.add(new Hostile("task-list", () -> fill("- [ ] a\n")));
        // HTML.
        corpus.add(new Hostile("html-blocks", () -> fill("<div>\n\n")));
        corpus.add(new Hostile("html-comments", () -> fill("<!-- a -->\n")));
        corpus.add(new Hostile("unclosed-comment", () -> "<!--\n" + fill("a\n").substring(8)));
        corpus.add(new Hostile("inline-html", () -> fill("<span>")));
        corpus.add(new Hostile("lone-lt", () -> fill("<")));
        corpus.add(new Hostile("lt-bang", () -> fill("<!")));
        corpus.add(new Hostile("lt-question", () -> fill("<?")));
        corpus.add(new Hostile("closing-tags", () -> fill("</a")));
        corpus.add(new Hostile("cdata", () -> fill("<![CDATA[")));
        // Entities.
        corpus.add(new Hostile("named-entities", () -> fill("&amp;")));
        corpus.add(new Hostile("numeric-entities", () -> fill("&#x1F600;")));
        corpus.add(new Hostile("broken-entities", () -> fill("&a")));
        // Emphasis runs.
        corpus.add(new Hostile("emphasis-pairs", () -> fill("*a* ")));
        corpus.add(new Hostile("unmatched-emphasis", () -> fill("*a **b ")));
        corpus.add(new Hostile("star-runs", () -> fill("***a")));
        corpus.add(new Hostile("mixed-delimiters", () -> fill("*_")));
        corpus.add(new Hostile("tildes", () -> fill("~")));
        // Code spans and fences.
        corpus.add(new Hostile("backtick-runs", () -> backtickRuns()));
        corpus.add(new Hostile("unmatched-backticks", () -> fill("`a")));
        corpus.add(new Hostile("huge-code-fence", () -> "```java\n" + fill("int x = \"a\"; // c\n").substring(20) + "```\n"));
        corpus.add(new Hostile("unterminated-strings", () -> "```java\n" + fill("\"a").substring(10)));
        corpus.add(new Hostile("many-code-fences", () -> fill("```js\na\n```\n")));
        // Tables.
        corpus.add(new Hostile("one-column-table", () -> "|a|\n|-|\n" + fill("|a|\n").substring(10)));
        corpus.add(new Hostile("wide-table-header", () -> wideHeader(500_000)));
        corpus.add(new Hostile("pipes", () -> fill("|")));
        // Headings for the table of contents.
        corpus.add(new Hostile("same-headings", () -> fill("# a\n")));
        corpus.add(new Hostile("numbered-headings", () -> numbered(i -> "## h" + i + "\n")));
        corpus.add(new Hostile("heading-suffix-clash", () -> numbered(i -> "# a\n# a-" + i + "\n")));
        // Unicode.
        corpus.add(new Hostile("emoji-flood", () -> fill("\uD83D\uDE00")));
        corpus.add(new Hostile("combining-marks", () -> "a" + fill("\u0301").substring(1)));
        corpus.add(new Hostile("rtl-overrides", () -> fill("\u202Ea")));
        corpus.add(new Hostile("zero-width", () -> fill("\u200B")));
        corpus.add(new Hostile("cjk", () -> fill("漢字")));
        return corpus;
    }

    /**
     * The worst to render before render limits ({@code "<a"} × 80,000: 14 s,
     * quadratic in commonmark 0.24); the concurrent-views test opens it. The
     * 4 MiB documents are refused quickly now; fifty views of one of those
     * measure page transfer, not rendering.
     */
    public static Hostile worst() {
        return new Hostile("lt-a-80k", () -> "<a".repeat(80_000));
    }

    /** {@code unit} repeated to just under the limit. */
    static String fill(String unit) {
        int unitBytes = unit.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        return unit.repeat((MAX_BYTES - 16) / unitBytes);
    }

    /** Numbered lines until the limit. */
    private static String numbered(IntFunction<String> line) {
        StringBuilder out = new StringBuilder(MAX_BYTES);
        for (int i = 0; ; i++) {
            String next = line.apply(i);
            if (out.length() + next.length() > MAX_BYTES - 16) {
                return out.toString();
            }
            out.append(next);
        }
    }

    private static String nested(String open, String middle, String close, int depth) {
        int fit = (MAX_BYTES - 16 - middle.length()) / (open.length() + close.length());
        int n = Math.min(depth, fit);
        return open.repeat(n) + middle + close.repeat(n);
    }

    private static String table(int columns, int rows) {
        StringBuilder out = new StringBuilder(MAX_BYTES);
        out.append("|").append("a|".repeat(columns)).append('\n');
        out.append("|").append("-|".repeat(columns)).append('\n');
        String row = "|" + "b|".repeat(columns) + "\n";
        for (int r = 0; r < rows && out.length() + row.length() < MAX_BYTES - 16; r++) {
            out.append(row);
        }
        return out.toString();
    }

    private static String wideHeader(int columns) {
        return "|" + "a|".repeat(columns) + "\n|" + "-|".repeat(columns) + "\n";
    }

    private static String indentedList(int depth) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < depth && out.length() < MAX_BYTES - 2 * depth - 16; i++) {
            out.append("  ".repeat(i)).append("- a\n");
        }
        return out.toString();
    }

    private static String footnotes() {
        StringBuilder out = new StringBuilder(MAX_BYTES);
        int n = 0;
        while (out.length() < MAX_BYTES / 2) {
            out.append("[^").append(n++).append("] ");
        }
        out.append("\n\n");
        for (int i = 0; ; i++) {
            String definition = "[^" + i + "]: x [^" + (i + 1) + "]\n";
            if (out.length() + definition.length() > MAX_BYTES - 16) {
                return out.toString();
            }
            out.append(definition);
        }
    }

    private static String referencesUsed() {
        StringBuilder out = new StringBuilder(MAX_BYTES);
        int n = 0;
        while (out.length() < MAX_BYTES / 2) {
            out.append("[r").append(n).append("]: /u").append(n).append('\n');
            n++;
        }
        out.append('\n');
        for (int i = 0; out.length() < MAX_BYTES - 32; i = (i + 1) % n) {
            out.append("[r").append(i).append("] ");
        }
        return out.toString();
    }

    /** Backtick runs of growing length, none closed: each run looks for its closer to the end. */
    private static String backtickRuns() {
        StringBuilder out = new StringBuilder(MAX_BYTES);
        for (int i = 1; out.length() + i + 2 < MAX_BYTES - 16; i++) {
            out.append("`".repeat(i)).append("a ");
        }
        return out.toString();
    }
}
