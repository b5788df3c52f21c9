package net.metacircular.mcq.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import java.util.function.Function;

/**
 * The CommonMark conformance check: the spec's examples (0.31.2, the version
 * commonmark-java 0.30 implements; vendored in src/test/resources/commonmark
 * with its licence and checksum) rendered as the reader shows them, compared
 * with the spec's HTML by structure. {@code CommonMarkReaderPageTest} runs it
 * through the real reader page over HTTP, {@link CommonMarkConformanceTest}
 * through the renderer the page calls (quick feedback while working on it).
 *
 * <p>Both sides are parsed by jsoup and written out canonically: ids, classes,
 * the renderer's own attributes ({@code data-source-lines}, {@code rel}) and
 * highlighting spans are ignored, whitespace outside {@code pre} is collapsed.
 * The raw-HTML sections are left out: MCQ sanitizes raw HTML by design.
 *
 * <p>Every example that differs is listed with its cause and reason in
 * {@code commonmark/known-differences.tsv}: a safety rule of MCQ (an image it
 * does not load, a link scheme it refuses, a "tag" it shows as text rather than
 * drop) or a GitHub extension (bare URLs become links). The test measures, for
 * each, whether MCQ's HTML is exactly the spec's HTML after MCQ's sanitizer, and
 * fails if the list and the measurement disagree, or if fewer than 99 % of the
 * examples render as the spec says with the safety rules' differences accepted.
 * The figures are written to {@code target/}.
 */
public final class CommonMarkConformance {

    private static final Set<String> RAW_HTML_SECTIONS = Set.of("HTML blocks", "Raw HTML");
    private static final Set<String> IGNORED_ATTRIBUTES = Set.of("id", "class", "rel", SourceLines.ATTRIBUTE);
    private static final Pattern BLOCK_TAG = Pattern.compile(
            "\\s*(</?(?:p|li|ul|ol|blockquote|h[1-6]|pre|hr|table|thead|tbody|tr|th|td|div|section|br)\\b[^>]*>)\\s*");
    private static final double REQUIRED = 0.99;

    private static final DocumentSanitizer SANITIZER = new DocumentSanitizer(TrustedIds.withRandomMarker());

    /** One example of the spec. */
    public record Example(int number, String section, String markdown, String html) {
    }

    enum Outcome { SAME, SANITIZED, DIFFERENT }

    private CommonMarkConformance() {
    }

    /**
     * Renders every example with {@code render} (Markdown to the document's HTML
     * as the reader shows it), writes the figures to {@code target/<name>.txt},
     * and fails unless the differences are exactly the listed ones and at least
     * 99 % conform. Returns the one-line summary.
     */
    public static String check(String name, Function<Example, String> render) throws IOException {
        List<Example> examples = examples();
        Map<Integer, Outcome> outcomes = new TreeMap<>();
        Map<Integer, String> details = new LinkedHashMap<>();
        for (Example example : examples) {
            String ours = canonical(withoutFiles(render.apply(example)));
            String spec = canonical(example.html());
            if (ours.equals(spec)) {
                outcomes.put(example.number(), Outcome.SAME);
                continue;
            }
            boolean sanitized = ours.equals(canonical(withoutFiles(SANITIZER.sanitize(example.html()))));
            outcomes.put(example.number(), sanitized ? Outcome.SANITIZED : Outcome.DIFFERENT);
            details.put(example.number(), example.section() + "\n  markdown: " + example.markdown().replace("\n", "\\n")
                    + "\n  spec:     " + spec + "\n  mcq:      " + ours);
        }
        Map<Integer, Listed> listed = knownDifferences();
        long same = count(outcomes, Outcome.SAME);
        long bySanitizing = listed.values().stream().filter(Listed::bySanitizing).count();
        long byExtensions = listed.size() - bySanitizing;
        double conforming = (double) (same + bySanitizing) / examples.size();
        String report = String.format("CommonMark 0.31.2: %d examples outside raw HTML; %d as the spec, %d differ"
                + " by MCQ's safety rules (listed), %d by GitHub extensions (listed): %.2f %% conform"
                + " (%.2f %% identical)%n", examples.size(), same, bySanitizing, byExtensions, 100 * conforming,
                100.0 * same / examples.size());
        StringBuilder full = new StringBuilder(report);
        details.forEach((number, text) -> full.append("\nexample ").append(number).append(" (")
                .append(outcomes.get(number)).append("): ").append(text));
        Path out = Path.of("target", name + ".txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, full);

        Map<Integer, Outcome> measured = new TreeMap<>(outcomes);
        measured.values().removeIf(outcome -> outcome == Outcome.SAME);
        Map<Integer, Outcome> expected = new TreeMap<>();
        listed.forEach((number, entry) -> expected.put(number, entry.outcome()));
        assertThat(measured).as("differences measured (details in %s) against the listed ones", out)
                .isEqualTo(expected);
        assertThat(conforming).as(report).isGreaterThanOrEqualTo(REQUIRED);
        return report.strip();
    }

    /**
     * An image naming a plain file name is an attachment of the document;
     * none of the examples has files, so it shows as its alt text, as the
     * reader page shows it (the page has already done this to its HTML).
     */
    private static String withoutFiles(String html) {
        return AttachedImages.resolve(html, "/files/", name -> false);
    }

    /** A listed difference: what the test measures, and whether a safety rule of MCQ causes it. */
    record Listed(Outcome outcome, boolean bySanitizing) {
    }

    private static long count(Map<Integer, Outcome> outcomes, Outcome outcome) {
        return outcomes.values().stream().filter(outcome::equals).count();
    }

    /** example number, outcome, cause (sanitizer or extension), reason: one a line. */
    private static Map<Integer, Listed> knownDifferences() throws IOException {
        Map<Integer, Listed> listed = new TreeMap<>();
        for (String line : resource("/commonmark/known-differences.tsv").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            assertThat(fields).as(line).hasSize(4);
            assertThat(fields[2]).as(line).isIn("sanitizer", "extension");
            listed.put(Integer.parseInt(fields[0]),
                    new Listed(Outcome.valueOf(fields[1]), fields[2].equals("sanitizer")));
        }
        return listed;
    }

    public static List<Example> examples() throws IOException {
        JsonNode all = new ObjectMapper().readTree(resource("/commonmark/spec-0.31.2.json"));
        List<Example> examples = new ArrayList<>();
        for (JsonNode node : all) {
            String section = node.get("section").asText();
            if (!RAW_HTML_SECTIONS.contains(section)) {
                examples.add(new Example(node.get("example").asInt(), section, node.get("markdown").asText(),
                        node.get("html").asText()));
            }
        }
        return examples;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = CommonMarkConformance.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The structure of {@code html}, written out so that equal structures give equal strings. */
    public static String canonical(String html) {
        Element body = Jsoup.parseBodyFragment(html).body();
        StringBuilder out = new StringBuilder();
        for (Node child : body.childNodes()) {
            write(child, out, false);
        }
        return BLOCK_TAG.matcher(out.toString().replaceAll("\\s+", " ")).replaceAll("$1").strip();
    }

    private static void write(Node node, StringBuilder out, boolean inPre) {
        if (node instanceof TextNode text) {
            String value = escape(text.getWholeText());
            // Inside pre, whitespace is content: keep it out of reach of the whitespace collapsing.
            out.append(inPre ? value.replace("\n", "\\n").replace(" ", "\\s").replace("\t", "\\t") : value);
            return;
        }
        if (!(node instanceof Element element)) {
            return; // comments
        }
        String name = element.normalName();
        boolean highlight = name.equals("span") && element.className().startsWith("tok-");
        if (!highlight) {
            out.append('<').append(name);
            Map<String, String> attributes = new TreeMap<>();
            for (Attribute attribute : element.attributes()) {
                if (!IGNORED_ATTRIBUTES.contains(attribute.getKey())) {
                    attributes.put(attribute.getKey(), attributeValue(attribute));
                }
            }
            attributes.forEach((key, value) -> out.append(' ').append(key).append("=\"").append(escape(value))
                    .append('"'));
            out.append('>');
        }
        for (Node child : element.childNodes()) {
            write(child, out, inPre || name.equals("pre"));
        }
        if (!highlight && !element.tag().isSelfClosing() && !element.tag().isEmpty()) {
            out.append("</").append(name).append('>');
        }
    }

    /** Same-page links carry the reader's id namespace; the spec's do not. */
    private static String attributeValue(Attribute attribute) {
        String value = attribute.getValue();
        if (attribute.getKey().equals("href") && value.startsWith("#" + Anchors.PREFIX)) {
            return "#" + value.substring(1 + Anchors.PREFIX.length());
        }
        return value;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
