package net.metacircular.mcq.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlKindTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "java\rscript:alert(1)",
        " \u0001javascript:alert(1)",
        "\u0000javascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "DATA:image/png;base64,AAAA",
        "file:///etc/passwd",
        "ftp://example.com/",
        "blob:https://example.com/uuid",
        "jav\u0000ascript:alert(1)",
    })
    void rejectsEverySchemeButWebAndMail(String url) {
        assertThat(UrlKind.of(url)).isEqualTo(UrlKind.REJECTED);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://example.com/a      | WEB",
        "HTTP://example.com         | WEB",
        "//example.com/x            | WEB",
        "\\\\example.com/x          | WEB",
        "/\\example.com/x           | WEB",
        "mailto:a@example.com       | MAILTO",
        "#section                   | FRAGMENT",
        "docs/page.md               | RELATIVE",
        "/queue                     | RELATIVE",
        "?page=2                    | RELATIVE",
        "page.md#part:two           | RELATIVE",
        "a/b:c                      | RELATIVE",
    })
    void classifiesAllowedUrls(String url, UrlKind expected) {
        assertThat(UrlKind.of(url)).isEqualTo(expected);
    }
}
