package net.metacircular.mcq.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pushes every hostile document of the shared corpus (src/test/resources/xss,
 * one Markdown document per file, named NN-name.md, each trying to call
 * window.__xss('NN') or alert) through the renderer and checks that nothing in
 * the output could run script. A browser test replays the same files.
 */
class XssCorpusTest {

    private static final Pattern FILE_NAME = Pattern.compile("(\\d{2})-[a-z0-9-]+\\.md");

    private static final MarkdownRenderer RENDERER = new MarkdownRenderer();

    static List<Path> payloadFiles() throws IOException, URISyntaxException {
        Path directory = Path.of(XssCorpusTest.class.getResource("/xss").toURI());
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> FILE_NAME.matcher(p.getFileName().toString()).matches())
                    .sorted()
                    .toList();
        }
    }

    static Stream<Named<Path>> payloads() throws IOException, URISyntaxException {
        return payloadFiles().stream().map(p -> Named.of(p.getFileName().toString(), p));
    }

    @Test
    void corpusHasAtLeastFortyNumberedPayloadsThatEachCallTheHook() throws Exception {
        List<Path> files = payloadFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(40);
        for (Path file : files) {
            Matcher name = FILE_NAME.matcher(file.getFileName().toString());
            assertThat(name.matches()).isTrue();
            String number = name.group(1);
            assertThat(withBase64Decoded(Files.readString(file, StandardCharsets.UTF_8)))
                    .as("payload %s names its own number", file.getFileName())
                    .containsAnyOf("__xss('" + number + "')", "__xss(" + number + ")",
                            "__xss(&quot;" + number + "&quot;)", "alert('" + number + "')",
                            "\"" + number + "\"");
        }
    }

    /** The text followed by the decoded form of its data: URL payloads. */
    private static String withBase64Decoded(String text) {
        StringBuilder all = new StringBuilder(text);
        Matcher base64 = Pattern.compile("base64,([A-Za-z0-9+/=]+)").matcher(text);
        while (base64.find()) {
            all.append('\n').append(new String(Base64.getDecoder().decode(base64.group(1)), StandardCharsets.UTF_8));
        }
        return all.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void renderedPayloadCannotRunScript(Path payload) throws IOException {
        String markdown = Files.readString(payload, StandardCharsets.UTF_8);

        String html = RENDERER.render(markdown).html();

        assertThat(SafeHtmlCheck.problems(html))
                .as("problems in the rendering of %s:%n%s", payload.getFileName(), html)
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void whatTheBrowserParsesIsWhatTheSanitizerAllows(Path payload) throws IOException {
        // Mutation XSS hides in output that a browser parses into a different
        // tree than the sanitizer intended. So take the tree a browser builds
        // from the output and sanitize it again: nothing may be removed.
        String html = RENDERER.render(Files.readString(payload, StandardCharsets.UTF_8)).html();
        String browserView = Jsoup.parseBodyFragment(html).body().html();
        String sanitizedAgain = new DocumentSanitizer(TrustedIds.withRandomMarker()).sanitize(browserView);

        assertThat(shape(sanitizedAgain)).isEqualTo(shape(browserView));
    }

    /**
     * Element names with their attribute names, except ids and source lines
     * (marked by the renderer: a new sanitizer drops the old ones).
     */
    private static List<String> shape(String html) {
        return Jsoup.parseBodyFragment(html).body().select("*").stream()
                .map(e -> e.normalName() + e.attributes().asList().stream()
                        .map(a -> a.getKey())
                        .filter(k -> !k.equals("id") && !k.equals(SourceLines.ATTRIBUTE))
                        .sorted()
                        .toList())
                .toList();
    }
}
