package net.metacircular.mcq.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The XSS check must itself catch unsafe HTML, or a passing corpus proves nothing. */
class SafeHtmlCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "<script>alert(1)</script>",
        "<p>x<SCRIPT>alert(1)</SCRIPT></p>",
        "<img src=\"https://e.com/a.png\" onerror=\"alert(1)\">",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"java&#x09;script:alert(1)\">x</a>",
        "<a href=\" &#1;JavaScript:alert(1)\">x</a>",
        "<img src=\"data:image/png;base64,AAAA\">",
        "<img src=\"mailto:a@b.c\">",
        "<svg><circle r=\"1\"/></svg>",
        "<iframe src=\"https://e.com\"></iframe>",
        "<p style=\"color:red\">x</p>",
        "<h2 id=\"toc\">page id</h2>",
        "<input type=\"text\">",
        "<input type=\"checkbox\">",
        "<form action=\"https://e.com\"></form>",
    })
    void flagsUnsafeHtml(String html) {
        assertThat(SafeHtmlCheck.problems(html)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<p><a href=\"https://e.com\" rel=\"noopener noreferrer\">x</a> <a href=\"#doc-a\">y</a></p>",
        "<p><a href=\"mailto:a@b.c\">m</a> <a href=\"docs/x.md\">r</a></p>",
        "<h2 id=\"doc-intro\">Intro</h2><img src=\"https://e.com/a.png\" alt=\"a\">",
        "<ul class=\"contains-task-list\"><li class=\"task-list-item\"><input type=\"checkbox\" disabled> x</li></ul>",
        "<pre><code class=\"language-java\"><span class=\"tok-keyword\">class</span></code></pre>",
    })
    void acceptsSafeHtml(String html) {
        assertThat(SafeHtmlCheck.problems(html)).isEmpty();
    }
}
