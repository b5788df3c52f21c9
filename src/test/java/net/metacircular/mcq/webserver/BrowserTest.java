package net.metacircular.mcq.webserver;

import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What every browser test class starts with: MCQ on loopback ports and
 * Chromium with a fresh profile, both in the class's own temporary folder,
 * started before its first test and closed after its last. A class adds its
 * own {@code @BeforeAll}, which runs after this one (trapping scripts,
 * pushing its documents, signing in), and may replace {@link #mcq} with a
 * restarted server, which is then the one closed. Skips the class where
 * Chromium is not installed. Test classes run one at a time, so the fields
 * belong to the class running.
 */
abstract class BrowserTest {

    @TempDir
    static Path dir;
    static TestMcq mcq;
    static Chrome chrome;

    @BeforeAll
    static void startMcqAndChrome() throws IOException {
        Chrome.assumeInstalled();
        mcq = TestMcq.start(Files.createDirectories(dir.resolve("mcq")));
        chrome = new Chrome(Files.createDirectories(dir.resolve("profile")));
    }

    @AfterAll
    static void closeChromeAndMcq() throws Exception {
        Chrome.closeAll(chrome, mcq);
        chrome = null;
        mcq = null;
    }
}
