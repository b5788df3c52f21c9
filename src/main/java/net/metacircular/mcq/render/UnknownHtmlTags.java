package net.metacircular.mcq.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.PostProcessor;

/**
 * Shows inline "HTML" tags that are not HTML as the text they are. CommonMark
 * reads anything shaped like a tag as raw HTML: {@code <foo bar>}, or the
 * destination of a link written {@code [a](<b\nc>)} (not a link, as it holds a
 * line break). A browser would hide such a tag and the sanitizer drops it, so
 * its words would vanish; as text they stay visible. Real HTML elements, the
 * allowed and the forbidden alike, stay raw HTML for the sanitizer to judge.
 */
final class UnknownHtmlTags implements PostProcessor {

    private static final Pattern TAG = Pattern.compile("</?([A-Za-z][A-Za-z0-9-]*)");

    /** The elements of HTML, SVG and MathML that may appear inline; anything else is not a tag to a reader. */
    private static final Set<String> ELEMENTS = Set.of(
            "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "base", "basefont", "bdi",
            "bdo", "big", "blink", "blockquote", "body", "br", "button", "canvas", "caption", "center", "cite",
            "code", "col", "colgroup", "data", "datalist", "dd", "del", "details", "dfn", "dialog", "dir", "div",
            "dl", "dt", "em", "embed", "fieldset", "figcaption", "figure", "font", "footer", "form", "frame",
            "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "i", "iframe",
            "image", "img", "input", "ins", "isindex", "kbd", "keygen", "label", "legend", "li", "link", "listing",
            "main", "map", "mark", "marquee", "math", "menu", "menuitem", "meta", "meter", "nav", "nobr", "noembed",
            "noframes", "noscript", "object", "ol", "optgroup", "option", "output", "p", "param", "picture",
            "plaintext", "portal", "pre", "progress", "q", "rb", "rp", "rt", "rtc", "ruby", "s", "samp", "script",
            "search", "section", "select", "slot", "small", "source", "spacer", "span", "strike", "strong",
            "style", "sub", "summary", "sup", "svg", "table", "tbody", "td", "template", "textarea", "tfoot", "th",
            "thead", "time", "title", "tr", "track", "tt", "u", "ul", "var", "video", "wbr", "xmp",
            // SVG and MathML pieces that carry script or links.
            "animate", "set", "use", "foreignobject", "mi", "mo", "mn", "ms", "mtext", "mrow", "maction");

    @Override
    public Node process(Node document) {
        // Found first, replaced after: the walk follows the tree's links, which a replacement changes.
        List<HtmlInline> unknown = new ArrayList<>();
        TreeWalk.forEach(document, node -> {
            if (node instanceof HtmlInline html && isUnknownTag(html.getLiteral())) {
                unknown.add(html);
            }
        });
        for (HtmlInline html : unknown) {
            Text text = new Text(html.getLiteral());
            text.setSourceSpans(html.getSourceSpans());
            html.insertBefore(text);
            html.unlink();
        }
        return document;
    }

    static boolean isUnknownTag(String literal) {
        Matcher matcher = TAG.matcher(literal);
        if (!matcher.lookingAt()) {
            return false; // comments, declarations, processing instructions, CDATA
        }
        String name = matcher.group(1).toLowerCase(Locale.ROOT);
        // Custom elements (with a dash) are real elements to a browser; the sanitizer drops them as it always has.
        return !ELEMENTS.contains(name) && name.indexOf('-') < 0;
    }
}
