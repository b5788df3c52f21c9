package net.metacircular.mcq.client;

import net.metacircular.mcq.text.StrictUtf8;
import net.metacircular.mcq.ServiceException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A document as {@code mcq push} sends it: the bytes of a file or of
 * standard input, decoded as strict UTF-8 and otherwise untouched (line
 * endings, a trailing newline and every other byte survive), with a title
 * from {@code --title} or else from the document's first {@code # heading}.
 */
public record DocumentInput(String title, String body) {

    /** The FILE argument that means standard input. */
    public static final String STDIN = "-";

    /**
     * @param file        a path, or {@value #STDIN}
     * @param titleOption {@code --title}, or null
     */
    public static DocumentInput read(String file, InputStream stdin, String titleOption) {
        byte[] bytes = STDIN.equals(file) ? readStdin(stdin) : readFile(Path.of(file));
        String source = STDIN.equals(file) ? "standard input" : file;
        String body = StrictUtf8.decode(bytes, source);
        String title = titleOption != null ? titleOption
                : MarkdownTitle.of(body).orElseThrow(() -> ServiceException.invalid("no title: " + source
                        + " has no \"# heading\" line to take the title from; pass --title \"...\""));
        return new DocumentInput(title, body);
    }

    private static byte[] readStdin(InputStream stdin) {
        try {
            return stdin.readAllBytes();
        } catch (IOException e) {
            throw ServiceException.invalid("cannot read standard input: " + e.getMessage());
        }
    }

    private static byte[] readFile(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw ServiceException.invalid("no such file: " + file);
        } catch (IOException e) {
            throw ServiceException.invalid("cannot read " + file + ": " + e.getMessage());
        }
    }

}
