package net.metacircular.mcq.cli;

import net.metacircular.mcq.testing.TestImages;
import net.metacircular.mcq.testing.TestMcq;
import net.metacircular.mcq.webserver.WebClient;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code mcq push FILE} uploads the local images FILE links to, and the reader shows them. */
class PushImagesCommandTest {

    @TempDir
    static Path dir;
    private static TestMcq mcq;
    private static String token;
    private static Path tokenFile;

    @BeforeAll
    static void start() throws Exception {
        mcq = TestMcq.start(java.nio.file.Files.createDirectories(dir.resolve("server")));
        token = mcq.aliceToken();
        tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, token + "\n");
    }

    @AfterAll
    static void stop() {
        mcq.close();
    }

    private static CommandRun push(String slug, Path file) {
        return CommandRun.of("push", "--server", mcq.baseUrl(), "--token-file", tokenFile.toString(), slug,
                file.toString());
    }

    private static List<String> files(String slug) {
        List<String> names = new ArrayList<>();
        TestMcq.json(mcq.get("/v1/documents/" + slug + "/files", token)).path("files")
                .forEach(file -> names.add(file.path("name").asText()));
        return names;
    }

    @Test
    void bothLocalImagesAreUploadedAndShownInTheReader() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("plan"));
        byte[] png = TestImages.png(Color.RED);
        byte[] svg = TestImages.hostileSvg();
        Files.write(folder.resolve("flow.png"), png);
        Files.write(folder.resolve("states diagram.svg"), svg);
        Path plan = folder.resolve("plan.md");
        Files.writeString(plan, """
                # The plan

                ![the flow](flow.png)

                ![the states](<./states diagram.svg>)

                ![remote](https://example.com/x.png) and again ![the flow](flow.png)
                """);

        CommandRun run = push("image-plan", plan);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo(mcq.baseUrl() + "/d/image-plan");
        assertThat(run.err()).contains("attached flow.png").contains("attached states diagram.svg");
        assertThat(files("image-plan")).containsExactly("flow.png", "states diagram.svg");

        WebClient alice = new WebClient(mcq.baseUrl());
        alice.signIn(TestMcq.ALICE, TestMcq.ALICE_PASSWORD);
        Document reader = Jsoup.parse(alice.get("/d/image-plan").body());
        List<String> sources = reader.select(".markdown img").eachAttr("src");
        assertThat(sources).containsExactly("/d/image-plan/files/flow.png",
                "/d/image-plan/files/states%20diagram.svg", "https://example.com/x.png", "/d/image-plan/files/flow.png");
        HttpResponse<byte[]> first = alice.getBytes(sources.get(0));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo(png);
        HttpResponse<byte[]> second = alice.getBytes(sources.get(1));
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(svg);
        assertThat(second.headers().firstValue("Content-Security-Policy")).get().asString().contains("sandbox");
    }

    @Test
    void imagesInSubFoldersAreUploadedUnderTheirPathsAndShownInTheReader() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("nested"));
        byte[] png = TestImages.png(Color.GREEN);
        byte[] svg = TestImages.hostileSvg();
        Files.write(Files.createDirectories(folder.resolve("img")).resolve("flow.png"), png);
        Files.write(Files.createDirectories(folder.resolve("docs/img")).resolve("states.svg"), svg);
        Files.write(folder.resolve("top.png"), TestImages.png(Color.RED));
        Path plan = folder.resolve("plan.md");
        Files.writeString(plan, """
                # Nested

                ![the flow](img/flow.png)

                ![the states](./docs/img/states.svg)

                ![climbing](img/../top.png) ![hidden](.git/x.png) ![deep](a/b/c/d/e/f.png)
                """);

        CommandRun run = push("nested-plan", plan);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("attached img/flow.png").contains("attached docs/img/states.svg")
                .contains("not attached: img/../top.png");
        assertThat(files("nested-plan")).containsExactly("docs/img/states.svg", "img/flow.png");

        WebClient alice = new WebClient(mcq.baseUrl());
        alice.signIn(TestMcq.ALICE, TestMcq.ALICE_PASSWORD);
        Document reader = Jsoup.parse(alice.get("/d/nested-plan").body());
        List<String> sources = reader.select(".markdown img").eachAttr("src");
        assertThat(sources).containsExactly("/d/nested-plan/files/img/flow.png",
                "/d/nested-plan/files/docs/img/states.svg");
        assertThat(alice.getBytes(sources.get(0)).body()).isEqualTo(png);
        HttpResponse<byte[]> second = alice.getBytes(sources.get(1));
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(svg);
        assertThat(second.headers().firstValue("Content-Security-Policy")).get().asString().contains("sandbox");
    }

    @Test
    void aSubFolderThatIsALinkOutOfTheFilesFolderIsRefused() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("linked-folder/docs"));
        Path outside = Files.createDirectories(dir.resolve("linked-folder/outside"));
        Files.write(outside.resolve("x.png"), TestImages.png(Color.BLUE));
        Files.createSymbolicLink(folder.resolve("img"), outside);
        Path doc = folder.resolve("doc.md");
        Files.writeString(doc, "# Doc\n\n![x](img/x.png)\n");

        CommandRun run = push("linked-folder-doc", doc);
        assertThat(run.exit()).isEqualTo(CommandErrors.USAGE);
        assertThat(run.err()).contains("img/x.png").contains("outside the folder");
        assertThat(mcq.get("/v1/documents/linked-folder-doc", token).statusCode()).isEqualTo(404);
    }

    @Test
    void anImageOutsideTheFilesFolderIsRefusedAndNothingIsPushed() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("escape/docs"));
        Files.write(dir.resolve("escape/secret.png"), TestImages.png(Color.BLUE));
        Path doc = folder.resolve("doc.md");
        Files.writeString(doc, "# Doc\n\n![secret](../secret.png)\n");

        CommandRun run = push("escaping-doc", doc);
        assertThat(run.exit()).isEqualTo(CommandErrors.USAGE);
        assertThat(run.err()).contains("../secret.png").contains("outside the folder");
        assertThat(mcq.get("/v1/documents/escaping-doc", token).statusCode()).isEqualTo(404);
    }

    @Test
    void aLinkThatLeadsOutThroughASymbolicLinkIsRefused() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("linked/docs"));
        Path outside = Files.write(dir.resolve("linked/outside.png"), TestImages.png(Color.BLUE));
        Files.createSymbolicLink(folder.resolve("inside.png"), outside);
        Path doc = folder.resolve("doc.md");
        Files.writeString(doc, "# Doc\n\n![x](inside.png)\n");

        CommandRun run = push("linked-doc", doc);
        assertThat(run.exit()).isEqualTo(CommandErrors.USAGE);
        assertThat(run.err()).contains("inside.png").contains("outside the folder");
        assertThat(mcq.get("/v1/documents/linked-doc", token).statusCode()).isEqualTo(404);
    }

    @Test
    void aFileThatIsNoImageIsRefusedAndAMissingOneIsReported() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(folder.resolve("fake.png"), "not an image");
        Path doc = folder.resolve("doc.md");
        Files.writeString(doc, "# Doc\n\n![fake](fake.png)\n");
        CommandRun refused = push("fake-image-doc", doc);
        assertThat(refused.exit()).isEqualTo(CommandErrors.USAGE);
        assertThat(refused.err()).contains("fake.png").contains("not a PNG");

        Files.writeString(doc, "# Doc\n\n![gone](gone.png)\n");
        CommandRun pushed = push("missing-image-doc", doc);
        assertThat(pushed.exit()).as(pushed.err()).isZero();
        assertThat(pushed.err()).contains("not attached: gone.png: no such file");
        assertThat(files("missing-image-doc")).isEmpty();
    }
}
