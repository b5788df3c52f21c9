package net.metacircular.mcq.server;

import com.fasterxml.jackson.databind.JsonNode;
import net.metacircular.mcq.http.Json;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search over REST against a real server and SQLite files: MCQ's own docs
 * as a corpus of real Markdown, plus documents made for each case.
 */
class SearchRestTest {

    @TempDir
    static Path dir;
    static TestMcq mcq;
    static String bot;
    static String alice;

    @BeforeAll
    static void start() throws IOException {
        mcq = TestMcq.start(dir);
        bot = mcq.systemToken();
        alice = mcq.aliceToken();
        // Real-world Markdown: the repository's own documentation.
        for (Path doc : List.of(Path.of("README.md"), Path.of("ARCHITECTURE.md"), Path.of("docs/BENCHMARKS.md"),
                Path.of("docs/agents.md"))) {
            String slug = "docs-" + doc.getFileName().toString().replace(".md", "").toLowerCase();
            assertThat(mcq.push(slug, "Doc " + doc.getFileName(), Files.readString(doc), bot).statusCode())
                    .isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() {
        mcq.close();
    }

    static HttpResponse<String> search(String query, String token) {
        return mcq.get("/v1/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8), token);
    }

    static List<String> slugs(String query, String token) {
        HttpResponse<String> response = search(query, token);
        assertThat(response.statusCode()).as(query + ": " + response.body()).isEqualTo(200);
        List<String> slugs = new ArrayList<>();
        TestMcq.json(response).path("hits").forEach(hit -> slugs.add(hit.path("document").path("slug").asText()));
        return slugs;
    }

    @Test
    void aTitleMatchRanksFirstAndTheResultCarriesTheQueueEntryAndASnippet() {
        mcq.push("zebra-title", "Zebra crossings", "A note on road safety.", bot);
        mcq.push("zebra-body", "Road notes", "Somewhere in here a zebra is mentioned once among many words.", bot);

        assertThat(slugs("zebra", alice)).containsExactly("zebra-title", "zebra-body");
        JsonNode result = TestMcq.json(search("zebra", alice));
        assertThat(result.path("total").asInt()).isEqualTo(2);
        assertThat(result.path("page").asInt()).isEqualTo(1);
        JsonNode body = result.path("hits").get(1);
        assertThat(body.path("document").path("title").asText()).isEqualTo("Road notes");
        assertThat(body.path("document").path("review_status").asText()).isEqualTo("pending");
        String snippet = body.path("snippet").asText();
        JsonNode range = body.path("highlights").get(0);
        assertThat(snippet.substring(range.get(0).asInt(), range.get(1).asInt())).isEqualTo("zebra");
    }

    @Test
    void phrasesPrefixesAndWordsOfTheRealDocs() {
        // All words must match; a phrase must match as written.
        assertThat(slugs("\"development identity provider\"", alice)).contains("docs-readme");
        assertThat(slugs("\"provider identity development\"", alice)).isEmpty();
        assertThat(slugs("benchm*", alice)).contains("docs-benchmarks");
        assertThat(slugs("benchm", alice)).doesNotContain("docs-benchmarks");
        assertThat(slugs("wait_for_feedback reply_to_comment", alice)).contains("docs-agents");
        // Case and accents fold.
        mcq.push("accents", "Résumé", "Le café est prêt.", bot);
        assertThat(slugs("resume CAFE", alice)).containsExactly("accents");
    }

    @Test
    void filtersByReadStateReviewStatusAndPusher() {
        mcq.push("filter-one", "Filter one", "kumquat", bot);
        mcq.push("filter-two", "Filter two", "kumquat", bot);
        String admin = mcq.login("admin", "admin-dev-password");
        mcq.push("filter-three", "Filter three", "kumquat", admin);
        assertThat(mcq.send("POST", "/v1/documents/filter-one/read", alice, "application/json", "{}").statusCode())
                .isEqualTo(200);
        assertThat(mcq.send("POST", "/v1/documents/filter-two/review", alice, "application/json",
                "{\"verdict\":\"approve\"}").statusCode()).isEqualTo(200);

        assertThat(slugs("kumquat is:read", alice)).containsExactly("filter-one");
        assertThat(slugs("kumquat is:unread", alice)).containsExactlyInAnyOrder("filter-two", "filter-three");
        // Read state is the caller's own: admin has read nothing.
        assertThat(slugs("kumquat is:read", admin)).isEmpty();
        assertThat(slugs("kumquat status:approved", alice)).containsExactly("filter-two");
        assertThat(slugs("kumquat status:pending", alice)).containsExactlyInAnyOrder("filter-one", "filter-three");
        assertThat(slugs("kumquat by:admin", alice)).containsExactly("filter-three");
        // Filters alone list queue entries, without snippets.
        assertThat(slugs("status:approved", alice)).contains("filter-two");
        assertThat(TestMcq.json(search("by:admin", alice)).path("hits").get(0).path("snippet").asText()).isEmpty();
    }

    @Test
    void filteredResultsRankedFarDownStillFillEveryPage() {
        // The bot's documents rank first for "rambutan"; admin's, which the filter keeps, all rank below them.
        for (int i = 0; i < 60; i++) {
            mcq.push("fruit-bot-" + i, "Rambutan rambutan " + i, "rambutan rambutan rambutan", bot);
        }
        String admin = mcq.login("admin", "admin-dev-password");
        String filler = "words about other fruit ".repeat(50);
        for (int i = 0; i < 50; i++) {
            mcq.push("fruit-admin-" + i, "Fruit " + i, filler + "rambutan " + filler, admin);
        }
        assertThat(slugs("rambutan", alice)).allMatch(slug -> slug.startsWith("fruit-bot-"));

        List<String> found = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            JsonNode results = TestMcq.json(mcq.get("/v1/search?page=" + page + "&q="
                    + URLEncoder.encode("rambutan by:admin", StandardCharsets.UTF_8), alice));
            assertThat(results.path("total").asInt()).isEqualTo(50);
            assertThat(results.path("hits")).hasSize(page < 3 ? 20 : 10);
            results.path("hits").forEach(hit -> found.add(hit.path("document").path("slug").asText()));
        }
        assertThat(found).doesNotHaveDuplicates().hasSize(50).allMatch(slug -> slug.startsWith("fruit-admin-"));
    }

    @Test
    void theIndexFollowsPushRePushDeleteAndComments() {
        mcq.push("follows", "Follows", "the first text mentions marmalade", bot);
        assertThat(slugs("marmalade", alice)).containsExactly("follows");

        mcq.push("follows", "Follows", "the second text mentions quince", bot);
        assertThat(slugs("marmalade", alice)).isEmpty();
        assertThat(slugs("quince", alice)).containsExactly("follows");

        HttpResponse<String> comment = mcq.send("POST", "/v1/documents/follows/comments", alice, "application/json",
                "{\"kind\":\"comment\",\"text\":\"what about persimmon?\"}");
        assertThat(comment.statusCode()).as(comment.body()).isEqualTo(201);
        assertThat(slugs("persimmon", alice)).containsExactly("follows");
        long id = TestMcq.json(comment).path("id").asLong();
        assertThat(mcq.send("POST", "/v1/documents/follows/comments/" + id + "/replies", bot, "application/json",
                "{\"text\":\"tamarind instead\"}").statusCode()).isEqualTo(201);
        assertThat(slugs("tamarind", alice)).containsExactly("follows");
        assertThat(mcq.send("DELETE", "/v1/documents/follows/comments/" + id, alice, null, null).statusCode())
                .isEqualTo(204);
        assertThat(slugs("persimmon", alice)).isEmpty();
        assertThat(slugs("tamarind", alice)).isEmpty();

        assertThat(mcq.send("DELETE", "/v1/documents/follows", bot, null, null).statusCode()).isEqualTo(204);
        assertThat(slugs("quince", alice)).isEmpty();
    }

    @Test
    void hostileTextIsDataAndSnippetsAreNeverMarkup() {
        mcq.push("hostile", "<script>alert(1)</script> title", "<img src=x onerror=alert(1)> wombat <b>bold</b>", bot);
        JsonNode hit = TestMcq.json(search("wombat", alice)).path("hits").get(0);
        // Plain text as pushed; the surfaces escape it (the web page's test checks that).
        assertThat(hit.path("snippet").asText()).contains("wombat").doesNotContain("\u0002").doesNotContain("\u0003");
        assertThat(slugs("<script>alert(1)</script>", alice)).contains("hostile");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"unclosed", "is:maybe", "status:done", "by:", "***", "   ", "\"\""})
    void queriesThatCannotBeReadAre400(String query) {
        assertThat(search("x".repeat(501), alice).statusCode()).isEqualTo(400);
        HttpResponse<String> response = search(query, alice);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(TestMcq.json(response).path("error").asText()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AND", "OR NOT", "NEAR(a b)", "title:readme", "a) OR (b", "^start", "col:*", "-x +y",
            "\u0000", "\u0002mark\u0003", "a\"b", "\"a\"*", "é*", "💥", "(((("})
    void fts5SyntaxInAQueryIsOnlyWords(String query) {
        HttpResponse<String> response = search(query, alice);
        assertThat(response.statusCode()).as(query + ": " + response.body()).isIn(200, 400);
    }

    @Test
    void pagesAndBadPages() {
        for (int i = 0; i < 25; i++) {
            mcq.push("page-" + i, "Page " + i, "loquat number " + i, bot);
        }
        JsonNode first = TestMcq.json(search("loquat", alice));
        assertThat(first.path("total").asInt()).isEqualTo(25);
        assertThat(first.path("hits")).hasSize(20);
        JsonNode second = TestMcq.json(mcq.get("/v1/search?q=loquat&page=2", alice));
        assertThat(second.path("hits")).hasSize(5);
        assertThat(mcq.get("/v1/search?q=loquat&page=0", alice).statusCode()).isEqualTo(400);
        assertThat(mcq.get("/v1/search?q=loquat&page=x", alice).statusCode()).isEqualTo(400);
        assertThat(mcq.get("/v1/search?q=loquat", null).statusCode()).isEqualTo(401);
        assertThat(Json.MAPPER.valueToTree(first).path("hits").size()).isEqualTo(20);
    }
}
