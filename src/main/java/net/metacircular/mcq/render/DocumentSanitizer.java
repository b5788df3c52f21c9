package net.metacircular.mcq.render;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.owasp.html.AttributePolicy;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.HtmlSanitizer;
import org.owasp.html.HtmlStreamRenderer;
import org.owasp.html.PolicyFactory;

/**
 * The allow-list every rendered document passes through last. Documents are
 * untrusted and may contain raw HTML, so this runs on the final HTML (not on
 * the Markdown) and is the single place that decides what reaches the browser:
 * the elements Markdown and the highlighter produce plus a few harmless extras,
 * no scripts, no event handlers, no style, no embedded content but plain images.
 *
 * <p>Beyond dropping, it adjusts what it keeps: ids survive only when the
 * renderer wrote them ({@link TrustedIds}); same-page links are namespaced like
 * ids ({@link Anchors}); links to other sites get {@code rel="noopener noreferrer"};
 * task-list checkboxes are always disabled, and an image it will not load is
 * shown as its alt text ({@link UnshownImages}) rather than dropped. Thread-safe.
 */
final class DocumentSanitizer {

    private static final String[] HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"};

    private static final String[] ELEMENTS = {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "hr", "br",
        "ul", "ol", "li", "dl", "dt", "dd",
        "pre", "code", "kbd", "samp", "var",
        "em", "strong", "b", "i", "del", "s", "ins", "mark", "sup", "sub", "small", "abbr", "q", "cite",
        "a", "img", "span", "div", "section", "details", "summary",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
        "input",
    };

    /** The blocks that carry their Markdown source lines ({@link SourceLines}). */
    private static final String[] POSITIONED = {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "hr", "ul", "ol", "li", "pre", "table", "tr", "div",
        "section", "dl",
    };

    /** Class names allowed per element: the ones the renderer and highlighter write. */
    private static final Map<String, Set<String>> CLASSES = Map.of(
            "span", spanClasses(),
            "ul", Set.of(DocumentAttributes.TASK_LIST_CLASS),
            "ol", Set.of(DocumentAttributes.TASK_LIST_CLASS),
            "li", Set.of(DocumentAttributes.TASK_ITEM_CLASS),
            "section", Set.of("footnotes"),
            "sup", Set.of("footnote-ref"),
            "a", Set.of("footnote-backref"),
            "div", divClasses(),
            "p", Set.of(GithubAlerts.TITLE_CLASS),
            "pre", Set.of(FencedCodeRenderer.MERMAID_CLASS));

    private static final Pattern LANGUAGE_CLASS =
            Pattern.compile("language-" + FencedCodeRenderer.SAFE_LANGUAGE.pattern());

    private static final Pattern SMALL_NUMBER = Pattern.compile("\\d{1,4}");

    /**
     * What the changes view adds around rendered blocks: a marked wrapper per
     * block (inserted, changed, removed, the same) with an id to jump to. Only
     * the changes view's own sanitizer allows these, so a document cannot
     * dress its own markup up as a change.
     */
    static final Set<String> CHANGE_CLASSES = Set.of("chg", "chg-ins", "chg-mod", "chg-del", "chg-same");

    private final PolicyFactory policy;
    private final Map<String, Set<String>> classes;

    DocumentSanitizer(TrustedIds trustedIds) {
        this(trustedIds, CLASSES, new String[] {"li", "a"}, false);
    }

    /** The policy for the changes view: the document policy plus the change wrappers' classes and ids. */
    static DocumentSanitizer forChanges(TrustedIds trustedIds) {
        Map<String, Set<String>> classes = new java.util.HashMap<>(CLASSES);
        Set<String> divClasses = new java.util.HashSet<>(CHANGE_CLASSES);
        divClasses.addAll(divClasses());
        classes.put("div", Set.copyOf(divClasses));
        return new DocumentSanitizer(trustedIds, Map.copyOf(classes), new String[] {"li", "a", "div"}, true);
    }

    /**
     * The highlighter's token classes, the mark of an image that is not shown
     * ({@link UnshownImages}) and inline or display math ({@link MathRenderer}).
     */
    private static Set<String> spanClasses() {
        Set<String> names = new java.util.HashSet<>(TokenType.allCssClasses());
        names.add(UnshownImages.CSS_CLASS);
        names.add(MathRenderer.MATH_CLASS);
        names.add(MathRenderer.INLINE_CLASS);
        names.add(MathRenderer.DISPLAY_CLASS);
        return Set.copyOf(names);
    }

    /** Alerts and a fenced math block. */
    private static Set<String> divClasses() {
        Set<String> names = new java.util.HashSet<>(alertClasses());
        names.add(MathRenderer.MATH_CLASS);
        names.add(MathRenderer.DISPLAY_CLASS);
        return Set.copyOf(names);
    }

    private static Set<String> alertClasses() {
        Set<String> names = new java.util.HashSet<>();
        names.add(GithubAlerts.ALERT_CLASS);
        for (Alert.Kind kind : Alert.Kind.values()) {
            names.add(kind.cssClass());
        }
        return Set.copyOf(names);
    }

    private DocumentSanitizer(TrustedIds trustedIds, Map<String, Set<String>> classes, String[] idElements) {
        this(trustedIds, classes, idElements, false);
    }

    /**
     * @param changeLines whether the change wrappers' source lines ({@code data-new-lines},
     *                    {@code data-old-lines}) are allowed; a block's own rendering never carries them
     */
    private DocumentSanitizer(TrustedIds trustedIds, Map<String, Set<String>> classes, String[] idElements,
            boolean changeLines) {
        this.classes = classes;
        HtmlPolicyBuilder builder = new HtmlPolicyBuilder();
        if (changeLines) {
            builder.allowAttributes("data-new-lines", "data-old-lines").matching(SourceLines.VALUE).onElements("div");
        }
        this.policy = builder
                .allowElements(ELEMENTS)
                .allowUrlProtocols("http", "https", "mailto")
                .allowAttributes("href").matching(DocumentSanitizer::linkTarget).onElements("a")
                .allowAttributes("src").matching(DocumentSanitizer::imageSource).onElements("img")
                .allowAttributes("alt").onElements("img")
                .allowAttributes("width", "height").matching(SMALL_NUMBER).onElements("img")
                .allowAttributes("title").onElements("a", "img", "abbr")
                .allowAttributes("aria-label").onElements("a")
                .allowAttributes("align").matching(true, "left", "center", "right").onElements("th", "td")
                .allowAttributes("colspan", "rowspan").matching(SMALL_NUMBER).onElements("th", "td")
                .allowAttributes("start").matching(SMALL_NUMBER).onElements("ol")
                .allowAttributes("open").onElements("details")
                .allowAttributes("type").matching(true, "checkbox").onElements("input")
                .allowAttributes("checked", "disabled").onElements("input")
                .allowAttributes("id").matching(trustedId(trustedIds)).onElements(HEADINGS)
                .allowAttributes(SourceLines.ATTRIBUTE).matching(sourceLines(trustedIds)).onElements(POSITIONED)
                .allowAttributes("id").matching(trustedId(trustedIds)).onElements(idElements)
                .allowAttributes("class").matching(this::knownClasses)
                        .onElements(classes.keySet().toArray(String[]::new))
                .allowAttributes("class").matching(LANGUAGE_CLASS).onElements("code")
                .allowElements(DocumentSanitizer::externalLinkRel, "a")
                .allowElements(DocumentSanitizer::imageNeedsSource, "img")
                .allowElements(DocumentSanitizer::disabledCheckbox, "input")
                .toFactory();
    }

    String sanitize(String html) {
        StringBuilder out = new StringBuilder(html.length());
        sanitize(html, out);
        return out.toString();
    }

    /**
     * Sanitizes {@code html} into {@code out} as it goes, so an output that
     * enforces limits ({@link BoundedOutput}) can stop the work midway.
     */
    void sanitize(String html, Appendable out) {
        HtmlSanitizer.sanitize(html, new UnshownImages(policy.apply(HtmlStreamRenderer.create(out,
                ioError -> {
                    throw new UncheckedIOException(ioError);
                },
                badHtml -> {
                    // The policy's own output is well formed; nothing to report.
                })), src -> imageSource("img", "src", src)));
    }

    /** Only positions the renderer wrote (marked), and only in their strict form. */
    private static AttributePolicy sourceLines(TrustedIds trustedIds) {
        return (element, attribute, value) -> SourceLines.checked(trustedIds.unmark(value));
    }

    private static AttributePolicy trustedId(TrustedIds trustedIds) {
        return (element, attribute, value) -> trustedIds.unmark(value);
    }

    /** Links may go to the web, to mail, or within MCQ; same-page links follow the id namespace. */
    private static String linkTarget(String element, String attribute, String value) {
        return switch (UrlKind.of(value)) {
            case FRAGMENT -> value.length() > 1 ? "#" + Anchors.namespaced(value.substring(1)) : value;
            case RELATIVE, WEB, MAILTO -> value;
            case REJECTED -> null;
        };
    }

    /**
     * Images load without a click, so only https images are allowed: a relative
     * src would make the reviewer's browser send a request, with cookies, to MCQ,
     * and an http (or scheme-relative) one would load in clear text, letting
     * anyone on the path see what is being read and swap the picture. The one
     * exception is a plain file name, which names a file attached to the
     * document: it gets a placeholder the page resolves ({@link AttachedImages}).
     */
    private static String imageSource(String element, String attribute, String value) {
        if (UrlKind.of(value) == UrlKind.RELATIVE) {
            return AttachedImages.forSource(value);
        }
        return UrlKind.of(value) == UrlKind.WEB && hasHttpsScheme(value) ? value : null;
    }

    /** Reads the scheme as a browser does: tabs and newlines removed, leading spaces and controls ignored. */
    private static boolean hasHttpsScheme(String url) {
        String cleaned = url.replace("\t", "").replace("\n", "").replace("\r", "");
        int start = 0;
        while (start < cleaned.length() && cleaned.charAt(start) <= ' ') {
            start++;
        }
        return cleaned.regionMatches(true, start, "https:", 0, "https:".length());
    }

    private String knownClasses(String element, String attribute, String value) {
        Set<String> allowed = classes.getOrDefault(element, Set.of());
        List<String> kept = new ArrayList<>();
        for (String name : value.trim().split("\\s+")) {
            if (allowed.contains(name)) {
                kept.add(name);
            }
        }
        return kept.isEmpty() ? null : String.join(" ", kept);
    }

    /**
     * Runs after the attribute policies, so {@code href} here has already been
     * checked. A link whose target was removed becomes plain text.
     */
    private static String externalLinkRel(String element, List<String> attributes) {
        String href = valueOf(attributes, "href");
        if (href == null) {
            return null;
        }
        if (UrlKind.of(href) == UrlKind.WEB) {
            attributes.add("rel");
            attributes.add("noopener noreferrer");
        }
        return element;
    }

    private static String imageNeedsSource(String element, List<String> attributes) {
        return valueOf(attributes, "src") == null ? null : element;
    }

    /** Task-list checkboxes are a display of state: never an input a document can make interactive. */
    private static String disabledCheckbox(String element, List<String> attributes) {
        if (!"checkbox".equals(valueOf(attributes, "type"))) {
            return null;
        }
        if (valueOf(attributes, "disabled") == null) {
            attributes.add("disabled");
            attributes.add("disabled");
        }
        return element;
    }

    /** Attribute lists alternate name and value. */
    private static String valueOf(List<String> attributes, String name) {
        for (int i = 0; i + 1 < attributes.size(); i += 2) {
            if (attributes.get(i).equals(name)) {
                return attributes.get(i + 1);
            }
        }
        return null;
    }
}
