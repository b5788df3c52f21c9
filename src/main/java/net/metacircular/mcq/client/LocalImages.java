package net.metacircular.mcq.client;

import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.attachments.FileNames;
import net.metacircular.mcq.attachments.FileSniffer;
import net.metacircular.mcq.attachments.FileType;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local images a Markdown file links to, which {@code mcq push} uploads
 * with it: {@code ![flow](flow.png)} next to the file. Links to the web,
 * absolute paths and fragments are not local. A relative path that leads
 * out of the file's folder (through {@code ..} or a symbolic link) is
 * refused, so pushing a document can never send a file from elsewhere on
 * the machine. An image in a sub-folder ({@code img/flow.png}, {@code
 * ./img/flow.png}) is uploaded under its path from that folder, which is
 * the name the document's link resolves to in MCQ; a link MCQ would not
 * resolve to a file (more than four folders, a hidden folder, {@code ..}
 * inside the path) is reported and skipped rather than uploaded under a
 * name the document does not use.
 */
public final class LocalImages {

    private static final Parser PARSER = Parser.builder().build();

    /** An image to upload: its name in MCQ, its type and its bytes. */
    public record LocalImage(String name, FileType type, byte[] content) {
    }

    /** What was found: the images to upload, and the links left out, each with why. */
    public record Found(List<LocalImage> images, List<String> skipped) {
    }

    private LocalImages() {
    }

    /**
     * @param markdownFile the pushed file; its folder is where images may come from
     * @throws ServiceException INVALID_INPUT for a link out of the folder, a file that cannot be read,
     *                          or a file that is not a PNG, JPEG, GIF, WebP or SVG image named as one
     */
    public static Found of(String markdown, Path markdownFile) {
        Path folder;
        try {
            folder = markdownFile.toAbsolutePath().getParent().toRealPath();
        } catch (IOException e) {
            throw ServiceException.invalid("cannot read the folder of " + markdownFile + ": " + e.getMessage());
        }
        Map<String, LocalImage> images = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (String destination : destinations(markdown)) {
            String path = localPath(destination);
            if (path == null) {
                continue;
            }
            Path target = folder.resolve(path).normalize();
            if (!target.startsWith(folder)) {
                throw ServiceException.invalid("the image \"" + destination + "\" is outside the folder of "
                        + markdownFile + " (" + folder + "); mcq push only uploads images in that folder");
            }
            Path real;
            try {
                real = target.toRealPath();
            } catch (NoSuchFileException e) {
                skipped.add(destination + ": no such file");
                continue;
            } catch (IOException e) {
                throw ServiceException.invalid("cannot read the image \"" + destination + "\": " + e.getMessage());
            }
            if (!real.startsWith(folder)) {
                throw ServiceException.invalid("the image \"" + destination + "\" leads outside the folder of "
                        + markdownFile + " through a link; mcq push only uploads images in that folder");
            }
            String name = path.startsWith("./") ? path.substring(2) : path;
            if (!FileNames.isValid(name)) {
                skipped.add(destination + ": not a name MCQ shows (a path inside the document's folder with at"
                        + " most " + FileNames.MAX_FOLDERS + " folders, no hidden ones and no .., such as img/"
                        + target.getFileName() + ")");
                continue;
            }
            if (images.containsKey(name)) {
                continue;
            }
            images.put(name, read(name, real));
        }
        return new Found(List.copyOf(images.values()), List.copyOf(skipped));
    }

    private static LocalImage read(String name, Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw ServiceException.invalid("cannot read the image \"" + name + "\": " + e.getMessage());
        }
        FileType named = FileType.ofName(name).orElseThrow(() -> ServiceException.invalid("the image \"" + name
                + "\" is not named as a PNG, JPEG, GIF, WebP or SVG file"));
        FileType found = FileSniffer.sniff(content).orElseThrow(() -> ServiceException.invalid("the image \""
                + name + "\" is not a PNG, JPEG, GIF, WebP or SVG image"));
        if (found != named) {
            throw ServiceException.invalid("the image \"" + name + "\" is named as " + named + " but is " + found);
        }
        return new LocalImage(name, found, content);
    }

    private static List<String> destinations(String markdown) {
        List<String> destinations = new ArrayList<>();
        Node document = PARSER.parse(markdown);
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Image image) {
                destinations.add(image.getDestination());
                visitChildren(image);
            }
        });
        return destinations;
    }

    /**
     * The relative file path a link names, percent-decoded; null for a link
     * that is not to a local file (a scheme, an absolute path, a fragment or
     * a query).
     */
    static String localPath(String destination) {
        if (destination.isEmpty() || destination.startsWith("/") || destination.startsWith("\\")
                || destination.startsWith("#") || destination.contains("?") || destination.contains("#")) {
            return null;
        }
        for (int i = 0; i < destination.length(); i++) {
            char c = destination.charAt(i);
            if (c == '/') {
                break;
            }
            if (c == ':') {
                return null; // https:, data:, C: ...
            }
        }
        return percentDecoded(destination);
    }

    private static String percentDecoded(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] raw = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%' && i + 2 < raw.length && Character.digit(raw[i + 1], 16) >= 0
                    && Character.digit(raw[i + 2], 16) >= 0) {
                bytes.write(Character.digit(raw[i + 1], 16) * 16 + Character.digit(raw[i + 2], 16));
                i += 2;
            } else {
                bytes.write(raw[i]);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
