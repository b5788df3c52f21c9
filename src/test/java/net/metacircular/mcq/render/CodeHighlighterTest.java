package net.metacircular.mcq.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CodeHighlighterTest {

    private final CodeHighlighter highlighter = new CodeHighlighter();

    /** The highlighted code parsed back, as the browser would show it inside {@code <code>}. */
    private Element highlight(String language, String code) {
        String html = highlighter.highlight(code, Languages.find(language));
        return Jsoup.parseBodyFragment("<pre><code>" + html + "</code></pre>").selectFirst("code");
    }

    private List<String> tokens(Element code, TokenType type) {
        return code.select("span." + type.cssClass()).eachText();
    }

    static Stream<Arguments> tokensByLanguage() {
        return Stream.of(
                Arguments.of("java", "@Override public void run() { return; }", TokenType.META, "@Override"),
                Arguments.of("java", "String s = \"a \\\" b\";", TokenType.STRING, "\"a \\\" b\""),
                Arguments.of("java", "var t = \"\"\"\n  text block\n  \"\"\";", TokenType.STRING,
                        "\"\"\"\n  text block\n  \"\"\""),
                Arguments.of("java", "int x = 0x1F; // hex", TokenType.COMMENT, "// hex"),
                Arguments.of("java", "List<String> names = null;", TokenType.LITERAL, "null"),
                Arguments.of("go", "func main() { defer f() }", TokenType.KEYWORD, "func"),
                Arguments.of("go", "s := `raw\nstring`", TokenType.STRING, "`raw\nstring`"),
                Arguments.of("go", "if err != nil {", TokenType.LITERAL, "nil"),
                Arguments.of("golang", "var n int64 = 3", TokenType.TYPE, "int64"),
                Arguments.of("python", "def f(x):\n    return None", TokenType.KEYWORD, "def"),
                Arguments.of("python", "'''doc\nstring'''", TokenType.STRING, "'''doc\nstring'''"),
                Arguments.of("python", "x = f\"{a}\" # note", TokenType.COMMENT, "# note"),
                Arguments.of("py", "@app.route('/')\ndef index(): pass", TokenType.META, "@app.route"),
                Arguments.of("python", "y = rb'\\x00'", TokenType.STRING, "rb'\\x00'"),
                Arguments.of("javascript", "const f = async () => await g();", TokenType.KEYWORD, "const"),
                Arguments.of("js", "let s = `hi ${name}`;", TokenType.STRING, "`hi ${name}`"),
                Arguments.of("typescript", "interface A { b: string }", TokenType.KEYWORD, "interface"),
                Arguments.of("ts", "let u = undefined;", TokenType.LITERAL, "undefined"),
                Arguments.of("json", "{\"name\": \"mcq\", \"n\": -1.5e3}", TokenType.ATTRIBUTE, "\"name\""),
                Arguments.of("json", "{\"name\": \"mcq\"}", TokenType.STRING, "\"mcq\""),
                Arguments.of("json", "{\"n\": -1.5e3, \"ok\": true}", TokenType.NUMBER, "-1.5e3"),
                Arguments.of("yaml", "name: mcq # service", TokenType.ATTRIBUTE, "name"),
                Arguments.of("yaml", "name: mcq # service", TokenType.COMMENT, "# service"),
                Arguments.of("yml", "port: 8443", TokenType.NUMBER, "8443"),
                Arguments.of("yaml", "enabled: true", TokenType.LITERAL, "true"),
                Arguments.of("toml", "[server]\nport = 8443", TokenType.META, "[server]"),
                Arguments.of("toml", "name = \"mcq\"", TokenType.ATTRIBUTE, "name"),
                Arguments.of("toml", "name = \"mcq\"", TokenType.STRING, "\"mcq\""),
                Arguments.of("bash", "if [ -n \"$HOME\" ]; then echo hi; fi", TokenType.KEYWORD, "if"),
                Arguments.of("sh", "echo $HOME ${PATH}", TokenType.VARIABLE, "$HOME"),
                Arguments.of("bash", "ls # list", TokenType.COMMENT, "# list"),
                Arguments.of("bash", "echo 'single $quoted'", TokenType.STRING, "'single $quoted'"),
                Arguments.of("sql", "SELECT id FROM documents WHERE state = 'it''s'", TokenType.KEYWORD, "SELECT"),
                Arguments.of("sql", "select 'it''s' -- note", TokenType.STRING, "'it''s'"),
                Arguments.of("sql", "select 1 -- note", TokenType.COMMENT, "-- note"),
                Arguments.of("rust", "fn main() { println!(\"hi\"); }", TokenType.META, "println!"),
                Arguments.of("rust", "let s = r#\"raw \"quoted\"\"#;", TokenType.STRING, "r#\"raw \"quoted\"\"#"),
                Arguments.of("rs", "fn f<'a>(x: &'a str) -> char { 'c' }", TokenType.STRING, "'c'"),
                Arguments.of("rust", "fn f<'a>(x: &'a str)", TokenType.META, "'a"),
                Arguments.of("c", "#include <stdio.h>\nint main(void) { return 0; }", TokenType.META,
                        "#include <stdio.h>"),
                Arguments.of("c", "/* block */ unsigned long n;", TokenType.COMMENT, "/* block */"),
                Arguments.of("cpp", "unsigned long n = nullptr;", TokenType.TYPE, "unsigned"),
                Arguments.of("html", "<div class=\"x\">hi</div>", TokenType.TAG, "<div"),
                Arguments.of("html", "<div class=\"x\">hi</div>", TokenType.ATTRIBUTE, "class"),
                Arguments.of("xml", "<a b='c'/><!-- note -->", TokenType.COMMENT, "<!-- note -->"),
                Arguments.of("html", "a &amp; b", TokenType.LITERAL, "&amp;"),
                Arguments.of("diff", "@@ -1 +1 @@\n-old\n+new\n", TokenType.INSERTED, "+new"),
                Arguments.of("diff", "@@ -1 +1 @@\n-old\n+new\n", TokenType.DELETED, "-old"),
                Arguments.of("patch", "--- a/x\n+++ b/x\n@@ -1 +1 @@\n", TokenType.META, "--- a/x"),
                Arguments.of("diff", "@@ -3,2 +3,2 @@ class A\n ctx\n-a\n+b\n", TokenType.META, "@@ -3,2 +3,2 @@ class A"),
                Arguments.of("diff", "@@ -3,2 +3,2 @@\n ctx\n-a\n+b\n", TokenType.INSERTED, "+b"),
                Arguments.of("kotlin", "data class A(val b: String)", TokenType.KEYWORD, "val"),
                Arguments.of("kt", "fun f() = \"\"\"multi\nline\"\"\"", TokenType.STRING, "\"\"\"multi\nline\"\"\""),
                Arguments.of("kotlin", "@JvmStatic fun f(): Int? = null", TokenType.META, "@JvmStatic"),
                Arguments.of("kotlin", "val x: Int? = null", TokenType.LITERAL, "null"),
                Arguments.of("ruby", "def greet(name) # hi\n  puts \"hi #{name}\"\nend", TokenType.KEYWORD, "def"),
                Arguments.of("rb", "x = :symbol", TokenType.LITERAL, ":symbol"),
                Arguments.of("ruby", "@count += 1 # bump", TokenType.VARIABLE, "@count"),
                Arguments.of("ruby", "Foo::Bar.new", TokenType.TYPE, "Bar"),
                Arguments.of("ruby", "x = nil # note", TokenType.COMMENT, "# note"),
                Arguments.of("css", ".card > a:hover { color: #fff; margin: 0 1.5rem; }", TokenType.ATTRIBUTE, "color"),
                Arguments.of("css", ".card { color: #fff; }", TokenType.TAG, ".card"),
                Arguments.of("css", "a { margin: 1.5rem; }", TokenType.NUMBER, "1.5rem"),
                Arguments.of("css", "@media (max-width: 600px) { }", TokenType.META, "@media"),
                Arguments.of("css", "/* note */ a { color: var(--ink); }", TokenType.VARIABLE, "var(--ink)"),
                Arguments.of("dockerfile", "FROM debian:12 AS build\nRUN apt-get update", TokenType.KEYWORD, "FROM"),
                Arguments.of("dockerfile", "FROM x\n# comment\nENV A=$HOME", TokenType.COMMENT, "# comment"),
                Arguments.of("docker", "ENV A=${HOME}", TokenType.VARIABLE, "${HOME}"),
                Arguments.of("dockerfile", "COPY --from=build /a /b", TokenType.ATTRIBUTE, "--from"),
                Arguments.of("proto", "message Doc {\n  repeated string tags = 1; // tags\n}", TokenType.KEYWORD,
                        "message"),
                Arguments.of("proto", "message Doc { int64 id = 1; }", TokenType.TYPE, "int64"),
                Arguments.of("protobuf", "syntax = \"proto3\";", TokenType.STRING, "\"proto3\""),
                Arguments.of("proto", "rpc Get(GetRequest) returns (Doc); // one", TokenType.COMMENT, "// one"),
                Arguments.of("toml", "# settings\n[limits]\nmax = 10", TokenType.NUMBER, "10"),
                Arguments.of("toml", "# settings\n[limits]", TokenType.COMMENT, "# settings"),
                Arguments.of("hcl", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n}", TokenType.KEYWORD,
                        "resource"),
                Arguments.of("terraform", "bucket = \"x\"", TokenType.ATTRIBUTE, "bucket"),
                Arguments.of("hcl", "count = 3 # three", TokenType.COMMENT, "# three"),
                Arguments.of("tf", "enabled = true", TokenType.LITERAL, "true"));
    }

    @ParameterizedTest(name = "{0}: {3} is {2}")
    @MethodSource("tokensByLanguage")
    void marksTokens(String language, String code, TokenType type, String token) {
        Element highlighted = highlight(language, code);

        assertThat(tokens(highlighted, type)).contains(token);
        assertThat(highlighted.wholeText()).as("highlighting keeps the code as it was").isEqualTo(code);
    }

    @Test
    void everyRequiredLanguageIsKnown() {
        for (String name : List.of("java", "go", "python", "javascript", "typescript", "json", "yaml", "toml",
                "bash", "sh", "sql", "rust", "c", "html", "xml", "diff", "kotlin", "ruby", "css", "dockerfile", "proto",
                "hcl")) {
            assertThat(Languages.find(name)).as(name).isPresent();
        }
    }

    @Test
    void keywordsAndNumbersInsideIdentifiersAreNotMarked() {
        Element code = highlight("java", "int classy = x1 + forEach2;");

        assertThat(tokens(code, TokenType.KEYWORD)).isEmpty();
        assertThat(tokens(code, TokenType.NUMBER)).isEmpty();
        assertThat(tokens(code, TokenType.TYPE)).containsExactly("int");
    }

    @Test
    void markupInCodeIsEscapedInsideAndOutsideTokens() {
        String source = "String s = \"</code><script>alert(1)</script>\"; // <img src=x onerror=alert(2)>\n"
                + "if (a < b && c > d) {}";
        String html = highlighter.highlight(source, Languages.find("java"));

        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("</code>");
        assertThat(html).contains("&lt;script&gt;").contains("a &lt; b &amp;&amp; c &gt; d");
        Element code = Jsoup.parseBodyFragment("<code>" + html + "</code>").selectFirst("code");
        assertThat(code.wholeText()).isEqualTo(source);
        assertThat(code.select("*").eachAttr("class")).allMatch(c -> c.startsWith("tok-"));
    }

    @Test
    void quotesInCodeAreEscapedSoTheyCannotEndAnAttribute() {
        String html = highlighter.highlight("x = \"a\" + 'b'", Optional.empty());

        assertThat(html).isEqualTo("x = &quot;a&quot; + &#39;b&#39;");
    }

    @Test
    void unknownLanguageGivesEscapedPlainText() {
        assertThat(Languages.find("cobol-2077")).isEmpty();
        String html = highlighter.highlight("<b>if</b> & \"x\"", Languages.find("cobol-2077"));

        assertThat(html).isEqualTo("&lt;b&gt;if&lt;/b&gt; &amp; &quot;x&quot;");
    }

    @Test
    void unterminatedStringsAndCommentsStopSafely() {
        Element code = highlight("java", "String s = \"open\nint n = 1; /* never closed\nclass X {}");

        assertThat(tokens(code, TokenType.STRING)).containsExactly("\"open");
        assertThat(tokens(code, TokenType.TYPE)).contains("int");
        assertThat(tokens(code, TokenType.COMMENT)).containsExactly("/* never closed\nclass X {}");
    }

    @Test
    void hostileCodeIsHighlightedInLinearTime() {
        // Long runs of escapes and quotes are where backtracking regexes blow up.
        String hostile = "\"" + "\\\"".repeat(100_000) + "\n" + "'".repeat(100_000) + "\n"
                + "/*".repeat(50_000) + "\n" + "1.".repeat(100_000);
        for (String language : List.of("java", "python", "javascript", "json", "yaml", "toml", "bash", "sql",
                "rust", "c", "html", "go", "diff", "kotlin", "ruby", "css", "dockerfile", "proto", "hcl")) {
            String html = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> highlighter.highlight(hostile, Languages.find(language)), language);
            assertThat(Jsoup.parseBodyFragment("<code>" + html + "</code>").selectFirst("code").wholeText())
                    .as(language).isEqualTo(hostile);
        }
    }

    @Test
    void veryLargeBlocksAreNotHighlighted() {
        String large = "int x = 1;\n".repeat(CodeHighlighter.MAX_HIGHLIGHTED_CHARS / 10);

        String html = highlighter.highlight(large, Languages.find("java"));

        assertThat(html).doesNotContain("<span").isEqualTo(large);
    }
}
