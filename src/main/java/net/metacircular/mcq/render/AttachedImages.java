package net.metacircular.mcq.render;

import net.metacircular.mcq.attachments.FileNames;
import net.metacircular.mcq.text.Html;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Relative images that name a document's attached file ({@code
 * ![flow](diagram.png)}, {@code ./diagram.png}, {@code img/flow.png} and
 * {@code ./img/flow.png}, the last two both naming the file {@code
 * img/flow.png}; see {@link FileNames}).
 *
 * <p>A render is shared by every document with the same Markdown, so it
 * cannot know whose files a name means. The sanitizer therefore writes such
 * an image with a placeholder source ({@link #forSource}); when a page shows
 * the render for one document, {@link #resolve} points each placeholder at
 * that document's file route, or, when the document has no such file,
 * replaces the image by its alt text, visibly marked, so nothing vanishes.
 * A document that writes a placeholder itself gains nothing: it resolves
 * to that document's own file of that name, as the plain name would (and
 * the sanitizer must keep its own output unchanged when run again).
 *
 * <p>Attachments belong to revisions, so a page says which revision's files
 * its images are: the reader and an old revision resolve against one set
 * ({@link #resolve}), the changes view against two ({@link #resolveChanges}):
 * a removed block shows the older revision's files, the rest the newer's.
 */
public final class AttachedImages {

    static final String PLACEHOLDER = "mcq-attached-file/";

    /** The sanitizer's output: src before or after other attributes, values quoted and encoded. */
    private static final Pattern IMAGE = Pattern.compile(
            "<img\\b([^>]*?)\\ssrc=\"" + Pattern.quote(PLACEHOLDER) + "([^\"]*)\"([^>]*)>");
    private static final Pattern ALT = Pattern.compile("\\salt=\"([^\"]*)\"");

    private AttachedImages() {
    }

    /**
     * The placeholder for an image source that names an attached file, or
     * null when {@code src} is anything else (a path, a query, a name no
     * file may have).
     */
    static String forSource(String src) {
        String name = src.startsWith("./") ? src.substring(2)
                : src.startsWith(PLACEHOLDER) ? src.substring(PLACEHOLDER.length()) : src;
        if (name.indexOf('?') >= 0 || name.indexOf('#') >= 0) {
            return null;
        }
        String decoded = percentDecoded(name);
        return decoded != null && FileNames.isValid(decoded) ? PLACEHOLDER + FileNames.urlPath(decoded) : null;
    }

    /**
     * The files of one revision of a document, as a page points at them.
     *
     * @param path   the route the files are served under, ending in {@code /}; each segment of a name is
     *               appended percent-encoded
     * @param exists whether that revision shows a file of that name
     */
    public record Files(String path, Predicate<String> exists) {
    }

    /** Where each wrapper of the changes view starts ({@code ChangesRenderer}'s output). */
    private static final String CHANGE_WRAPPER = "<div class=\"chg chg-";
    private static final String REMOVED_WRAPPER = CHANGE_WRAPPER + "del\"";

    /**
     * Points the placeholders in {@code html} (a sanitized render) at
     * {@code filesPath} + the file's name; images whose file
     * {@code exists} does not know become their alt text in a marked span.
     */
    public static String resolve(String html, String filesPath, Predicate<String> exists) {
        return resolve(html, new Files(filesPath, exists));
    }

    /** {@link #resolve(String, String, Predicate)} against one revision's files. */
    public static String resolve(String html, Files files) {
        if (html == null || !html.contains(PLACEHOLDER)) {
            return html;
        }
        StringBuilder out = new StringBuilder(html.length() + 64);
        appendResolved(out, html, files);
        return out.toString();
    }

    /**
     * Resolves a changes view ({@code ChangesRenderer}'s wrappers, one per
     * block): the images of a removed block ({@code chg-del}, the older
     * revision's text) against {@code before}, all others against
     * {@code after}.
     */
    public static String resolveChanges(String html, Files before, Files after) {
        if (html == null || !html.contains(PLACEHOLDER)) {
            return html;
        }
        StringBuilder out = new StringBuilder(html.length() + 64);
        int start = 0;
        while (start < html.length()) {
            int next = html.indexOf(CHANGE_WRAPPER, start + 1);
            int end = next < 0 ? html.length() : next;
            appendResolved(out, html.substring(start, end), html.startsWith(REMOVED_WRAPPER, start) ? before : after);
            start = end;
        }
        return out.toString();
    }

    private static void appendResolved(StringBuilder out, String html, Files files) {
        String filesPath = files.path();
        Predicate<String> exists = files.exists();
        Matcher image = IMAGE.matcher(html);
        while (image.find()) {
            String encodedName = image.group(2);
            String name = percentDecoded(encodedName);
            String replacement;
            if (name != null && exists.test(name)) {
                replacement = "<img" + image.group(1) + " src=\"" + filesPath + encodedName + "\"" + image.group(3)
                        + ">";
            } else {
                Matcher alt = ALT.matcher(image.group(1) + image.group(3));
                String altText = alt.find() ? alt.group(1) : "";
                // The alt value is already encoded for an attribute, which is valid text too.
                replacement = "<span class=\"" + UnshownImages.CSS_CLASS + " missing-file\" title=\"No file &#34;"
                        + (name == null ? "" : Html.escape(name))
                        + "&#34; is attached to this document\">" + (altText.isEmpty() ? "image" : altText)
                        + "</span>";
            }
            image.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        image.appendTail(out);
    }

    /** Strict percent-decoding into UTF-8; null on a broken escape or invalid UTF-8. */
    private static String percentDecoded(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length()) {
                    return null;
                }
                int high = Character.digit(value.charAt(i + 1), 16);
                int low = Character.digit(value.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < value.length()) {
                    utf8 = value.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(utf8);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
