package net.metacircular.mcq.attachments;

import net.metacircular.mcq.ServiceException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * What an attachment may be called: the relative path an image link names,
 * {@code diagram.png} or {@code img/flow.png}. A name is a file name after
 * at most {@link #MAX_FOLDERS} folders, joined by {@code /}, and each of
 * these segments is a plain name: no {@code \}, no {@code ..}, no leading
 * dot (so no {@code .}, {@code ..} or {@code .git}), no leading or trailing
 * spaces, no control or invisible characters. There is no empty segment and
 * no leading {@code /}, so a name cannot climb out of the document, and it
 * can be put in a URL (each segment encoded), a header and a file system
 * without meaning anything but itself.
 */
public final class FileNames {

    /** The longest name, folders included. */
    public static final int MAX_LENGTH = 200;
    /** The longest segment: a folder or the file name. */
    public static final int MAX_SEGMENT_LENGTH = 100;
    /** The most folders before the file name ({@code a/b/c/d/flow.png}). */
    public static final int MAX_FOLDERS = 4;

    private FileNames() {
    }

    /** Returns {@code name} when it is a file name as above; throws INVALID_INPUT (400) otherwise. */
    public static String check(String name) {
        if (name == null || name.isEmpty()) {
            throw ServiceException.invalid("a file needs a name, such as diagram.png");
        }
        if (name.length() > MAX_LENGTH) {
            throw ServiceException.invalid("a file name may have at most " + MAX_LENGTH + " characters");
        }
        String[] segments = name.split("/", -1);
        if (segments.length > MAX_FOLDERS + 1) {
            throw ServiceException.invalid("a file name may have at most " + MAX_FOLDERS
                    + " folders, such as img/flow.png");
        }
        for (String segment : segments) {
            checkSegment(segment);
        }
        return name;
    }

    private static void checkSegment(String segment) {
        if (segment.isEmpty()) {
            throw ServiceException.invalid("a file name is a relative path such as img/flow.png: it may not start"
                    + " or end with / or have // in it");
        }
        if (segment.length() > MAX_SEGMENT_LENGTH) {
            throw ServiceException.invalid("each part of a file name may have at most " + MAX_SEGMENT_LENGTH
                    + " characters");
        }
        if (segment.indexOf('\\') >= 0 || segment.contains("..")) {
            throw ServiceException.invalid("a file name is a relative path such as img/flow.png, with no \\"
                    + " and no ..");
        }
        if (segment.startsWith(".") || segment.isBlank() || !segment.equals(segment.strip())) {
            throw ServiceException.invalid("no part of a file name may start with a dot or with or end in"
                    + " spaces");
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || Character.isSurrogate(c) && !validSurrogatePair(segment, i)) {
                throw ServiceException.invalid("a file name may not contain control or invisible characters");
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
    }

    /** Whether {@code name} passes {@link #check}, without saying why not. */
    public static boolean isValid(String name) {
        try {
            check(name);
            return true;
        } catch (ServiceException e) {
            return false;
        }
    }

    /** {@code name} for a URL path: each segment percent-encoded, the {@code /} between them kept. */
    public static String urlPath(String name) {
        StringBuilder path = new StringBuilder(name.length() + 16);
        for (String segment : name.split("/", -1)) {
            if (!path.isEmpty()) {
                path.append('/');
            }
            path.append(URLEncoder.encode(segment, StandardCharsets.UTF_8)
                    .replace("+", "%20"));
        }
        return path.toString();
    }

    private static boolean validSurrogatePair(String name, int i) {
        return Character.isHighSurrogate(name.charAt(i)) && i + 1 < name.length()
                && Character.isLowSurrogate(name.charAt(i + 1));
    }
}
