package net.metacircular.mcq.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import net.metacircular.mcq.documents.DocumentRules;
import net.metacircular.mcq.testing.TestImages;
import net.metacircular.mcq.testing.TestMcq;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every MCP transport must do, checked through an MCP SDK client and
 * verified against the REST API of the same running MCQ.
 */
final class McpToolChecks {

    static final List<String> TOOL_NAMES = List.of(McqTools.PUSH_DOCUMENT, McqTools.LIST_DOCUMENTS,
            McqTools.GET_DOCUMENT, McqTools.DELETE_DOCUMENT, McqTools.MARK_READ, McqTools.MARK_UNREAD,
            McqTools.LIST_REVISIONS, McqTools.DIFF_REVISIONS, McqTools.GET_FEEDBACK, McqTools.WAIT_FOR_FEEDBACK,
            McqTools.REPLY_TO_COMMENT, McqTools.RESOLVE_COMMENT, McqTools.REVIEW_DOCUMENT, McqTools.SEARCH_DOCUMENTS);

    static final String BODY = """
            # Plan für Überprüfung ✓

            Quotes "double" and 'single', a backslash \\ and a tab\tin text.
            Emoji 🚀 and CJK 漢字; CRLF next\r
            ```sh
            echo "$HOME" \\n
            ```
            """;

    private final McpSyncClient client;
    private final TestMcq mcq;
    private final String restToken;

    McpToolChecks(McpSyncClient client, TestMcq mcq, String restToken) {
        this.client = client;
        this.mcq = mcq;
        this.restToken = restToken;
    }

    @SuppressWarnings("unchecked")
    void listsEveryToolWithSchemasAndDescriptions() {
        List<McpSchema.Tool> tools = client.listTools().tools();
        assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyInAnyOrderElementsOf(TOOL_NAMES);
        for (McpSchema.Tool tool : tools) {
            assertThat(tool.description()).as(tool.name()).hasSizeGreaterThan(60);
            assertThat(tool.inputSchema()).containsEntry("type", "object").containsEntry("additionalProperties", false);
        }
        McpSchema.Tool push = tools.stream().filter(t -> t.name().equals(McqTools.PUSH_DOCUMENT)).findFirst().orElseThrow();
        assertThat((List<Object>) push.inputSchema().get("required")).containsExactly("slug", "title", "body");
        assertThat((Map<String, Object>) push.inputSchema().get("properties")).containsOnlyKeys("slug", "title", "body", "files");
        McpSchema.Tool list = tools.stream().filter(t -> t.name().equals(McqTools.LIST_DOCUMENTS)).findFirst().orElseThrow();
        assertThat((List<Object>) list.inputSchema().get("required")).isEmpty();
        assertThat((Map<String, Object>) list.inputSchema().get("properties")).containsOnlyKeys("unread_only");
        McpSchema.Tool diff = tools.stream().filter(t -> t.name().equals(McqTools.DIFF_REVISIONS)).findFirst().orElseThrow();
        assertThat((List<Object>) diff.inputSchema().get("required")).containsExactly("slug");
        assertThat((Map<String, Object>) diff.inputSchema().get("properties")).containsOnlyKeys("slug", "from", "to");
        McpSchema.Tool get = tools.stream().filter(t -> t.name().equals(McqTools.GET_DOCUMENT)).findFirst().orElseThrow();
        assertThat((List<Object>) get.inputSchema().get("required")).containsExactly("slug");
        assertThat((Map<String, Object>) get.inputSchema().get("properties")).containsOnlyKeys("slug", "revision");
    }

    /** Calls each tool and checks the effect through REST. */
    void everyToolWorksAndAgreesWithRest(String slug, String expectedPushedBy) {
        CallToolResult pushed = call(McqTools.PUSH_DOCUMENT, Map.of("slug", slug, "title", "Plan \"v1\"", "body", BODY));
        assertThat(pushed.isError()).as(text(pushed)).isFalse();
        assertThat(structured(pushed)).containsEntry("slug", slug).containsEntry("created", true)
                .containsEntry("pushed_by", expectedPushedBy).containsEntry("read", false)
                .containsEntry("web_path", "/d/" + slug);
        // The same absolute address REST answers a push with (here an identical push, which stores nothing).
        JsonNode restAnswer = TestMcq.json(mcq.push(slug, "Plan \"v1\"", BODY, restToken));
        assertThat(restAnswer.path("changed").asBoolean()).isFalse();
        assertThat(restAnswer.path("web_url").isTextual()).as("REST web_url with [server] public_url").isTrue();
        assertThat(structured(pushed)).containsEntry("web_url", restAnswer.path("web_url").asText());
        assertThat(restAnswer.path("web_url").asText()).endsWith("/d/" + slug);
        JsonNode stored = restGet(slug);
        assertThat(stored.path("title").asText()).isEqualTo("Plan \"v1\"");
        assertThat(stored.path("body").asText()).isEqualTo(BODY);
        assertThat(stored.path("pushed_by").asText()).isEqualTo(expectedPushedBy);
        assertThat(stored.path("read").asBoolean()).isFalse();
        assertThat(restQueueEntry(slug).path("read").asBoolean()).as("unread in the REST queue").isFalse();

        CallToolResult listed = call(McqTools.LIST_DOCUMENTS, Map.of());
        assertThat(listed.isError()).isFalse();
        assertThat(listedSlugs(listed)).contains(slug);
        assertThat(text(listed)).contains("\"slug\" : \"" + slug + "\"");

        // Search gives what REST's search gives, hits, snippets and highlights alike.
        CallToolResult found = call(McqTools.SEARCH_DOCUMENTS, Map.of("query", "Überprüfung"));
        assertThat(found.isError()).as(text(found)).isFalse();
        JsonNode restFound = TestMcq.json(restResponse("/v1/search?q=%C3%9Cberpr%C3%BCfung"));
        assertThat(json(found)).isEqualTo(restFound);
        assertThat(restFound.path("hits").findValuesAsText("slug")).contains(slug);

        CallToolResult fetched = call(McqTools.GET_DOCUMENT, Map.of("slug", slug));
        assertThat(fetched.isError()).isFalse();
        assertThat(fetched.content()).hasSize(2);
        assertThat(((McpSchema.TextContent) fetched.content().get(1)).text()).isEqualTo(BODY);
        assertThat(text(fetched)).contains("\"title\" : \"Plan \\\"v1\\\"\"").contains("\"revision\" : 1");

        CallToolResult read = call(McqTools.MARK_READ, Map.of("slug", slug));
        assertThat(read.isError()).isFalse();
        assertThat(structured(read)).containsEntry("read", true);
        assertThat(restGet(slug).path("read").asBoolean()).isTrue();
        assertThat(listedSlugs(call(McqTools.LIST_DOCUMENTS, Map.of("unread_only", true)))).doesNotContain(slug);
        assertThat(listedSlugs(call(McqTools.LIST_DOCUMENTS, Map.of("unread_only", false)))).contains(slug);

        // A re-push replaces the document and makes the read document unread again.
        CallToolResult repushed = call(McqTools.PUSH_DOCUMENT, Map.of("slug", slug, "title", "Plan v2", "body", "v2"));
        assertThat(repushed.isError()).isFalse();
        assertThat(structured(repushed)).containsEntry("created", false);
        JsonNode revised = restGet(slug);
        assertThat(revised.path("read").asBoolean()).isFalse();
        assertThat(revised.path("revision").asLong()).isEqualTo(2);
        assertThat(revised.path("body").asText()).isEqualTo("v2");
        assertThat(listedSlugs(call(McqTools.LIST_DOCUMENTS, Map.of("unread_only", true)))).contains(slug);

        // The history, an old revision and the changes since the one read.
        CallToolResult history = call(McqTools.LIST_REVISIONS, Map.of("slug", slug));
        assertThat(history.isError()).as(text(history)).isFalse();
        JsonNode revisions = TestMcq.json(restResponse("/v1/documents/" + slug + "/revisions")).path("revisions");
        assertThat(json(history).path("revisions")).isEqualTo(revisions);
        assertThat(revisions.get(0).path("number").asLong()).isEqualTo(2);
        CallToolResult first = call(McqTools.GET_DOCUMENT, Map.of("slug", slug, "revision", 1));
        assertThat(first.isError()).as(text(first)).isFalse();
        assertThat(((McpSchema.TextContent) first.content().get(1)).text()).isEqualTo(BODY);
        assertThat(structured(first)).containsEntry("slug", slug).containsEntry("title", "Plan \"v1\"");
        CallToolResult changes = call(McqTools.DIFF_REVISIONS, Map.of("slug", slug));
        assertThat(changes.isError()).as(text(changes)).isFalse();
        assertThat(json(changes)).isEqualTo(TestMcq.json(restResponse("/v1/documents/" + slug + "/diff")));
        assertThat(json(changes).path("from").asLong()).as("since the revision read").isEqualTo(1);
        assertThat(json(changes).path("unified").asText()).contains("+v2");
        CallToolResult badRevision = call(McqTools.DIFF_REVISIONS, Map.of("slug", slug, "from", "one"));
        assertThat(badRevision.isError()).isTrue();
        assertThat(text(badRevision)).contains("\"from\" must be a whole number");
        CallToolResult gone = call(McqTools.GET_DOCUMENT, Map.of("slug", slug, "revision", 9));
        assertThat(gone.isError()).isTrue();

        call(McqTools.MARK_READ, Map.of("slug", slug));
        CallToolResult unread = call(McqTools.MARK_UNREAD, Map.of("slug", slug));
        assertThat(unread.isError()).isFalse();
        assertThat(restGet(slug).path("read").asBoolean()).isFalse();

        CallToolResult deleted = call(McqTools.DELETE_DOCUMENT, Map.of("slug", slug));
        assertThat(deleted.isError()).isFalse();
        assertThat(mcq.get("/v1/documents/" + slug, restToken).statusCode()).isEqualTo(404);
        assertThat(listedSlugs(call(McqTools.LIST_DOCUMENTS, Map.of()))).doesNotContain(slug);
    }

    /** Bad input and unknown slugs are tool errors with a message a model can act on. */
    void badInputComesBackAsToolErrors() {
        CallToolResult badSlug = call(McqTools.PUSH_DOCUMENT, Map.of("slug", "Not A Slug!", "title", "t", "body", "b"));
        assertThat(badSlug.isError()).isTrue();
        assertThat(text(badSlug)).contains("Not A Slug!").contains(DocumentRules.SLUG_RULE);

        CallToolResult pathSlug = call(McqTools.MARK_READ, Map.of("slug", "a/b"));
        assertThat(pathSlug.isError()).isTrue();
        assertThat(text(pathSlug)).contains(DocumentRules.SLUG_RULE);

        CallToolResult unclosed = call(McqTools.SEARCH_DOCUMENTS, Map.of("query", "\"unclosed"));
        assertThat(unclosed.isError()).isTrue();
        assertThat(text(unclosed)).contains("quote is not closed");

        CallToolResult missing = call(McqTools.GET_DOCUMENT, Map.of("slug", "no-such-document"));
        assertThat(missing.isError()).isTrue();
        assertThat(text(missing)).contains("no-such-document").contains("list_documents");

        CallToolResult deleteMissing = call(McqTools.DELETE_DOCUMENT, Map.of("slug", "no-such-document"));
        assertThat(deleteMissing.isError()).isTrue();

        CallToolResult noTitle = call(McqTools.PUSH_DOCUMENT, Map.of("slug", "no-title", "body", "b"));
        assertThat(noTitle.isError()).isTrue();
        assertThat(text(noTitle)).contains("missing title");

        CallToolResult typo = call(McqTools.PUSH_DOCUMENT, Map.of("slug", "typo", "titel", "t", "body", "b"));
        assertThat(typo.isError()).isTrue();
        assertThat(text(typo)).contains("unknown argument \"titel\"").contains("slug, title, body");

        CallToolResult wrongType = call(McqTools.LIST_DOCUMENTS, Map.of("unread_only", "yes"));
        assertThat(wrongType.isError()).isTrue();
        assertThat(text(wrongType)).contains("unread_only");

        // Nothing was stored by the refused calls.
        assertThat(mcq.get("/v1/documents/no-title", restToken).statusCode()).isEqualTo(404);
        assertThat(mcq.get("/v1/documents/typo", restToken).statusCode()).isEqualTo(404);
    }

    /** push_document with small files base64-encoded: stored with the document, checked before anything is. */
    @SuppressWarnings("unchecked")
    void pushWithFilesStoresThem(String slug) {
        byte[] png = TestImages.png(java.awt.Color.RED);
        byte[] svg = TestImages.hostileSvg();
        java.util.Base64.Encoder base64 = java.util.Base64.getEncoder();
        CallToolResult pushed = call(McqTools.PUSH_DOCUMENT, Map.of("slug", slug, "title", "Pictures",
                "body", "![flow](flow.png)\n\n![states](states.svg)\n",
                "files", List.of(Map.of("name", "flow.png", "content_base64", base64.encodeToString(png)),
                        Map.of("name", "states.svg", "content_base64", base64.encodeToString(svg)))));
        assertThat(pushed.isError()).as(text(pushed)).isFalse();
        assertThat((List<Map<String, Object>>) structured(pushed).get("files"))
                .extracting(file -> file.get("name")).containsExactly("flow.png", "states.svg");
        HttpResponse<byte[]> stored = mcq.getBytes("/v1/documents/" + slug + "/files/flow.png", restToken);
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(stored.body()).isEqualTo(png);
        assertThat(mcq.getBytes("/v1/documents/" + slug + "/files/states.svg", restToken).body()).isEqualTo(svg);

        // A bad file refuses the whole call: the document is not pushed.
        for (Map<String, Object> bad : List.of(
                Map.<String, Object>of("name", "../flow.png", "content_base64", base64.encodeToString(png)),
                Map.<String, Object>of("name", "flow.png", "content_base64", "not base64!"),
                Map.<String, Object>of("name", "notes.txt", "content_base64", base64.encodeToString(png)),
                Map.<String, Object>of("name", "big.png", "content_base64",
                        base64.encodeToString(TestImages.pngOfSize(McpFiles.MAX_FILE_BYTES + 1))),
                Map.<String, Object>of("name", "flow.png"))) {
            CallToolResult refused = call(McqTools.PUSH_DOCUMENT, Map.of("slug", slug + "-bad", "title", "Bad",
                    "body", "x", "files", List.of(bad)));
            assertThat(refused.isError()).as(bad.toString()).isTrue();
        }
        CallToolResult notAnArray = call(McqTools.PUSH_DOCUMENT, Map.of("slug", slug + "-bad", "title", "Bad",
                "body", "x", "files", "flow.png"));
        assertThat(notAnArray.isError()).isTrue();
        assertThat(mcq.get("/v1/documents/" + slug + "-bad", restToken).statusCode()).isEqualTo(404);
    }

    CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
    }

    static String text(CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> structured(CallToolResult result) {
        return (Map<String, Object>) result.structuredContent();
    }

    @SuppressWarnings("unchecked")
    static List<String> listedSlugs(CallToolResult result) {
        assertThat(result.isError()).as(text(result)).isFalse();
        List<Map<String, Object>> documents = (List<Map<String, Object>>) structured(result).get("documents");
        return documents.stream().map(d -> (String) d.get("slug")).toList();
    }

    /** The first text item, the tool's JSON answer, parsed. */
    static JsonNode json(CallToolResult result) {
        try {
            return net.metacircular.mcq.http.Json.MAPPER.readTree(text(result));
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text(result), e);
        }
    }

    HttpResponse<String> restResponse(String path) {
        HttpResponse<String> response = mcq.get(path, restToken);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    JsonNode restGet(String slug) {
        HttpResponse<String> response = mcq.get("/v1/documents/" + slug, restToken);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestMcq.json(response);
    }

    JsonNode restQueueEntry(String slug) {
        JsonNode documents = TestMcq.json(mcq.get("/v1/documents", restToken)).path("documents");
        return StreamSupport.stream(documents.spliterator(), false)
                .filter(d -> d.path("slug").asText().equals(slug))
                .findFirst()
                .orElseThrow(() -> new AssertionError(slug + " is not in the REST queue"));
    }
}
