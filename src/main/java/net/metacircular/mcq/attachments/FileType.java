package net.metacircular.mcq.attachments;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of file a document may carry: the images a browser shows
 * inline. Each has its one media type, which is what MCQ stores and serves
 * (never a type a client declared), and the extensions its name may end in.
 */
public enum FileType {
    PNG("image/png", List.of("png")),
    JPEG("image/jpeg", List.of("jpg", "jpeg")),
    GIF("image/gif", List.of("gif")),
    WEBP("image/webp", List.of("webp")),
    SVG("image/svg+xml", List.of("svg"));

    private final String mediaType;
    private final List<String> extensions;

    FileType(String mediaType, List<String> extensions) {
        this.mediaType = mediaType;
        this.extensions = extensions;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The type a file name's extension claims (case-insensitive), if it is one MCQ takes. */
    public static Optional<FileType> ofName(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String extension = name.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (FileType type : values()) {
            if (type.extensions.contains(extension)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The type with this media type (parameters such as {@code ; charset=} ignored), if MCQ takes it. */
    public static Optional<FileType> ofMediaType(String mediaType) {
        if (mediaType == null) {
            return Optional.empty();
        }
        int semicolon = mediaType.indexOf(';');
        String bare = (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        for (FileType type : values()) {
            if (type.mediaType.equals(bare)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** "PNG, JPEG, GIF, WebP or SVG", for messages. */
    static String names() {
        return "PNG, JPEG, GIF, WebP or SVG";
    }
}
