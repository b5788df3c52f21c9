package net.metacircular.mcq.grpcserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import net.metacircular.mcq.documents.DocumentSummaryView;
import net.metacircular.mcq.documents.DocumentView;
import net.metacircular.mcq.grpc.v1.Document;
import net.metacircular.mcq.grpc.v1.DocumentSummary;
import net.metacircular.mcq.grpc.v1.GetDocumentRequest;
import net.metacircular.mcq.grpc.v1.ListDocumentsRequest;
import net.metacircular.mcq.grpc.v1.McqProto;
import net.metacircular.mcq.grpc.v1.PutDocumentRequest;
import net.metacircular.mcq.grpc.v1.PutDocumentResponse;
import net.metacircular.mcq.http.Json;
import net.metacircular.mcq.mcp.McpSurface;
import net.metacircular.mcq.mcp.McqTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * REST, MCP and gRPC show a document and a queue entry as the same view:
 * the field names of each surface are exactly {@link DocumentView#FIELDS}
 * and {@link DocumentSummaryView#FIELDS}, in order, and the same document
 * has the same values on all three. A field added to a view fails here until
 * every surface carries it.
 */
class DocumentViewParityTest {

    private static final String SLUG = "parity-report";
    private static final String BODY = "# Findings\n\nÀ bientôt 🚀\n";
    /** [server] public_url, written with a trailing slash that MCQ drops. */
    private static final String PUBLIC_URL = "https://mcq.example.net/reviews";

    @TempDir
    Path dir;

    private McqInstance mcq;
    private String token;
    private McpSyncClient mcp;

    @BeforeEach
    void start() {
        mcq = McqInstance.withIdentityProvider(dir, PUBLIC_URL + "/");
        token = mcq.login(McqInstance.ALICE, McqInstance.ALICE_PASSWORD);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (mcp != null) {
            mcp.closeGracefully();
        }
        mcq.close();
    }

    @Test
    void theViewsEncodeExactlyTheirFieldListsInOrder() {
        Instant now = Instant.parse("2026-03-04T05:06:07.089Z");
        var document = new net.metacircular.mcq.documents.Document(
                "a", "Title", "body", "alice", now, true, now.plusSeconds(1), now, 3, "abc", 3L,
                List.of(new net.metacircular.mcq.documents.Reader("bob", 3, now.plusSeconds(1))),
                net.metacircular.mcq.documents.ReviewStatus.APPROVED);
        JsonNode full = Json.MAPPER.valueToTree(DocumentView.of(document));
        List<String> withBody = new ArrayList<>(DocumentView.FIELDS);
        withBody.add(2, DocumentView.BODY);
        assertThat(names(full)).containsExactlyElementsOf(withBody);
        assertThat(names(Json.MAPPER.valueToTree(DocumentView.of(document).metadata())))
                .containsExactlyElementsOf(DocumentView.FIELDS);
        assertThat(full.get("pushed_at").asText()).isEqualTo("2026-03-04T05:06:07.089Z");
        assertThat(full.get("web_path").asText()).isEqualTo("/d/a");
        assertThat(names(Json.MAPPER.valueToTree(DocumentSummaryView.of(document.summary()))))
                .containsExactlyElementsOf(DocumentSummaryView.FIELDS);
    }

    @Test
    void theProtoMessagesCarryTheViewFields() {
        Descriptor document = McqProto.getDescriptor().findMessageTypeByName("Document");
        List<String> documentFields = new ArrayList<>(fieldNames(document));
        assertThat(documentFields.remove(DocumentView.BODY)).as("the proto document has a body").isTrue();
        assertThat(documentFields).containsExactlyElementsOf(DocumentView.FIELDS);
        assertThat(fieldNames(McqProto.getDescriptor().findMessageTypeByName("DocumentSummary")))
                .containsExactlyElementsOf(DocumentSummaryView.FIELDS);
    }

    @Test
    void oneDocumentHasTheSameFieldsAndValuesOverRestMcpAndGrpc() {
        assertThat(mcq.restPush(SLUG, "Parity report", BODY, token).statusCode()).isEqualTo(201);
        mcq.clock.advance(Duration.ofMinutes(2));
        // Read, so read_at carries a time on every surface.
        assertThat(mcq.rest("POST", "/v1/documents/" + SLUG + "/read", token, null).statusCode()).isEqualTo(200);

        JsonNode rest = McqInstance.json(mcq.rest("GET", "/v1/documents/" + SLUG, token, null));
        assertThat(rest.get(DocumentView.BODY).asText()).isEqualTo(BODY);
        ObjectNode restMetadata = rest.deepCopy();
        restMetadata.remove(DocumentView.BODY);
        assertThat(names(restMetadata)).as("REST document").containsExactlyElementsOf(DocumentView.FIELDS);

        CallToolResult fetched = mcp().callTool(McpSchema.CallToolRequest.builder(McqTools.GET_DOCUMENT).arguments(Map.of("slug", SLUG)).build());
        assertThat(fetched.isError()).isFalse();
        JsonNode mcpStructured = Json.MAPPER.valueToTree(fetched.structuredContent());
        JsonNode mcpText = readTree(((McpSchema.TextContent) fetched.content().get(0)).text());
        assertThat(names(mcpStructured)).as("MCP structured content").containsExactlyElementsOf(DocumentView.FIELDS);
        assertThat(mcpText).as("MCP text is the structured content").isEqualTo(mcpStructured);
        assertThat(((McpSchema.TextContent) fetched.content().get(1)).text()).isEqualTo(BODY);

        Document grpc = mcq.documents(token).getDocument(GetDocumentRequest.newBuilder().setSlug(SLUG).build());
        ObjectNode grpcValues = values(grpc);
        assertThat(grpcValues.remove(DocumentView.BODY).asText()).isEqualTo(BODY);
        assertThat(names(grpcValues)).as("gRPC document").containsExactlyElementsOf(DocumentView.FIELDS);

        assertThat(mcpStructured).as("MCP and REST values").isEqualTo(restMetadata);
        assertThat(grpcValues).as("gRPC and REST values").isEqualTo(restMetadata);
        assertThat(restMetadata.get("read_at").isTextual()).isTrue();
        assertThat(restMetadata.get("web_path").asText()).isEqualTo("/d/" + SLUG);
    }

    @Test
    void oneQueueEntryHasTheSameFieldsAndValuesOverRestMcpAndGrpc() {
        assertThat(mcq.restPush(SLUG, "Parity report", BODY, token).statusCode()).isEqualTo(201);

        JsonNode rest = McqInstance.json(mcq.rest("GET", "/v1/documents", token, null)).get("documents").get(0);
        assertThat(names(rest)).as("REST queue entry").containsExactlyElementsOf(DocumentSummaryView.FIELDS);

        CallToolResult listed = mcp().callTool(McpSchema.CallToolRequest.builder(McqTools.LIST_DOCUMENTS).arguments(Map.of()).build());
        assertThat(listed.isError()).isFalse();
        JsonNode mcpList = Json.MAPPER.valueToTree(listed.structuredContent());
        assertThat(names(mcpList)).containsExactly("documents", "count", "unread");
        JsonNode mcpEntry = mcpList.get("documents").get(0);
        assertThat(names(mcpEntry)).as("MCP queue entry").containsExactlyElementsOf(DocumentSummaryView.FIELDS);

        DocumentSummary grpc = mcq.documents(token).listDocuments(ListDocumentsRequest.getDefaultInstance())
                .getDocuments(0);
        ObjectNode grpcValues = values(grpc);
        assertThat(names(grpcValues)).as("gRPC queue entry").containsExactlyElementsOf(DocumentSummaryView.FIELDS);

        assertThat(mcpEntry).as("MCP and REST values").isEqualTo(rest);
        assertThat(grpcValues).as("gRPC and REST values").isEqualTo(rest);
    }

    @Test
    void aPushAnswersWithTheViewOnEverySurface() {
        CallToolResult pushed = mcp().callTool(McpSchema.CallToolRequest.builder(McqTools.PUSH_DOCUMENT).arguments(Map.of("slug", SLUG, "title", "Parity report", "body", BODY)).build());
        assertThat(pushed.isError()).isFalse();
        List<String> withCreated = new ArrayList<>(DocumentView.FIELDS);
        withCreated.add("created");
        withCreated.add("changed");
        withCreated.add("web_url");
        JsonNode mcpAnswer = Json.MAPPER.valueToTree(pushed.structuredContent());
        assertThat(names(mcpAnswer)).containsExactlyElementsOf(withCreated);

        JsonNode repushed = McqInstance.json(mcq.restPush(SLUG, "Parity report", BODY, token));
        List<String> withBody = new ArrayList<>(DocumentView.FIELDS);
        withBody.add(2, DocumentView.BODY);
        withBody.add("changed");
        withBody.add("web_url");
        assertThat(names(repushed)).as("REST push answer").containsExactlyElementsOf(withBody);
        assertThat(repushed.get("changed").asBoolean()).as("the same title and body again").isFalse();

        PutDocumentResponse grpc = mcq.documents(token).putDocument(PutDocumentRequest.newBuilder()
                .setSlug(SLUG).setTitle("Parity report").setBody(BODY + "more\n").build());
        assertThat(grpc.getChanged()).isTrue();
        assertThat(fieldNames(PutDocumentResponse.getDescriptor()))
                .containsExactly("document", "created", "changed", "web_url");

        String expected = PUBLIC_URL + "/d/" + SLUG;
        assertThat(mcpAnswer.get("web_url").asText()).as("MCP").isEqualTo(expected);
        assertThat(repushed.get("web_url").asText()).as("REST").isEqualTo(expected);
        assertThat(grpc.getWebUrl()).as("gRPC").isEqualTo(expected);
        assertThat(expected).endsWith(repushed.get("web_path").asText());
    }

    @Test
    void withoutAPublicUrlEverySurfaceAnswersAPushWithoutWebUrl(@TempDir Path other) throws InterruptedException {
        try (McqInstance plain = McqInstance.withIdentityProvider(other)) {
            String plainToken = plain.login(McqInstance.ALICE, McqInstance.ALICE_PASSWORD);
            JsonNode rest = McqInstance.json(plain.restPush(SLUG, "Parity report", BODY, plainToken));
            assertThat(rest.has("web_url")).isTrue();
            assertThat(rest.get("web_url").isNull()).as("REST web_url").isTrue();
            PutDocumentResponse grpc = plain.documents(plainToken).putDocument(PutDocumentRequest.newBuilder()
                    .setSlug(SLUG).setTitle("Parity report").setBody("again").build());
            assertThat(grpc.hasWebUrl()).as("gRPC web_url").isFalse();
        }
    }

    private McpSyncClient mcp() {
        if (mcp == null) {
            HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(mcq.httpBase())
                    .endpoint(McpSurface.PATH)
                    .addHttpRequestCustomizer((request, method, uri, body, context) ->
                            request.header("Authorization", "Bearer " + token))
                    .build();
            // No explicit initialize(): the first call initializes the session. Under load the SDK's
            // explicit initialize() has been seen to fail with a null result after a good handshake.
            mcp = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
        }
        return mcp;
    }

    /**
     * A message's fields by proto name, with the values REST writes: a
     * timestamp as RFC 3339 text, an unset timestamp as null. Generic over the
     * descriptor, so a new proto field shows up here without a change.
     */
    private static ObjectNode values(Message message) {
        ObjectNode values = Json.MAPPER.createObjectNode();
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            if (field.isRepeated()) {
                com.fasterxml.jackson.databind.node.ArrayNode items = values.putArray(field.getName());
                for (int i = 0; i < message.getRepeatedFieldCount(field); i++) {
                    items.add(value(field, message.getRepeatedField(field, i)));
                }
            } else if (field.hasPresence() && !message.hasField(field)) {
                values.set(field.getName(), Json.MAPPER.nullNode());
            } else {
                values.set(field.getName(), value(field, message.getField(field)));
            }
        }
        // Read back from text, so numbers compare as JSON numbers (REST's 1 and gRPC's int64 1 are equal).
        return (ObjectNode) readTree(values.toString());
    }

    private static JsonNode value(FieldDescriptor field, Object value) {
        if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
            return Json.MAPPER.valueToTree(value);
        }
        if (field.getMessageType().getFullName().equals(Timestamp.getDescriptor().getFullName())) {
            Timestamp time = (Timestamp) value;
            return Json.MAPPER.valueToTree(Instant.ofEpochSecond(time.getSeconds(), time.getNanos()).toString());
        }
        return values((Message) value);
    }

    private static List<String> fieldNames(Descriptor message) {
        return message.getFields().stream().map(FieldDescriptor::getName).toList();
    }

    private static List<String> names(JsonNode object) {
        assertThat(object.isObject()).as("a JSON object: " + object).isTrue();
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
