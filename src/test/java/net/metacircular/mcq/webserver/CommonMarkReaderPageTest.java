package net.metacircular.mcq.webserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import net.metacircular.mcq.render.CommonMarkConformance;
import net.metacircular.mcq.testing.TestMcq;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CommonMark spec's examples through the real reader page: each is pushed
 * as a document over the REST API, its page fetched over HTTP by a signed-in
 * reader, and the document's HTML taken from the page ({@code #content}) and
 * compared with the spec's; see {@link CommonMarkConformance}.
 */
class CommonMarkReaderPageTest {

    @TempDir
    static Path dir;
    static TestMcq mcq;
    static WebClient alice;

    @BeforeAll
    static void start() {
        mcq = TestMcq.start(dir);
        alice = new WebClient(mcq.baseUrl());
        alice.signIn(TestMcq.ALICE, TestMcq.ALICE_PASSWORD);
    }

    @AfterAll
    static void stop() {
        mcq.close();
    }

    @Test
    void atLeast99PercentOfTheSpecExamplesShowAsTheSpecSays() throws IOException {
        String token = mcq.systemToken();
        System.out.println(CommonMarkConformance.check("commonmark-conformance-reader-page", example -> {
            String slug = "spec-example-" + example.number();
            HttpResponse<String> pushed = mcq.push(slug, "Example " + example.number(), example.markdown(), token);
            assertThat(pushed.statusCode()).as(pushed.body()).isIn(200, 201);
            HttpResponse<String> page = alice.get("/d/" + slug);
            assertThat(page.statusCode()).as("reader page of example %d", example.number()).isEqualTo(200);
            Element content = Jsoup.parse(page.body()).getElementById("content");
            assertThat(content).as("document of example %d", example.number()).isNotNull();
            return content.html();
        }));
    }
}
