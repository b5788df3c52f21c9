package net.metacircular.mcq.webserver;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class LocalPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/d/some-doc", "/d/x?y=1&z=%2F", "/d/a.b_c-d", "/#top", "/d/%C3%BCber"})
    void pathsOnThisSiteAreKept(String path) {
        assertThat(LocalPath.orRoot(path)).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.example", "//evil.example/x", "/\\evil.example", "\\\\evil.example",
            "https://evil.example/", "http:/evil.example", "javascript:alert(1)", "evil.example", "d/x",
            "/\t/evil.example", "/\n/evil.example", "/ /x", "/d/x\\y", "/d/\"><script>", "/d/über", ""})
    void anythingElseBecomesTheQueue(String path) {
        assertThat(LocalPath.orRoot(path)).isEqualTo("/");
    }

    @org.junit.jupiter.api.Test
    void missingAndOverlongBecomeTheQueue() {
        assertThat(LocalPath.orRoot(null)).isEqualTo("/");
        assertThat(LocalPath.orRoot("/" + "a".repeat(5000))).isEqualTo("/");
    }
}
