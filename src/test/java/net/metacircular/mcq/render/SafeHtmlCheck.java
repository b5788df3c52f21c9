package net.metacircular.mcq.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * An independent check that rendered HTML cannot run script, written from the
 * browser's point of view rather than from the sanitizer's configuration: the
 * HTML is parsed as a browser would parse it, then every element, attribute and
 * URL is checked against what a document is allowed to contain.
 */
final class SafeHtmlCheck {

    private static final Set<String> ELEMENTS = Set.of(
            "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "hr", "br", "ul", "ol", "li", "dl", "dt", "dd",
            "pre", "code", "kbd", "samp", "var", "em", "strong", "b", "i", "del", "s", "ins", "mark", "sup", "sub",
            "small", "abbr", "q", "cite", "a", "img", "span", "div", "section", "details", "summary", "table",
            "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "input");

    /** Attributes allowed on every element of the allow-list. */
    private static final Set<String> COMMON_ATTRIBUTES = Set.of("class", "id");

    private static final Map<String, Set<String>> ATTRIBUTES = Map.of(
            "a", Set.of("href", "title", "rel", "aria-label"),
            "img", Set.of("src", "alt", "title", "width", "height"),
            "abbr", Set.of("title"),
            "th", Set.of("align", "colspan", "rowspan"),
            "td", Set.of("align", "colspan", "rowspan"),
            "ol", Set.of("start"),
            "details", Set.of("open"),
            "input", Set.of("type", "checked", "disabled"));

    private static final Pattern SCHEME = Pattern.compile("^([a-z][a-z0-9+.-]*):");

    private SafeHtmlCheck() {
    }

    /** Every reason {@code html} would be unsafe in a browser; empty when it is safe. */
    static List<String> problems(String html) {
        List<String> problems = new ArrayList<>();
        if (html.toLowerCase(Locale.ROOT).contains("<script")) {
            problems.add("contains a <script tag");
        }
        Document parsed = Jsoup.parseBodyFragment(html);
        for (Element element : parsed.body().getAllElements()) {
            if (element == parsed.body()) {
                continue;
            }
            String name = element.normalName();
            if (!ELEMENTS.contains(name)) {
                problems.add("element outside the allow-list: " + element.outerHtml());
            }
            for (Attribute attribute : element.attributes()) {
                String key = attribute.getKey().toLowerCase(Locale.ROOT);
                if (key.startsWith("on")) {
                    problems.add("event handler attribute: " + element.outerHtml());
                }
                if (key.equals("data-source-lines") || key.equals("data-new-lines") || key.equals("data-old-lines")) {
                    if (!attribute.getValue().matches("\\d{1,7}-\\d{1,7}")) {
                        problems.add("malformed source lines: " + element.outerHtml());
                    }
                } else if (!COMMON_ATTRIBUTES.contains(key) && !ATTRIBUTES.getOrDefault(name, Set.of()).contains(key)) {
                    problems.add("attribute outside the allow-list: " + key + " in " + element.outerHtml());
                }
                if (key.equals("href") || key.equals("src")) {
                    String scheme = schemeOf(attribute.getValue());
                    boolean allowed = scheme == null
                            || scheme.equals("http") || scheme.equals("https")
                            || (scheme.equals("mailto") && key.equals("href"));
                    if (!allowed) {
                        problems.add("URL with scheme " + scheme + ": " + element.outerHtml());
                    }
                }
                if (key.equals("id") && !attribute.getValue().startsWith("doc-")) {
                    problems.add("id outside the document namespace: " + element.outerHtml());
                }
            }
            if (name.equals("input") && !(element.attr("type").equals("checkbox") && element.hasAttr("disabled"))) {
                problems.add("input that is not a disabled checkbox: " + element.outerHtml());
            }
        }
        return problems;
    }

    /**
     * The scheme of a URL as a browser's URL parser reads it: leading and
     * trailing spaces and control characters ignored, tabs and newlines removed
     * anywhere. Null for relative URLs.
     */
    static String schemeOf(String url) {
        String cleaned = url.replaceAll("[\\t\\n\\r]", "").replaceAll("^[\\x00-\\x20]+", "")
                .toLowerCase(Locale.ROOT);
        var matcher = SCHEME.matcher(cleaned);
        return matcher.find() ? matcher.group(1) : null;
    }
}
