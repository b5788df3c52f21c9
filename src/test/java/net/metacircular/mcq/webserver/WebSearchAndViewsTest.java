package net.metacircular.mcq.webserver;

import net.metacircular.mcq.testing.TestMcq;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue's views and the search page over HTTP, signed in as alice, on a real server. */
class WebSearchAndViewsTest {

    @TempDir
    static Path dir;
    static TestMcq mcq;
    static WebClient alice;

    @BeforeAll
    static void start() {
        mcq = TestMcq.start(dir);
        String bot = mcq.systemToken();
        String admin = mcq.login("admin", "admin-dev-password");
        mcq.push("read-one", "Read one", "plain text", bot);
        mcq.push("approved-one", "Approved one", "plain text", bot);
        mcq.push("changes-one", "Changes one", "plain text", bot);
        mcq.push("by-admin", "By admin", "<script>alert(1)</script> the pangolin <b>sleeps</b>", admin);
        String aliceToken = mcq.aliceToken();
        mcq.send("POST", "/v1/documents/read-one/read", aliceToken, "application/json", "{}");
        mcq.send("POST", "/v1/documents/approved-one/review", aliceToken, "application/json", "{\"verdict\":\"approve\"}");
        mcq.send("POST", "/v1/documents/changes-one/review", aliceToken, "application/json",
                "{\"verdict\":\"request_changes\",\"summary\":\"no\"}");
        alice = new WebClient(mcq.baseUrl());
        alice.signIn(TestMcq.ALICE, TestMcq.ALICE_PASSWORD);
    }

    @AfterAll
    static void stop() {
        mcq.close();
    }

    private static Document page(String path) {
        HttpResponse<String> response = alice.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return Jsoup.parse(response.body());
    }

    private static Map<String, Integer> counts(Document page) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Element tab : page.select("#views a")) {
            counts.put(tab.attr("data-view"), Integer.parseInt(tab.selectFirst(".count").text()));
        }
        return counts;
    }

    @Test
    void eachViewShowsItsDocumentsAndEveryTabItsCount() {
        Document all = page("/");
        assertThat(counts(all)).containsExactly(Map.entry("all", 4), Map.entry("unread", 3),
                Map.entry("awaiting", 2), Map.entry("changes", 1), Map.entry("approved", 1));
        assertThat(all.select("#views a[aria-current=page]").attr("data-view")).isEqualTo("all");
        assertThat(all.select("#queue li").eachAttr("data-slug")).hasSize(4);

        assertThat(page("/?view=unread").select("#queue li").eachAttr("data-slug"))
                .containsExactlyInAnyOrder("approved-one", "changes-one", "by-admin");
        assertThat(page("/?view=awaiting").select("#queue li").eachAttr("data-slug"))
                .containsExactlyInAnyOrder("read-one", "by-admin");
        assertThat(page("/?view=changes").select("#queue li").eachAttr("data-slug")).containsExactly("changes-one");
        assertThat(page("/?view=approved").select("#queue li").eachAttr("data-slug")).containsExactly("approved-one");
        assertThat(alice.get("/?view=nonsense").statusCode()).isEqualTo(400);
    }

    @Test
    void thePusherFilterNarrowsEveryViewAndItsCounts() {
        Document byAdmin = page("/?by=admin");
        assertThat(byAdmin.select("#queue li").eachAttr("data-slug")).containsExactly("by-admin");
        assertThat(counts(byAdmin)).containsEntry("all", 1).containsEntry("unread", 1).containsEntry("approved", 0);
        assertThat(byAdmin.select("#by option[selected]").text()).isEqualTo("admin");
        assertThat(byAdmin.select("#by option").eachAttr("value")).containsExactly("", "admin", "ci-bot");
        // Tabs keep the pusher.
        assertThat(byAdmin.select("#views a[data-view=unread]").attr("href")).isEqualTo("/?view=unread&by=admin");
        Document approvedByAdmin = page("/?view=approved&by=admin");
        assertThat(approvedByAdmin.select("#queue li")).isEmpty();
        assertThat(approvedByAdmin.select("#empty-view")).hasSize(1);
    }

    @Test
    void theSearchPageMarksMatchedWordsAndEscapesEverythingElse() {
        HttpResponse<String> response = alice.get("/search?q=pangolin");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("<script>alert(1)").doesNotContain("<b>sleeps");
        Document found = Jsoup.parse(response.body());
        assertThat(found.select("#results li").eachAttr("data-slug")).containsExactly("by-admin");
        Element snippet = found.selectFirst("#results .snippet");
        assertThat(snippet.select("mark").eachText()).containsExactly("pangolin");
        assertThat(snippet.text()).contains("<script>alert(1)</script>").contains("<b>sleeps</b>");
        assertThat(snippet.children()).allMatch(child -> child.tagName().equals("mark"));
        assertThat(found.selectFirst("#search-q").attr("value")).isEqualTo("pangolin");

        // A query is echoed into the form, never into markup.
        String hostile = "\"x\" \"><img src=x onerror=alert(1)>\"";
        Document typed = Jsoup.parse(alice.get("/search?q="
                + java.net.URLEncoder.encode(hostile, java.nio.charset.StandardCharsets.UTF_8)).body());
        assertThat(typed.select("img")).isEmpty();
        assertThat(typed.selectFirst("#search-q").attr("value")).isEqualTo(hostile);

        assertThat(page("/search").select("#results")).isEmpty();
        HttpResponse<String> bad = alice.get("/search?q=%22unclosed");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("quote is not closed");
        assertThat(new WebClient(mcq.baseUrl()).get("/search?q=pangolin").statusCode()).isIn(302, 303, 401);
    }
}
