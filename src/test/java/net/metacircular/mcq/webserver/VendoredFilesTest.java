package net.metacircular.mcq.webserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The vendored browser libraries are exactly the files VENDORED.md records:
 * a file changed by hand (or by a botched upgrade) fails here, and so does
 * a file added to the folder without a recorded checksum.
 */
class VendoredFilesTest {

    private static final Path VENDOR = Path.of("src/main/resources/static/vendor");

    /** A row of the files table: | `name` | from | `sha256` | */
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Za-z0-9._-]+)` \\|[^|]*\\| `([0-9a-f]{64})` \\|$");

    @Test
    void everyVendoredFileHasTheRecordedChecksum() throws Exception {
        Map<String, String> recorded = recordedChecksums();
        assertThat(recorded).containsKeys("LICENSE-mermaid.txt", "LICENSE-katex.txt");
        assertThat(recorded.keySet()).anyMatch(name -> name.matches("mermaid-\\d+\\.\\d+\\.\\d+\\.min\\.js"));
        assertThat(recorded.keySet()).anyMatch(name -> name.matches("katex-\\d+\\.\\d+\\.\\d+\\.min\\.js"));
        for (Map.Entry<String, String> entry : recorded.entrySet()) {
            assertThat(sha256(VENDOR.resolve(entry.getKey())))
                    .as("sha256 of %s", entry.getKey())
                    .isEqualTo(entry.getValue());
        }
    }

    @Test
    void theFolderHoldsNoFileThatIsNotRecorded() throws Exception {
        Map<String, String> recorded = recordedChecksums();
        try (Stream<Path> files = Files.list(VENDOR)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(name -> !name.equals("VENDORED.md")))
                    .containsExactlyInAnyOrderElementsOf(recorded.keySet());
        }
    }

    @Test
    void theReaderServesTheRecordedVersions() throws Exception {
        Map<String, String> recorded = recordedChecksums();
        assertThat(recorded).containsKeys(StaticAssets.MERMAID.substring("vendor/".length()),
                StaticAssets.KATEX.substring("vendor/".length()));
    }

    private static Map<String, String> recordedChecksums() throws IOException {
        Map<String, String> sums = new TreeMap<>();
        for (String line : Files.readAllLines(VENDOR.resolve("VENDORED.md"))) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                sums.put(row.group(1), row.group(2));
            }
        }
        return sums;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
