package net.metacircular.mcq.render;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Only https images survive rendering, whether written in Markdown or as raw HTML. */
class ImageSourceTest {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    private Element body(String markdown) {
        return Jsoup.parseBodyFragment(renderer.render(markdown).html()).body();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com/p.png", "HTTP://example.com/p.png", "//example.com/p.png",
            "\\\\example.com/p.png", "ftp://example.com/p.png", "data:image/png;base64,AAAA"})
    void anImageThatIsNotHttpsIsDropped(String src) {
        Element markdown = body("![pic](<" + src + ">)\n");
        Element html = body("<img src=\"" + src + "\" alt=\"pic\">\n");
        assertThat(markdown.select("img")).as(markdown.html()).isEmpty();
        assertThat(html.select("img")).as(html.html()).isEmpty();
    }

    @Test
    void anHttpsImageStays() {
        Element body = body("""
                ![chart](https://example.com/chart.png)

                <img src="HTTPS://example.com/raw.png" alt="raw">

                ![plain](http://example.com/plain.png)
                """);
        assertThat(body.select("img").eachAttr("src"))
                .containsExactly("https://example.com/chart.png", "HTTPS://example.com/raw.png");
    }
}
