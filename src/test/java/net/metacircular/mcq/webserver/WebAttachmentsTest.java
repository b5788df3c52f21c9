package net.metacircular.mcq.webserver;

import net.metacircular.mcq.http.FileResponse;
import net.metacircular.mcq.testing.TestImages;
import net.metacircular.mcq.testing.TestMcq;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The reader shows a document's attached images, from a route that needs the session. */
class WebAttachmentsTest {

    @TempDir
    static Path dir;
    static TestMcq mcq;
    static String bot;

    @BeforeAll
    static void start() {
        mcq = TestMcq.start(dir);
        bot = mcq.systemToken();
    }

    @AfterAll
    static void stop() {
        mcq.close();
    }

    private static WebClient signedIn() {
        WebClient alice = new WebClient(mcq.baseUrl());
        alice.signIn(TestMcq.ALICE, TestMcq.ALICE_PASSWORD);
        return alice;
    }

    @Test
    void relativeImagesShowTheDocumentsFilesAndAMissingOneItsAltText() {
        mcq.push("pictures", "Pictures", """
                # Pictures

                ![the flow](flow.png)

                ![the states](./states.svg)

                ![the missing chart](chart.png)
                """, bot);
        byte[] png = TestImages.png(Color.RED);
        byte[] svg = TestImages.hostileSvg();
        assertThat(mcq.sendBytes("PUT", "/v1/documents/pictures/files/flow.png", bot, "image/png", png)
                .statusCode()).isEqualTo(201);
        assertThat(mcq.sendBytes("PUT", "/v1/documents/pictures/files/states.svg", bot, "image/svg+xml", svg)
                .statusCode()).isEqualTo(201);

        WebClient alice = signedIn();
        HttpResponse<String> page = alice.get("/d/pictures");
        assertThat(page.statusCode()).isEqualTo(200);
        Document html = Jsoup.parse(page.body());
        assertThat(html.select(".markdown img").eachAttr("src"))
                .containsExactly("/d/pictures/files/flow.png", "/d/pictures/files/states.svg");
        Element missing = html.selectFirst(".markdown span.missing-file");
        assertThat(missing).isNotNull();
        assertThat(missing.text()).isEqualTo("the missing chart");

        HttpResponse<byte[]> image = alice.getBytes("/d/pictures/files/flow.png");
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.body()).isEqualTo(png);
        assertThat(image.headers().firstValue("Content-Type")).contains("image/png");

        HttpResponse<byte[]> drawing = alice.getBytes("/d/pictures/files/states.svg");
        assertThat(drawing.statusCode()).isEqualTo(200);
        assertThat(drawing.body()).isEqualTo(svg);
        assertThat(drawing.headers().firstValue("Content-Type")).contains("image/svg+xml");
        assertThat(drawing.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(drawing.headers().allValues("Content-Security-Policy"))
                .containsExactly(FileResponse.CONTENT_SECURITY_POLICY);
        assertThat(drawing.headers().firstValue("Content-Disposition")).get().asString().startsWith("inline;");

        assertThat(alice.getBytes("/d/pictures/files/chart.png").statusCode()).isEqualTo(404);
    }

    @Test
    void filesNeedASignedInBrowser() {
        mcq.push("private-pictures", "Pictures", "![a](a.png)\n", bot);
        mcq.sendBytes("PUT", "/v1/documents/private-pictures/files/a.png", bot, "image/png",
                TestImages.png(Color.RED));
        HttpResponse<byte[]> anonymous = new WebClient(mcq.baseUrl()).getBytes("/d/private-pictures/files/a.png");
        assertThat(anonymous.statusCode()).isIn(302, 303, 401);
        assertThat(anonymous.body()).isNotEqualTo(TestImages.png(Color.RED));
    }

    @Test
    void anOldRevisionAndTheChangesViewShowTheFilesToo() {
        mcq.push("drawn", "Drawn", "![one](one.png)\n", bot);
        mcq.sendBytes("PUT", "/v1/documents/drawn/files/one.png", bot, "image/png", TestImages.png(Color.RED));
        mcq.clock.advance(Duration.ofSeconds(1));
        mcq.push("drawn", "Drawn", "![one](one.png)\n\nMore text.\n", bot);
        WebClient alice = signedIn();
        Document old = Jsoup.parse(alice.get("/d/drawn/r/1").body());
        assertThat(old.select("img").eachAttr("src")).contains("/d/drawn/r/1/files/one.png");
        assertThat(alice.getBytes("/d/drawn/r/1/files/one.png").body()).isEqualTo(TestImages.png(Color.RED));
        Document changes = Jsoup.parse(alice.get("/d/drawn/changes?from=1&to=2").body());
        assertThat(changes.select("img").eachAttr("src")).contains("/d/drawn/files/one.png");
    }

    @Test
    void anOldRevisionShowsTheVersionsItHadAndTheChangesViewTheRemovedOnesToo() {
        byte[] red = TestImages.png(Color.RED);
        byte[] blue = TestImages.png(Color.BLUE);
        byte[] green = TestImages.png(Color.GREEN);
        mcq.push("versions", "Versions", "# Versions\n\n![flow](flow.png)\n\n![gone](img/gone.png)\n", bot);
        mcq.sendBytes("PUT", "/v1/documents/versions/files/flow.png", bot, "image/png", red);
        mcq.sendBytes("PUT", "/v1/documents/versions/files/img/gone.png", bot, "image/png", green);
        mcq.clock.advance(Duration.ofSeconds(1));
        mcq.push("versions", "Versions", "# Versions\n\nNow in blue.\n\n![flow](flow.png)\n", bot);
        mcq.sendBytes("PUT", "/v1/documents/versions/files/flow.png", bot, "image/png", blue);
        WebClient alice = signedIn();

        // Revision 1 shows red, revision 2 (current) blue.
        Document old = Jsoup.parse(alice.get("/d/versions/r/1").body());
        assertThat(old.select(".markdown img").eachAttr("src"))
                .containsExactly("/d/versions/r/1/files/flow.png", "/d/versions/r/1/files/img/gone.png");
        HttpResponse<byte[]> oldFlow = alice.getBytes("/d/versions/r/1/files/flow.png");
        assertThat(oldFlow.body()).isEqualTo(red);
        assertThat(oldFlow.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(oldFlow.headers().firstValue("Content-Security-Policy"))
                .contains(FileResponse.CONTENT_SECURITY_POLICY);
        assertThat(alice.getBytes("/d/versions/r/1/files/img/gone.png").body()).isEqualTo(green);
        Document current = Jsoup.parse(alice.get("/d/versions").body());
        assertThat(current.select(".markdown img").eachAttr("src")).containsExactly("/d/versions/files/flow.png");
        assertThat(alice.getBytes("/d/versions/files/flow.png").body()).isEqualTo(blue);
        assertThat(alice.getBytes("/d/versions/r/2/files/flow.png").body()).isEqualTo(blue);

        // The removed image is revision 1's; the rest are the current revision's.
        Document changes = Jsoup.parse(alice.get("/d/versions/changes?from=1&to=2").body());
        assertThat(changes.select(".chg-del img").eachAttr("src")).containsExactly("/d/versions/r/1/files/img/gone.png");
        assertThat(changes.select(".chg:not(.chg-del) img").eachAttr("src"))
                .containsExactly("/d/versions/files/flow.png");
        assertThat(alice.getBytes("/d/versions/r/3/files/flow.png").statusCode()).isEqualTo(404);
    }
}
