package net.metacircular.mcq.webserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One document with every hostile diagram and formula: the two files of the
 * XSS corpus that carry them, plus inputs too large to keep as files (a
 * 1 MB diagram, 5,000 edges, 10,000 nested braces).
 */
final class HostileMarkdown {

    private HostileMarkdown() {
    }

    static String diagramsAndMath() {
        StringBuilder doc = new StringBuilder();
        doc.append(corpus("59-mermaid-diagrams.md")).append("\n\n");
        doc.append(corpus("60-math-formulas.md")).append("\n\n");

        doc.append("A 1 MB diagram:\n\n```mermaid\nflowchart LR\n");
        int lines = 0;
        while (doc.length() < 1_100_000) {
            doc.append("  n").append(lines).append("[\"").append("x".repeat(60)).append("\"] --> n")
                    .append(lines + 1).append('\n');
            lines++;
        }
        // Short enough (about 30,000 characters) to reach Mermaid, whose edge limit refuses it.
        doc.append("```\n\nFive thousand edges:\n\n```mermaid\nflowchart TD\nn0");
        for (int i = 1; i <= 5_000; i++) {
            doc.append("-->n").append(Integer.toString(i, 36));
            if (i % 20 == 0) {
                doc.append("\nn").append(Integer.toString(i, 36));
            }
        }
        doc.append('\n');
        doc.append("```\n\nTen thousand nested braces:\n\n```math\n")
                .append("{".repeat(10_000)).append('x').append("}".repeat(10_000)).append("\n```\n");
        return doc.toString();
    }

    private static String corpus(String name) {
        try {
            Path file = Path.of(HostileMarkdown.class.getResource("/xss/" + name).toURI());
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
