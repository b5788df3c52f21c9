package net.metacircular.mcq.server;

import com.fasterxml.jackson.databind.JsonNode;
import net.metacircular.mcq.http.FileResponse;
import net.metacircular.mcq.testing.TestImages;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Attached files over REST: real server, real SQLite file, the development MCIAS. */
class AttachmentsRestTest {

    @TempDir
    static Path dir;
    static TestMcq mcq;
    static String alice;
    static String bot;

    @BeforeAll
    static void start() {
        mcq = TestMcq.start(dir, """
                [limits]
                max_file_bytes = 20000
                max_files_bytes_per_document = 50000
                """);
        alice = mcq.aliceToken();
        bot = mcq.systemToken();
    }

    @AfterAll
    static void stop() {
        mcq.close();
    }

    private static HttpResponse<String> upload(String slug, String name, String type, byte[] bytes) {
        return mcq.sendBytes("PUT", "/v1/documents/" + slug + "/files/" + name, bot, type, bytes);
    }

    private static List<String> names(String slug) {
        List<String> names = new ArrayList<>();
        TestMcq.json(mcq.get("/v1/documents/" + slug + "/files", alice)).path("files")
                .forEach(file -> names.add(file.path("name").asText()));
        return names;
    }

    @Test
    void uploadListGetReplaceAndDelete() {
        mcq.push("files-crud", "Files", "![flow](flow.png)\n", bot);
        byte[] png = TestImages.png(Color.RED);

        HttpResponse<String> created = upload("files-crud", "flow.png", "image/png", png);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains("/v1/documents/files-crud/files/flow.png");
        JsonNode stored = TestMcq.json(created);
        assertThat(stored.path("media_type").asText()).isEqualTo("image/png");
        assertThat(stored.path("size").asLong()).isEqualTo(png.length);
        assertThat(stored.path("added_by").asText()).isEqualTo("ci-bot");
        assertThat(stored.path("sha256").asText()).hasSize(64);

        HttpResponse<byte[]> got = mcq.getBytes("/v1/documents/files-crud/files/flow.png", alice);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(png);
        assertThat(got.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(got.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(got.headers().firstValue("Content-Security-Policy")).contains(FileResponse.CONTENT_SECURITY_POLICY);

        byte[] gif = TestImages.gif();
        assertThat(upload("files-crud", "other.gif", "image/gif", gif).statusCode()).isEqualTo(201);
        assertThat(upload("files-crud", "photo.jpeg", "image/jpeg", TestImages.jpeg()).statusCode()).isEqualTo(201);
        assertThat(names("files-crud")).containsExactly("flow.png", "other.gif", "photo.jpeg");

        byte[] blue = TestImages.png(Color.BLUE);
        HttpResponse<String> replaced = upload("files-crud", "flow.png", "image/png", blue);
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(mcq.getBytes("/v1/documents/files-crud/files/flow.png", alice).body()).isEqualTo(blue);

        assertThat(mcq.send("DELETE", "/v1/documents/files-crud/files/other.gif", alice, null, null).statusCode())
                .isEqualTo(204);
        assertThat(mcq.get("/v1/documents/files-crud/files/other.gif", alice).statusCode()).isEqualTo(404);
        assertThat(mcq.send("DELETE", "/v1/documents/files-crud/files/other.gif", alice, null, null).statusCode())
                .isEqualTo(404);
        assertThat(names("files-crud")).containsExactly("flow.png", "photo.jpeg");
    }

    @Test
    void filesNeedATokenAndADocument() {
        mcq.push("files-auth", "Files", "text\n", bot);
        byte[] png = TestImages.png(Color.RED);
        assertThat(mcq.sendBytes("PUT", "/v1/documents/files-auth/files/a.png", null, "image/png", png).statusCode())
                .isEqualTo(401);
        assertThat(mcq.get("/v1/documents/files-auth/files", null).statusCode()).isEqualTo(401);
        assertThat(upload("no-such-doc", "a.png", "image/png", png).statusCode()).isEqualTo(404);
        assertThat(mcq.get("/v1/documents/no-such-doc/files", alice).statusCode()).isEqualTo(404);
        assertThat(mcq.get("/v1/documents/files-auth/files/missing.png", alice).statusCode()).isEqualTo(404);
    }

    @Test
    void wrongTypesAreRefused() {
        mcq.push("files-types", "Files", "text\n", bot);
        byte[] png = TestImages.png(Color.RED);
        byte[] text = "just text, not an image".getBytes(StandardCharsets.UTF_8);
        // Bytes that are no supported image, whatever the name and header say.
        assertThat(upload("files-types", "fake.png", "image/png", text).statusCode()).isEqualTo(415);
        // A name that is no image's.
        assertThat(upload("files-types", "notes.txt", "image/png", png).statusCode()).isEqualTo(415);
        assertThat(upload("files-types", "page.html", "image/png", png).statusCode()).isEqualTo(415);
        // An image named as another kind.
        HttpResponse<String> misnamed = upload("files-types", "photo.jpg", "image/jpeg", png);
        assertThat(misnamed.statusCode()).isEqualTo(400);
        assertThat(TestMcq.json(misnamed).path("error").asText()).contains("PNG");
        // A declared type that is not the bytes', or none at all.
        assertThat(upload("files-types", "a.png", "image/gif", png).statusCode()).isEqualTo(415);
        assertThat(upload("files-types", "a.png", "text/html", png).statusCode()).isEqualTo(415);
        assertThat(upload("files-types", "a.png", null, png).statusCode()).isEqualTo(415);
        // HTML dressed as SVG: XML whose root is not svg, and SVG-looking text that is not XML.
        assertThat(upload("files-types", "x.svg", "image/svg+xml",
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(415);
        assertThat(upload("files-types", "y.svg", "image/svg+xml",
                "<svg><script>alert(1)</svg>".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(415);
        // An SVG with a document type (entities) is refused too.
        assertThat(upload("files-types", "z.svg", "image/svg+xml", ("<?xml version=\"1.0\"?><!DOCTYPE svg ["
                + "<!ENTITY x SYSTEM \"file:///etc/passwd\">]><svg xmlns=\"http://www.w3.org/2000/svg\">&x;</svg>")
                .getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(415);
        assertThat(upload("files-types", "empty.png", "image/png", new byte[0]).statusCode()).isEqualTo(400);
        assertThat(names("files-types")).isEmpty();
    }

    @Test
    void namesThatAreNotPlainFileNamesAreRefused() {
        mcq.push("files-names", "Files", "text\n", bot);
        byte[] png = TestImages.png(Color.RED);
        for (String name : List.of("..%2F..%2Fetc%2Fpasswd.png", "a%5Cb.png", "..png", "x..png", "%2E%2E",
                "a%00b.png", "a%0Ab.png", ".hidden.png", "%20a.png", "%E2%80%AEgnp.png", "a".repeat(97) + ".png",
                // Names with folders: no empty, climbing, current or hidden folder, at most four folders.
                "a//b.png", "/a.png", "a/../b.png", "a/%2E%2E/b.png", "a/./b.png", "a/.git/b.png",
                "a%2F..%2Fb.png", "a/b%5C..%5Cc.png", "a/%20b/c.png", "a/b/c/d/e/f.png",
                "a".repeat(101) + "/b.png", "b/" + "a".repeat(97) + ".png",
                String.join("/", "a".repeat(50), "b".repeat(50), "c".repeat(50), "d".repeat(50)) + ".png")) {
            HttpResponse<String> response = upload("files-names", name, "image/png", png);
            assertThat(response.statusCode()).as(name + ": " + response.body()).isBetween(400, 499);
        }
        assertThat(upload("files-names", "a".repeat(96) + ".png", "image/png", png).statusCode()).isEqualTo(201);
        assertThat(upload("files-names", "design%20diagram-v2.png", "image/png", png).statusCode()).isEqualTo(201);
        HttpResponse<String> nested = upload("files-names", "img/flow.png", "image/png", png);
        assertThat(nested.statusCode()).as(nested.body()).isEqualTo(201);
        assertThat(nested.headers().firstValue("Location")).contains("/v1/documents/files-names/files/img/flow.png");
        // Larger than the small-body limit: a name with folders gets the file limit too.
        assertThat(upload("files-names", "a/b/c/d/e.png", "image/png", TestImages.pngOfSize(15000)).statusCode())
                .isEqualTo(201);
        assertThat(upload("files-names", "my%20docs/the%20flow.png", "image/png", png).statusCode()).isEqualTo(201);
        assertThat(names("files-names")).containsExactly("a/b/c/d/e.png", "a".repeat(96) + ".png",
                "design diagram-v2.png", "img/flow.png", "my docs/the flow.png");
        assertThat(mcq.getBytes("/v1/documents/files-names/files/my%20docs/the%20flow.png", alice).body())
                .isEqualTo(png);
        assertThat(mcq.send("DELETE", "/v1/documents/files-names/files/img/flow.png", alice, null, null)
                .statusCode()).isEqualTo(204);
        assertThat(mcq.get("/v1/documents/files-names/files/img/flow.png", alice).statusCode()).isEqualTo(404);
    }

    @Test
    void oversizedFilesAndDocumentsOverTheirTotalGet413() {
        mcq.push("files-size", "Files", "text\n", bot);
        assertThat(upload("files-size", "big.png", "image/png", TestImages.pngOfSize(20001)).statusCode())
                .isEqualTo(413);
        assertThat(upload("files-size", "one.png", "image/png", TestImages.pngOfSize(19000)).statusCode())
                .isEqualTo(201);
        assertThat(upload("files-size", "two.png", "image/png", TestImages.pngOfSize(19000)).statusCode())
                .isEqualTo(201);
        HttpResponse<String> third = upload("files-size", "three.png", "image/png", TestImages.pngOfSize(19000));
        assertThat(third.statusCode()).isEqualTo(413);
        assertThat(TestMcq.json(third).path("error").asText()).contains("50000");
        // Replacing a file counts the new size instead of the old one.
        assertThat(upload("files-size", "two.png", "image/png", TestImages.pngOfSize(20000)).statusCode())
                .isEqualTo(200);
        assertThat(names("files-size")).containsExactly("one.png", "two.png");
    }

    @Test
    void anSvgIsServedSoThatNothingInItCanRun() {
        mcq.push("files-svg", "Files", "![x](hostile.svg)\n", bot);
        byte[] svg = TestImages.hostileSvg();
        assertThat(upload("files-svg", "hostile.svg", "image/svg+xml", svg).statusCode()).isEqualTo(201);

        HttpResponse<byte[]> got = mcq.getBytes("/v1/documents/files-svg/files/hostile.svg", alice);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(svg);
        assertThat(got.headers().firstValue("Content-Type")).contains("image/svg+xml");
        assertThat(got.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(got.headers().allValues("Content-Security-Policy"))
                .containsExactly("default-src 'none'; style-src 'unsafe-inline'; sandbox");
        assertThat(got.headers().firstValue("Content-Disposition"))
                .contains("inline; filename=\"hostile.svg\"; filename*=UTF-8''hostile.svg");
    }

    @Test
    void filesGoWithTheirDocument() throws Exception {
        mcq.push("files-gone", "Files", "![a](a.png)\n", bot);
        assertThat(upload("files-gone", "a.png", "image/png", TestImages.png(Color.RED)).statusCode()).isEqualTo(201);
        mcq.clock.advance(Duration.ofSeconds(1));
        mcq.push("files-gone", "Files", "More.\n\n![a](a.png)\n", bot);
        assertThat(upload("files-gone", "a.png", "image/png", TestImages.png(Color.BLUE)).statusCode()).isEqualTo(200);
        assertThat(storedFiles("files-gone")).as("both versions").isEqualTo(2);
        assertThat(mcq.send("DELETE", "/v1/documents/files-gone", alice, null, null).statusCode()).isEqualTo(204);
        assertThat(mcq.get("/v1/documents/files-gone/files/a.png", alice).statusCode()).isEqualTo(404);
        try (Connection c = mcq.app.database().connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM attachment_versions a"
                     + " WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = a.document_id)")) {
            rs.next();
            assertThat(rs.getLong(1)).as("files without a document").isZero();
        }
        mcq.push("files-gone", "Files again", "![a](a.png)\n", bot);
        assertThat(names("files-gone")).isEmpty();
    }

    @Test
    void aFileStaysWhileAKeptRevisionShowsItOrItAwaitsTheNextPush() {
        mcq.push("files-kept", "Files", "![a](a.png)\n", bot);
        assertThat(upload("files-kept", "a.png", "image/png", TestImages.png(Color.RED)).statusCode()).isEqualTo(201);
        // Uploaded after the current revision and not linked yet: kept for the next push.
        assertThat(upload("files-kept", "b.png", "image/png", TestImages.png(Color.RED)).statusCode()).isEqualTo(201);
        assertThat(upload("files-kept", "c.png", "image/png", TestImages.png(Color.RED)).statusCode()).isEqualTo(201);

        mcq.clock.advance(Duration.ofSeconds(2));
        mcq.push("files-kept", "Files", "![b](b.png)\n", bot);
        // a.png: revision 1 shows it; b.png: revision 2 shows it; c.png: no revision does.
        assertThat(names("files-kept")).containsExactly("a.png", "b.png");
    }

    @Test
    void aFileGoesWhenTheLastKeptRevisionThatShowedItIsPruned(@TempDir Path ownDir) {
        try (TestMcq pruning = TestMcq.start(ownDir, "[limits]\nmax_revisions = 2\n")) {
            String token = pruning.systemToken();
            pruning.push("pruned", "Pruned", "![a](a.png)\n", token);
            assertThat(pruning.sendBytes("PUT", "/v1/documents/pruned/files/a.png", token, "image/png",
                    TestImages.png(Color.RED)).statusCode()).isEqualTo(201);
            pruning.clock.advance(Duration.ofSeconds(1));
            pruning.push("pruned", "Pruned", "Intro.\n\n![b](b.png)\n", token);
            assertThat(pruning.sendBytes("PUT", "/v1/documents/pruned/files/b.png", token, "image/png",
                    TestImages.png(Color.BLUE)).statusCode()).isEqualTo(201);
            pruning.clock.advance(Duration.ofSeconds(1));
            // Revision 3 shows neither; revision 2 (kept, as a delta from 3) shows b.png; revision 1 is pruned.
            pruning.push("pruned", "Pruned", "Intro.\n\nNo pictures any more.\n", token);
            List<String> kept = new ArrayList<>();
            TestMcq.json(pruning.get("/v1/documents/pruned/files", token)).path("files")
                    .forEach(file -> kept.add(file.path("name").asText()));
            assertThat(kept).containsExactly("b.png");
            pruning.clock.advance(Duration.ofSeconds(1));
            pruning.push("pruned", "Pruned", "Intro.\n\nStill none.\n", token);
            assertThat(TestMcq.json(pruning.get("/v1/documents/pruned/files", token)).path("files")).isEmpty();
        }
    }

    @Test
    void eachRevisionShowsTheVersionUploadedBeforeTheNextRevisionWasPushed() throws Exception {
        byte[] red = TestImages.png(Color.RED);
        byte[] blue = TestImages.png(Color.BLUE);
        mcq.push("files-versions", "Versions", "# Versions\n\n![flow](flow.png)\n", bot);
        assertThat(upload("files-versions", "flow.png", "image/png", red).statusCode()).isEqualTo(201);
        mcq.clock.advance(Duration.ofSeconds(1));
        mcq.push("files-versions", "Versions", "# Versions\n\nNow in blue.\n\n![flow](flow.png)\n", bot);
        HttpResponse<String> replaced = upload("files-versions", "flow.png", "image/png", blue);
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(TestMcq.json(replaced).path("revision").asLong()).isEqualTo(2);

        assertThat(mcq.getBytes("/v1/documents/files-versions/files/flow.png?revision=1", alice).body())
                .isEqualTo(red);
        HttpResponse<byte[]> current = mcq.getBytes("/v1/documents/files-versions/files/flow.png?revision=2", alice);
        assertThat(current.body()).isEqualTo(blue);
        assertThat(current.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(current.headers().firstValue("Content-Security-Policy"))
                .contains(FileResponse.CONTENT_SECURITY_POLICY);
        HttpResponse<byte[]> old = mcq.getBytes("/v1/documents/files-versions/files/flow.png?revision=1", alice);
        assertThat(old.headers().firstValue("Content-Security-Policy")).contains(FileResponse.CONTENT_SECURITY_POLICY);
        assertThat(old.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(mcq.getBytes("/v1/documents/files-versions/files/flow.png", alice).body()).isEqualTo(blue);

        JsonNode before = TestMcq.json(mcq.get("/v1/documents/files-versions/files?revision=1", alice)).path("files");
        assertThat(before.get(0).path("sha256").asText()).isEqualTo(sha256(red));
        assertThat(before.get(0).path("revision").asLong()).isEqualTo(1);
        assertThat(TestMcq.json(mcq.get("/v1/documents/files-versions/files", alice)).path("files").get(0)
                .path("revision").asLong()).isEqualTo(2);

        // The same bytes again reuse the version.
        assertThat(upload("files-versions", "flow.png", "image/png", blue).statusCode()).isEqualTo(200);
        assertThat(storedFiles("files-versions")).isEqualTo(2);

        assertThat(mcq.get("/v1/documents/files-versions/files/flow.png?revision=3", alice).statusCode())
                .isEqualTo(404);
        assertThat(mcq.get("/v1/documents/files-versions/files?revision=3", alice).statusCode()).isEqualTo(404);
        assertThat(mcq.get("/v1/documents/files-versions/files/flow.png?revision=0", alice).statusCode())
                .isEqualTo(400);
        assertThat(mcq.get("/v1/documents/files-versions/files/flow.png?revision=x", alice).statusCode())
                .isEqualTo(400);
        assertThat(mcq.get("/v1/documents/files-versions/files/flow.png?revision=1", null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void pruningRevisionsDropsTheVersionsOnlyPrunedRevisionsShowed(@TempDir Path ownDir) throws Exception {
        try (TestMcq pruning = TestMcq.start(ownDir, "[limits]\nmax_revisions = 2\n")) {
            String token = pruning.systemToken();
            byte[] red = TestImages.png(Color.RED);
            byte[] blue = TestImages.png(Color.BLUE);
            byte[] green = TestImages.png(Color.GREEN);
            pruning.push("pruned", "Pruned", "One.\n\n![flow](flow.png)\n", token);
            assertThat(pruning.sendBytes("PUT", "/v1/documents/pruned/files/flow.png", token, "image/png", red)
                    .statusCode()).isEqualTo(201);
            pruning.push("pruned", "Pruned", "Two.\n\n![flow](flow.png)\n", token);
            assertThat(pruning.sendBytes("PUT", "/v1/documents/pruned/files/flow.png", token, "image/png", blue)
                    .statusCode()).isEqualTo(200);
            assertThat(versions(pruning, "pruned")).isEqualTo(2);
            // Revision 1 goes: red, which only it showed, goes with it.
            pruning.push("pruned", "Pruned", "Three.\n\n![flow](flow.png)\n", token);
            assertThat(versions(pruning, "pruned")).isEqualTo(1);
            assertThat(pruning.getBytes("/v1/documents/pruned/files/flow.png?revision=2", token).body()).isEqualTo(blue);
            assertThat(pruning.get("/v1/documents/pruned/files/flow.png?revision=1", token).statusCode())
                    .isEqualTo(404);
            assertThat(pruning.sendBytes("PUT", "/v1/documents/pruned/files/flow.png", token, "image/png", green)
                    .statusCode()).isEqualTo(200);
            assertThat(pruning.getBytes("/v1/documents/pruned/files/flow.png?revision=2", token).body()).isEqualTo(blue);
            assertThat(pruning.getBytes("/v1/documents/pruned/files/flow.png?revision=3", token).body())
                    .isEqualTo(green);
            assertThat(versions(pruning, "pruned")).isEqualTo(2);
            // Revision 2 goes: blue with it; green stays for revisions 3 and 4.
            pruning.push("pruned", "Pruned", "Four.\n\n![flow](flow.png)\n", token);
            assertThat(versions(pruning, "pruned")).isEqualTo(1);
            assertThat(pruning.getBytes("/v1/documents/pruned/files/flow.png?revision=3", token).body())
                    .isEqualTo(green);
            assertThat(pruning.getBytes("/v1/documents/pruned/files/flow.png", token).body()).isEqualTo(green);
        }
    }

    @Test
    void anUploadWaitingForAPushIsReplacedByTheNextOneAndCountsNoMore() throws Exception {
        mcq.push("files-waiting", "Waiting", "![flow](flow.png)\n", bot);
        assertThat(upload("files-waiting", "flow.png", "image/png", TestImages.pngOfSize(19000)).statusCode())
                .isEqualTo(201);
        // Uploaded within the same revision: the older version is shown by no revision, so it goes.
        assertThat(upload("files-waiting", "flow.png", "image/png", TestImages.pngOfSize(19001)).statusCode())
                .isEqualTo(200);
        assertThat(storedFiles("files-waiting")).isEqualTo(1);
        mcq.clock.advance(Duration.ofSeconds(1));
        mcq.push("files-waiting", "Waiting", "Changed.\n\n![flow](flow.png)\n", bot);
        // Now revision 1 shows the first version: the total counts it with the new one.
        assertThat(upload("files-waiting", "flow.png", "image/png", TestImages.pngOfSize(19002)).statusCode())
                .isEqualTo(200);
        HttpResponse<String> over = upload("files-waiting", "other.png", "image/png", TestImages.pngOfSize(19003));
        assertThat(over.statusCode()).isEqualTo(413);
        assertThat(TestMcq.json(over).path("error").asText()).contains("38003");
        assertThat(storedFiles("files-waiting")).isEqualTo(2);
    }

    @Test
    void uploadsRacingPushesStayReachableFromTheRevisionTheyBelongTo() throws Exception {
        mcq.push("files-race", "Race", "Push 0.\n\n![flow](flow.png)\n", bot);
        int uploads = 40;
        int pushes = 20;
        List<JsonNode> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < uploads; i++) {
            sent.add(TestImages.png(new Color(i * 5, 255 - i * 5, 100)));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<?> uploader = pool.submit(() -> {
                for (byte[] png : sent) {
                    HttpResponse<String> response = upload("files-race", "flow.png", "image/png", png);
                    assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
                    acknowledged.add(TestMcq.json(response));
                }
            });
            java.util.concurrent.Future<?> pusher = pool.submit(() -> {
                for (int i = 1; i <= pushes; i++) {
                    assertThat(mcq.push("files-race", "Race", "Push " + i + ".\n\n![flow](flow.png)\n", bot)
                            .statusCode()).isBetween(200, 201);
                }
            });
            uploader.get(60, java.util.concurrent.TimeUnit.SECONDS);
            pusher.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(acknowledged).hasSize(uploads);
        // Uploads were made one after another: the last one made while revision r was current is what r shows.
        java.util.Map<Long, String> lastOfRevision = new java.util.TreeMap<>();
        for (JsonNode upload : acknowledged) {
            lastOfRevision.put(upload.path("revision").asLong(), upload.path("sha256").asText());
        }
        String shown = null;
        for (long revision = 1; revision <= pushes + 1; revision++) {
            shown = lastOfRevision.getOrDefault(revision, shown);
            HttpResponse<byte[]> file = mcq.getBytes("/v1/documents/files-race/files/flow.png?revision=" + revision,
                    alice);
            if (shown == null) {
                assertThat(file.statusCode()).isEqualTo(404);
            } else {
                assertThat(file.statusCode()).as("revision " + revision).isEqualTo(200);
                assertThat(sha256(file.body()))
                        .as("revision " + revision).isEqualTo(shown);
            }
        }
        assertThat(lastOfRevision.get(lastOfRevision.keySet().stream().max(Long::compare).orElseThrow()))
                .isEqualTo(acknowledged.get(uploads - 1).path("sha256").asText());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static long versions(TestMcq server, String slug) throws Exception {
        try (Connection c = server.app.database().connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM attachment_versions a JOIN documents d"
                     + " ON d.id = a.document_id WHERE d.slug = '" + slug + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long storedFiles(String slug) throws Exception {
        try (Connection c = mcq.app.database().connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM attachment_versions a JOIN documents d"
                     + " ON d.id = a.document_id WHERE d.slug = '" + slug + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
