package net.metacircular.mcq.attachments;

import net.metacircular.mcq.ServiceException;

/**
 * What an attachment may be called: a plain file name, the last part of a
 * relative link such as {@code diagram.png}. Never a path — no {@code /} or
 * {@code \}, no {@code ..}, no control characters — so a name can be put in
 * a URL, a header and a file system without meaning anything but itself.
 */
public final class FileNames {

    public static final int MAX_LENGTH = 100;

    private FileNames() {
    }

    /** Returns {@code name} when it is a plain file name; throws INVALID_INPUT (400) otherwise. */
    public static String check(String name) {
        if (name == null || name.isEmpty()) {
            throw ServiceException.invalid("a file needs a name, such as diagram.png");
        }
        if (name.length() > MAX_LENGTH) {
            throw ServiceException.invalid("a file name may have at most " + MAX_LENGTH + " characters");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || name.contains("..")) {
            throw ServiceException.invalid("a file name is a plain name such as diagram.png, not a path"
                    + " (no /, \\ or ..)");
        }
        if (name.startsWith(".") || name.isBlank() || !name.equals(name.strip())) {
            throw ServiceException.invalid("a file name may not start with a dot or with or end in spaces");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || Character.isSurrogate(c) && !validSurrogatePair(name, i)) {
                throw ServiceException.invalid("a file name may not contain control or invisible characters");
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        return name;
    }

    /** Whether {@code name} passes {@link #check}, without saying why not. */
    public static boolean isPlain(String name) {
        try {
            check(name);
            return true;
        } catch (ServiceException e) {
            return false;
        }
    }

    private static boolean validSurrogatePair(String name, int i) {
        return Character.isHighSurrogate(name.charAt(i)) && i + 1 < name.length()
                && Character.isLowSurrogate(name.charAt(i + 1));
    }
}
