package net.metacircular.mcq.grpcserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Timestamp;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import net.metacircular.mcq.grpc.v1.DiffRevisionsRequest;
import net.metacircular.mcq.grpc.v1.GetDocumentRequest;
import net.metacircular.mcq.grpc.v1.GetRevisionRequest;
import net.metacircular.mcq.grpc.v1.ListRevisionsRequest;
import net.metacircular.mcq.grpc.v1.MarkReadRequest;
import net.metacircular.mcq.grpc.v1.Revision;
import net.metacircular.mcq.grpc.v1.RevisionDiff;
import net.metacircular.mcq.grpc.v1.RevisionInfo;
import net.metacircular.mcq.http.Json;
import net.metacircular.mcq.mcp.McpSurface;
import net.metacircular.mcq.mcp.McqTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * REST, gRPC and MCP answer with the same revisions and diffs for the same
 * document, field by field, on one running MCQ. Each surface's answer is
 * turned into the REST JSON shape and compared as JSON.
 */
class RevisionParityTest {

    private static final String SLUG = "parity-plan";

    @TempDir
    Path dir;

    private McqInstance mcq;
    private String token;
    private McpSyncClient mcp;

    @BeforeEach
    void start() {
        mcq = McqInstance.withIdentityProvider(dir);
        token = mcq.login(McqInstance.ALICE, McqInstance.ALICE_PASSWORD);
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(mcq.httpBase())
                .endpoint(McpSurface.PATH)
                .addHttpRequestCustomizer((request, method, uri, body, context) ->
                        request.header("Authorization", "Bearer " + token))
                .build();
        mcp = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
        mcp.initialize();
    }

    @AfterEach
    void stop() {
        if (mcp != null) {
            mcp.closeGracefully();
        }
        mcq.close();
    }

    @Test
    void revisionsAndDiffsAreTheSameOnEverySurface() {
        push("Plan", "# Plan\n\none\ntwo\n");
        mcq.clock.advance(Duration.ofMinutes(2));
        push("Plan, revised", "# Plan\n\none\ntwo, longer now\nthree\n");
        // Alice reads revision 2, so her default diff starts there.
        mcq.documents(token).markRead(MarkReadRequest.newBuilder().setSlug(SLUG).build());
        mcq.clock.advance(Duration.ofMinutes(2));
        push("Plan, final", "# Plan\n\nzero\none\nthree\n");

        JsonNode restRevisions = rest("/v1/documents/" + SLUG + "/revisions").path("revisions");
        assertThat(restRevisions).hasSize(3);
        assertThat(restRevisions.get(0).path("number").asLong()).as("newest first").isEqualTo(3);
        List<RevisionInfo> grpcRevisions = mcq.documents(token)
                .listRevisions(ListRevisionsRequest.newBuilder().setSlug(SLUG).build()).getRevisionsList();
        assertThat(json(grpcRevisions.stream().map(RevisionParityTest::fields).toList())).isEqualTo(restRevisions);
        assertThat(mcp(McqTools.LIST_REVISIONS, Map.of("slug", SLUG)).path("revisions")).isEqualTo(restRevisions);

        JsonNode restRevision = rest("/v1/documents/" + SLUG + "/revisions/2");
        assertThat(restRevision.path("title").asText()).isEqualTo("Plan, revised");
        Revision grpcRevision = mcq.documents(token)
                .getRevision(GetRevisionRequest.newBuilder().setSlug(SLUG).setRevision(2).build());
        assertThat(json(fields(grpcRevision))).isEqualTo(restRevision);
        CallToolResult mcpRevision = call(McqTools.GET_DOCUMENT, Map.of("slug", SLUG, "revision", 2));
        ObjectNode mcpRevisionFields = (ObjectNode) parse(text(mcpRevision, 0));
        assertThat(mcpRevisionFields.remove("slug").asText()).isEqualTo(SLUG);
        mcpRevisionFields.remove("web_path");
        mcpRevisionFields.put("body", text(mcpRevision, 1));
        assertThat(json(mcpRevisionFields)).isEqualTo(restRevision);

        JsonNode restDiff = rest("/v1/documents/" + SLUG + "/diff?from=1&to=3");
        assertThat(restDiff.path("unified").asText()).contains("--- " + SLUG + "@1").contains("+zero");
        assertThat(restDiff.path("lines_added").asInt()).isPositive();
        assertThat(json(fields(mcq.documents(token).diffRevisions(DiffRevisionsRequest.newBuilder()
                .setSlug(SLUG).setFrom(1).setTo(3).build())))).isEqualTo(restDiff);
        assertThat(mcp(McqTools.DIFF_REVISIONS, Map.of("slug", SLUG, "from", 1, "to", 3))).isEqualTo(restDiff);

        JsonNode restDefault = rest("/v1/documents/" + SLUG + "/diff");
        assertThat(restDefault.path("from").asLong()).as("since the revision Alice read").isEqualTo(2);
        assertThat(restDefault.path("to").asLong()).isEqualTo(3);
        assertThat(json(fields(mcq.documents(token).diffRevisions(DiffRevisionsRequest.newBuilder()
                .setSlug(SLUG).build())))).isEqualTo(restDefault);
        assertThat(mcp(McqTools.DIFF_REVISIONS, Map.of("slug", SLUG))).isEqualTo(restDefault);
    }

    @Test
    void theDocumentsReadStateIsTheSameOnEverySurface() {
        push("Plan", "one\n");
        mcq.documents(token).markRead(MarkReadRequest.newBuilder().setSlug(SLUG).build());
        push("Plan", "two\n");

        JsonNode rest = rest("/v1/documents/" + SLUG);
        assertThat(rest.path("read_revision").asLong()).isEqualTo(1);
        net.metacircular.mcq.grpc.v1.Document grpc = mcq.documents(token)
                .getDocument(GetDocumentRequest.newBuilder().setSlug(SLUG).build());
        assertThat(grpc.getReadRevision()).isEqualTo(1);
        assertThat(grpc.getBodySha256()).isEqualTo(rest.path("body_sha256").asText()).hasSize(64);
        assertThat(grpc.getReadersList()).hasSize(rest.path("readers").size()).isNotEmpty();
        assertThat(grpc.getReaders(0).getUsername()).isEqualTo(rest.path("readers").get(0).path("username").asText());
        assertThat(grpc.getReaders(0).getRevision()).isEqualTo(1);

        JsonNode tool = mcp(McqTools.GET_DOCUMENT, Map.of("slug", SLUG));
        assertThat(tool.path("read_revision")).isEqualTo(rest.path("read_revision"));
        assertThat(tool.path("body_sha256")).isEqualTo(rest.path("body_sha256"));
        assertThat(tool.path("readers")).isEqualTo(rest.path("readers"));
    }

    private void push(String title, String body) {
        HttpResponse<String> response = mcq.restPush(SLUG, title, body, token);
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
    }

    private JsonNode rest(String path) {
        HttpResponse<String> response = mcq.rest("GET", path, token, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return McqInstance.json(response);
    }

    private CallToolResult call(String tool, Map<String, Object> arguments) {
        CallToolResult result = mcp.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
        assertThat(result.isError()).as(text(result, 0)).isFalse();
        return result;
    }

    private JsonNode mcp(String tool, Map<String, Object> arguments) {
        return parse(text(call(tool, arguments), 0));
    }

    private static String text(CallToolResult result, int item) {
        return ((McpSchema.TextContent) result.content().get(item)).text();
    }

    /** REST's field names for a gRPC RevisionInfo. */
    private static Map<String, Object> fields(RevisionInfo info) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("number", info.getNumber());
        map.put("title", info.getTitle());
        map.put("pushed_by", info.getPushedBy());
        map.put("pushed_at", instant(info.getPushedAt()).toString());
        map.put("body_sha256", info.getBodySha256());
        map.put("body_bytes", info.getBodyBytes());
        map.put("size_change", info.getSizeChange());
        return map;
    }

    private static Map<String, Object> fields(Revision revision) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("number", revision.getNumber());
        map.put("title", revision.getTitle());
        map.put("body", revision.getBody());
        map.put("pushed_by", revision.getPushedBy());
        map.put("pushed_at", instant(revision.getPushedAt()).toString());
        map.put("body_sha256", revision.getBodySha256());
        map.put("body_bytes", revision.getBodyLengthBytes());
        return map;
    }

    private static Map<String, Object> fields(RevisionDiff diff) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("slug", diff.getSlug());
        map.put("from", diff.getFrom());
        map.put("to", diff.getTo());
        map.put("unified", diff.getUnified());
        map.put("lines_added", diff.getLinesAdded());
        map.put("lines_removed", diff.getLinesRemoved());
        return map;
    }

    private static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    /** Through text and back, so numbers compare by value whatever Java type held them. */
    private static JsonNode json(Object value) {
        try {
            return parse(Json.MAPPER.writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
