package net.metacircular.mcq.mcp;

import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.attachments.FileNames;
import net.metacircular.mcq.attachments.FileSniffer;
import net.metacircular.mcq.attachments.FileType;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code files} argument of {@code push_document}: small images sent
 * base64-encoded with the document, for agents that cannot make a second
 * request. Every file is checked before the document is pushed (name,
 * encoding, type, the limits below), so a bad file refuses the whole call
 * instead of leaving a document whose images are half there. Larger files
 * go through REST, gRPC or {@code mcq push}.
 */
final class McpFiles {

    /** The most files one call may carry. */
    static final int MAX_FILES = 10;
    /** The largest file, decoded: a diagram or a screenshot, not a photo album. */
    static final int MAX_FILE_BYTES = 512 * 1024;
    /** All files of one call together, decoded; the call's message must also fit {@code max_request_bytes}. */
    static final int MAX_TOTAL_BYTES = 2 * 1024 * 1024;

    static final String DESCRIPTION = "Optional. Images the body links to by a relative name, e.g."
            + " ![flow](flow.png) or ![flow](img/flow.png): an array of {\"name\": \"img/flow.png\","
            + " \"content_base64\": \"...\"}. PNG, JPEG,"
            + " GIF, WebP or SVG, named with their own extension; at most " + MAX_FILES + " files of at most "
            + MAX_FILE_BYTES / 1024 + " KiB each and " + MAX_TOTAL_BYTES / (1024 * 1024) + " MiB together"
            + " (decoded). A file is a new version of the document's file of the same name: the revision"
            + " pushed shows it, older revisions keep theirs.";

    /** The schema of one element of the array. */
    static final Map<String, Object> ITEM_SCHEMA = Map.of(
            "type", "object",
            "properties", Map.of(
                    "name", Map.of("type", "string", "description", "A file name such as flow.png or img/flow.png (at most 4 folders)."),
                    "content_base64", Map.of("type", "string", "description", "The file's bytes in base64.")),
            "required", List.of("name", "content_base64"),
            "additionalProperties", false);

    /** One file, checked and decoded. */
    record File(String name, FileType type, byte[] content) {
    }

    private McpFiles() {
    }

    /** The files of {@code argument} (null: none), checked; INVALID_INPUT, UNSUPPORTED_TYPE or TOO_LARGE otherwise. */
    static List<File> parse(List<?> argument) {
        if (argument == null) {
            return List.of();
        }
        if (argument.size() > MAX_FILES) {
            throw tooLarge("push_document takes at most " + MAX_FILES + " files; upload more over REST or with"
                    + " mcq push");
        }
        List<File> files = new ArrayList<>();
        Set<String> names = new HashSet<>();
        long total = 0;
        for (Object element : argument) {
            if (!(element instanceof Map<?, ?> fields) || !fields.keySet().equals(Set.of("name", "content_base64"))
                    || !(fields.get("name") instanceof String name)
                    || !(fields.get("content_base64") instanceof String encoded)) {
                throw ServiceException.invalid("each file must be {\"name\": \"...\", \"content_base64\": \"...\"}");
            }
            FileNames.check(name);
            if (!names.add(name)) {
                throw ServiceException.invalid("the file \"" + name + "\" is given twice");
            }
            if (encoded.length() > (MAX_FILE_BYTES + 2) / 3 * 4 + 4) {
                throw tooLarge("the file \"" + name + "\" is over " + MAX_FILE_BYTES / 1024
                        + " KiB; upload it over REST or with mcq push");
            }
            byte[] content;
            try {
                content = Base64.getDecoder().decode(encoded);
            } catch (IllegalArgumentException e) {
                throw ServiceException.invalid("the file \"" + name + "\" is not valid base64");
            }
            if (content.length > MAX_FILE_BYTES) {
                throw tooLarge("the file \"" + name + "\" is over " + MAX_FILE_BYTES / 1024
                        + " KiB; upload it over REST or with mcq push");
            }
            total += content.length;
            if (total > MAX_TOTAL_BYTES) {
                throw tooLarge("the files of one push_document may hold at most " + MAX_TOTAL_BYTES / (1024 * 1024)
                        + " MiB together");
            }
            FileType named = FileType.ofName(name).orElseThrow(() -> new ServiceException(
                    ServiceException.Kind.UNSUPPORTED_TYPE, "\"" + name + "\" is not named as a PNG, JPEG, GIF,"
                    + " WebP or SVG image"));
            FileType found = FileSniffer.sniff(content).orElseThrow(() -> new ServiceException(
                    ServiceException.Kind.UNSUPPORTED_TYPE, "the file \"" + name + "\" is not a PNG, JPEG, GIF,"
                    + " WebP or SVG image"));
            if (found != named) {
                throw ServiceException.invalid("\"" + name + "\" is named as " + named + " but its bytes are "
                        + found);
            }
            files.add(new File(name, found, content));
        }
        return files;
    }

    private static ServiceException tooLarge(String message) {
        return new ServiceException(ServiceException.Kind.TOO_LARGE, message);
    }
}
