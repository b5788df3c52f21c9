package net.metacircular.mcq.documents;

import net.metacircular.mcq.ServiceException;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The input rules for documents. Bad input is rejected with a message that
 * says how to fix it; nothing is ever silently rewritten.
 */
public final class DocumentRules {

    public static final int MAX_SLUG_LENGTH = 128;
    public static final int MAX_TITLE_LENGTH = 300;
    public static final String SLUG_RULE = "a slug is 1-128 characters of lowercase a-z, 0-9, '-', '_' and '.',"
            + " starting with a letter or digit";

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");

    /** Revisions kept per document unless configured otherwise ({@code [limits] max_revisions}). */
    public static final int DEFAULT_MAX_REVISIONS = 200;

    private final long maxBodyBytes;
    private final int maxRevisions;

    public DocumentRules(long maxBodyBytes) {
        this(maxBodyBytes, DEFAULT_MAX_REVISIONS);
    }

    /**
     * @param maxRevisions revisions kept per document; older ones are pruned unless the
     *                     current revision or a read mark points at them
     */
    public DocumentRules(long maxBodyBytes, int maxRevisions) {
        if (maxRevisions < 1) {
            throw new IllegalArgumentException("maxRevisions must be at least 1");
        }
        this.maxBodyBytes = maxBodyBytes;
        this.maxRevisions = maxRevisions;
    }

    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    public int maxRevisions() {
        return maxRevisions;
    }

    /**
     * A revision number as text (a path segment, a query parameter, a form
     * field); empty or absent means "not given" and is null.
     *
     * @param name names the value in the error, e.g. "from"
     */
    public static Long parseRevision(String value, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() <= 18 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            long number = Long.parseLong(value);
            if (number >= 1) {
                return number;
            }
        }
        throw ServiceException.invalid(name + " must be a revision number (1, 2, ...)");
    }

    /**
     * The page number of a {@code page} query parameter (the queue's pages,
     * a search's pages): 1 when absent; anything but a whole number from 1 is
     * bad input.
     */
    public static int parsePage(String value) {
        if (value == null) {
            return 1;
        }
        if (!value.isEmpty() && value.length() <= 9 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int page = Integer.parseInt(value);
            if (page >= 1) {
                return page;
            }
        }
        throw ServiceException.invalid("page must be a whole number from 1 up");
    }

    /** Checks a revision number given by a caller. */
    public static void checkRevision(long revision) {
        if (revision < 1) {
            throw ServiceException.invalid("a revision number is 1 or more (got " + revision + ")");
        }
    }

    public static boolean isValidSlug(String slug) {
        return slug != null && SLUG.matcher(slug).matches();
    }

    public static void checkSlug(String slug) {
        if (slug == null || slug.isEmpty()) {
            throw ServiceException.invalid("missing slug: " + SLUG_RULE);
        }
        if (!isValidSlug(slug)) {
            throw ServiceException.invalid("invalid slug \"" + abbreviate(slug) + "\": " + SLUG_RULE);
        }
    }

    /** Returns the title trimmed of surrounding white space, which is what is stored. */
    public static String checkTitle(String title) {
        if (title == null) {
            throw ServiceException.invalid("missing title: a title is 1-" + MAX_TITLE_LENGTH + " characters");
        }
        // Checked before trimming: strip() would quietly drop a trailing U+2028.
        int invisible = firstInvisibleCharacter(title);
        if (invisible >= 0) {
            throw ServiceException.invalid("title contains " + String.format("U+%04X", invisible)
                    + " (a bidirectional control, zero-width, format or line-separator character); "
                    + "a title is a single line of visible text");
        }
        String trimmed = title.strip();
        if (trimmed.isEmpty()) {
            throw ServiceException.invalid("title is empty: a title is 1-" + MAX_TITLE_LENGTH + " characters");
        }
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length > MAX_TITLE_LENGTH) {
            throw ServiceException.invalid("title is " + length + " characters long; the limit is " + MAX_TITLE_LENGTH);
        }
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
            throw ServiceException.invalid("title contains a control character (such as a newline or tab); "
                    + "a title is a single line of text");
        }
        if (hasUnpairedSurrogate(trimmed)) {
            throw ServiceException.invalid("title is not valid Unicode text (it contains an unpaired surrogate)");
        }
        return trimmed;
    }

    /**
     * The first character a title must not hold, or -1: format characters
     * (Unicode category Cf: the bidirectional controls U+202A-U+202E,
     * U+2066-U+2069, U+200E, U+200F and U+061C, the zero-width characters
     * U+200B-U+200D and U+2060, the BOM U+FEFF, soft hyphens...) and the line
     * and paragraph separators U+2028 and U+2029. They are invisible in a
     * listing, so a title holding them can show other text than it says (a
     * right-to-left override turns "gpj.exe" around) or look like another.
     */
    static int firstInvisibleCharacter(String text) {
        return text.codePoints()
                .filter(c -> switch (Character.getType(c)) {
                    case Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
                    default -> false;
                })
                .findFirst().orElse(-1);
    }

    /**
     * Checks a body and returns its UTF-8 bytes, which the caller hashes: the
     * body is encoded once. Every character takes at least one byte, so a body
     * with more characters than the limit is refused before it is encoded.
     */
    public byte[] checkBody(String body) {
        if (body == null) {
            throw ServiceException.invalid("missing body: send the Markdown text (it may be empty)");
        }
        if (body.length() > maxBodyBytes) {
            throw tooLarge(utf8Length(body));
        }
        if (hasUnpairedSurrogate(body)) {
            throw ServiceException.invalid("body is not valid UTF-8 text (it contains an unpaired surrogate)");
        }
        byte[] utf8 = body.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > maxBodyBytes) {
            throw tooLarge(utf8.length);
        }
        return utf8;
    }

    private ServiceException tooLarge(long bytes) {
        return new ServiceException(ServiceException.Kind.TOO_LARGE,
                "body is " + bytes + " bytes; the limit is " + maxBodyBytes + " bytes");
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
