package net.metacircular.mcq.render;

import java.util.List;
import java.util.function.UnaryOperator;
import org.owasp.html.HtmlSanitizer;

/**
 * Keeps images the sanitizer will not load from vanishing without a trace: an
 * {@code <img>} whose {@code src} the image rule refuses reaches the policy as
 * {@code <span class="image-alt">} holding its alt text (or, without one, its
 * file name), so the reader sees that a picture was meant there and what it
 * showed. Sits in front of the sanitizer's policy and asks the same rule the
 * policy applies, so what it turns into text is exactly what would be dropped.
 */
final class UnshownImages implements HtmlSanitizer.Policy {

    static final String CSS_CLASS = "image-alt";

    private final HtmlSanitizer.Policy policy;
    private final UnaryOperator<String> imageSource;

    /** @param imageSource the sanitizer's image rule: the src it keeps, or null */
    UnshownImages(HtmlSanitizer.Policy policy, UnaryOperator<String> imageSource) {
        this.policy = policy;
        this.imageSource = imageSource;
    }

    @Override
    public void openDocument() {
        policy.openDocument();
    }

    @Override
    public void closeDocument() {
        policy.closeDocument();
    }

    @Override
    public void openTag(String elementName, List<String> attrs) {
        if (!"img".equalsIgnoreCase(elementName)) {
            policy.openTag(elementName, attrs);
            return;
        }
        String src = valueOf(attrs, "src");
        if (src != null && imageSource.apply(src) != null) {
            policy.openTag(elementName, attrs);
            return;
        }
        String label = label(valueOf(attrs, "alt"), src);
        List<String> span = new java.util.ArrayList<>(List.of("class", CSS_CLASS));
        policy.openTag("span", span);
        policy.text(label);
        policy.closeTag("span");
    }

    @Override
    public void closeTag(String elementName) {
        policy.closeTag(elementName);
    }

    @Override
    public void text(String text) {
        policy.text(text);
    }

    /** The alt text; without one, the file name in a web or relative address; without that, a word. */
    static String label(String alt, String src) {
        if (alt != null && !alt.isBlank()) {
            return alt;
        }
        // Only a path names a file; a data: or javascript: URL is shown as nothing of its own.
        if (src != null && (UrlKind.of(src) == UrlKind.RELATIVE || UrlKind.of(src) == UrlKind.WEB)) {
            String path = src.strip();
            int cut = path.length();
            for (char stop : new char[] {'?', '#'}) {
                int at = path.indexOf(stop);
                if (at >= 0 && at < cut) {
                    cut = at;
                }
            }
            path = path.substring(0, cut);
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (!name.isBlank()) {
                return name;
            }
        }
        return "image";
    }

    private static String valueOf(List<String> attributes, String name) {
        for (int i = 0; i + 1 < attributes.size(); i += 2) {
            if (attributes.get(i).equalsIgnoreCase(name)) {
                return attributes.get(i + 1);
            }
        }
        return null;
    }
}
