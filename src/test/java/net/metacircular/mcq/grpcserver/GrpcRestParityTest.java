package net.metacircular.mcq.grpcserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import net.metacircular.mcq.grpc.v1.DeleteDocumentRequest;
import net.metacircular.mcq.grpc.v1.Document;
import net.metacircular.mcq.grpc.v1.DocumentSummary;
import net.metacircular.mcq.grpc.v1.GetDocumentRequest;
import net.metacircular.mcq.grpc.v1.ListDocumentsRequest;
import net.metacircular.mcq.grpc.v1.MarkReadRequest;
import net.metacircular.mcq.grpc.v1.MarkUnreadRequest;
import net.metacircular.mcq.grpc.v1.PutDocumentRequest;
import net.metacircular.mcq.grpc.v1.PutDocumentResponse;
import net.metacircular.mcq.grpc.v1.SearchDocumentsRequest;
import net.metacircular.mcq.grpc.v1.SearchDocumentsResponse;
import net.metacircular.mcq.grpc.v1.SearchHit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The same document reads the same over gRPC and REST whichever API wrote
 * it, and the same bad input gets the matching status and the same message
 * from both. One MCQ for the class; each test uses slugs of its own.
 */
class GrpcRestParityTest {

    @TempDir
    static Path dir;

    private static McqInstance mcq;
    private static String token;

    @BeforeAll
    static void start() {
        mcq = McqInstance.withIdentityProvider(dir);
        token = mcq.login(McqInstance.ALICE, McqInstance.ALICE_PASSWORD);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        mcq.close();
    }

    @Test
    void aDocumentPushedOverGrpcReadsIdenticallyOverRest() {
        PutDocumentResponse pushed = mcq.documents(token).putDocument(PutDocumentRequest.newBuilder()
                .setSlug("grpc-report").setTitle("  Nightly report ✓ ").setBody("# Done\n\nÀ bientôt 🚀\n").build());
        assertThat(pushed.getCreated()).isTrue();
        assertThat(pushed.getDocument().getTitle()).isEqualTo("Nightly report ✓");
        assertThat(pushed.getDocument().getPushedBy()).isEqualTo(McqInstance.ALICE);
        assertThat(pushed.getDocument().hasReadAt()).isFalse();
        assertThat(pushed.hasWebUrl()).as("no [server] public_url here").isFalse();

        HttpResponse<String> unread = mcq.rest("GET", "/v1/documents/grpc-report", token, null);
        assertThat(unread.statusCode()).isEqualTo(200);
        assertSame(pushed.getDocument(), McqInstance.json(unread));

        mcq.clock.advance(Duration.ofMinutes(3));
        Document read = mcq.documents(token).markRead(MarkReadRequest.newBuilder().setSlug("grpc-report").build());
        assertThat(read.getRead()).isTrue();
        assertThat(read.hasReadAt()).isTrue();
        JsonNode readOverRest = McqInstance.json(mcq.rest("GET", "/v1/documents/grpc-report", token, null));
        assertSame(read, readOverRest);
        assertThat(Instant.parse(readOverRest.get("read_at").asText())).isEqualTo(mcq.clock.instant()
                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS));

        assertSameQueue(token);
    }

    @Test
    void aDocumentPushedOverRestReadsIdenticallyOverGrpc() {
        HttpResponse<String> created = mcq.restPush("rest-report", "Weekly", "*body*", token);
        assertThat(created.statusCode()).isEqualTo(201);
        Document overGrpc = get("rest-report");
        JsonNode createdJson = McqInstance.json(created);
        assertThat(createdJson.get("web_url").isNull()).as("no [server] public_url here").isTrue();
        assertSame(overGrpc, createdJson);
        assertThat(overGrpc.getRevision()).isEqualTo(1);

        mcq.clock.advance(Duration.ofMinutes(1));
        HttpResponse<String> read = mcq.rest("POST", "/v1/documents/rest-report/read", token, null);
        assertThat(read.statusCode()).isEqualTo(200);
        Document readOverGrpc = get("rest-report");
        assertThat(readOverGrpc.getRead()).isTrue();
        assertSame(readOverGrpc, McqInstance.json(read));

        // A re-push over REST (200) shows as revision 2, unread again, over gRPC; and the reverse.
        assertThat(mcq.restPush("rest-report", "Weekly v2", "new", token).statusCode()).isEqualTo(200);
        Document repushed = get("rest-report");
        assertThat(repushed.getRevision()).isEqualTo(2);
        assertThat(repushed.getRead()).isFalse();
        assertThat(repushed.hasReadAt()).isFalse();
        PutDocumentResponse again = mcq.documents(token).putDocument(PutDocumentRequest.newBuilder()
                .setSlug("rest-report").setTitle("Weekly v3").setBody("newer").build());
        assertThat(again.getCreated()).isFalse();
        assertSame(again.getDocument(), McqInstance.json(mcq.rest("GET", "/v1/documents/rest-report", token, null)));

        // Mark unread over gRPC, read state over REST.
        mcq.rest("POST", "/v1/documents/rest-report/read", token, null);
        Document unread = mcq.documents(token).markUnread(MarkUnreadRequest.newBuilder().setSlug("rest-report").build());
        assertSame(unread, McqInstance.json(mcq.rest("GET", "/v1/documents/rest-report", token, null)));
        assertThat(unread.getRead()).isFalse();

        mcq.restPush("another", "Another", "", token);
        assertSameQueue(token);
    }

    @Test
    void searchFindsTheSameHitsSnippetsAndErrorsOnBothApis() {
        for (String slug : List.of("parity-a", "parity-b", "parity-c")) {
            mcq.rest("PUT", "/v1/documents/" + slug, token,
                    "{\"title\":\"Parity " + slug + "\",\"body\":\"a rambutan grows near <b>" + slug + "</b>\"}");
        }
        JsonNode rest = McqInstance.json(mcq.rest("GET", "/v1/search?q=rambutan", token, null));
        SearchDocumentsResponse grpc = mcq.documents(token).searchDocuments(
                SearchDocumentsRequest.newBuilder().setQuery("rambutan").build());

        assertThat(grpc.getTotal()).isEqualTo(rest.get("total").asInt()).isEqualTo(3);
        assertThat(grpc.getPage()).isEqualTo(rest.get("page").asInt());
        assertThat(grpc.getPageSize()).isEqualTo(rest.get("page_size").asInt());
        assertThat(grpc.getHitsCount()).isEqualTo(rest.get("hits").size());
        for (int i = 0; i < grpc.getHitsCount(); i++) {
            SearchHit hit = grpc.getHits(i);
            JsonNode restHit = rest.get("hits").get(i);
            assertThat(hit.getDocument().getSlug()).isEqualTo(restHit.get("document").get("slug").asText());
            assertThat(hit.getSnippet()).isEqualTo(restHit.get("snippet").asText()).contains("rambutan");
            assertThat(hit.getHighlightsCount()).isEqualTo(restHit.get("highlights").size()).isPositive();
            assertThat(hit.getHighlights(0).getStart()).isEqualTo(restHit.get("highlights").get(0).get(0).asInt());
            assertThat(hit.getHighlights(0).getEnd()).isEqualTo(restHit.get("highlights").get(0).get(1).asInt());
        }

        HttpResponse<String> badRest = mcq.rest("GET", "/v1/search?q=%22unclosed", token, null);
        StatusRuntimeException badGrpc = catchThrowableOfType(StatusRuntimeException.class, () -> mcq.documents(token)
                .searchDocuments(SearchDocumentsRequest.newBuilder().setQuery("\"unclosed").build()));
        assertThat(badRest.statusCode()).isEqualTo(400);
        assertThat(badGrpc.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(badGrpc.getStatus().getDescription()).isEqualTo(McqInstance.json(badRest).get("error").asText());
        // Other tests here expect a queue of their own documents only.
        for (String slug : List.of("parity-a", "parity-b", "parity-c")) {
            assertThat(mcq.rest("DELETE", "/v1/documents/" + slug, token, null).statusCode()).isEqualTo(204);
        }
    }

    @Test
    void deletingOnOneApiIsSeenOnTheOther() {
        mcq.restPush("gone-by-grpc", "A", "a", token);
        mcq.documents(token).deleteDocument(DeleteDocumentRequest.newBuilder().setSlug("gone-by-grpc").build());
        assertThat(mcq.rest("GET", "/v1/documents/gone-by-grpc", token, null).statusCode()).isEqualTo(404);

        mcq.documents(token).putDocument(PutDocumentRequest.newBuilder()
                .setSlug("gone-by-rest").setTitle("B").setBody("b").build());
        assertThat(mcq.rest("DELETE", "/v1/documents/gone-by-rest", token, null).statusCode()).isEqualTo(204);
        assertThat(statusOf(() -> get("gone-by-rest")).getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void badInputGetsTheMatchingStatusAndTheSameMessageOnBothApis() {
        String longTitle = "t".repeat(301);
        String bigBody = "x".repeat(McqInstance.MAX_DOCUMENT_BYTES + 1);
        record Case(String name, String slug, String title, String body, Status.Code grpc, int http) {
        }
        List<Case> cases = List.of(
                new Case("invalid slug", "Not_A_Slug", "Title", "body", Status.Code.INVALID_ARGUMENT, 400),
                new Case("slug starting with a dot", ".hidden", "Title", "body", Status.Code.INVALID_ARGUMENT, 400),
                new Case("empty title", "ok-slug", "", "body", Status.Code.INVALID_ARGUMENT, 400),
                new Case("blank title", "ok-slug", "   ", "body", Status.Code.INVALID_ARGUMENT, 400),
                new Case("too-long title", "ok-slug", longTitle, "body", Status.Code.INVALID_ARGUMENT, 400),
                new Case("title with a newline", "ok-slug", "two\nlines", "body", Status.Code.INVALID_ARGUMENT, 400),
                new Case("over-size body", "ok-slug", "Title", bigBody, Status.Code.RESOURCE_EXHAUSTED, 413));
        List<String> mismatches = new ArrayList<>();
        for (Case c : cases) {
            Status grpc = statusOf(() -> mcq.documents(token).putDocument(PutDocumentRequest.newBuilder()
                    .setSlug(c.slug()).setTitle(c.title()).setBody(c.body()).build()));
            HttpResponse<String> rest = mcq.restPush(c.slug(), c.title(), c.body(), token);
            String restMessage = McqInstance.json(rest).path("error").asText();
            if (grpc.getCode() != c.grpc() || rest.statusCode() != c.http()
                    || !restMessage.equals(grpc.getDescription())) {
                mismatches.add(c.name() + ": gRPC " + grpc.getCode() + " \"" + grpc.getDescription() + "\", HTTP "
                        + rest.statusCode() + " \"" + restMessage + "\"");
            }
        }
        assertThat(mismatches).isEmpty();
        // Nothing was stored by any of them.
        assertThat(mcq.documents(token).listDocuments(ListDocumentsRequest.getDefaultInstance()).getDocumentsList())
                .isEmpty();
    }

    @Test
    void anUnknownSlugIsNotFoundOnBothApisWithTheSameMessage() {
        Status get = statusOf(() -> get("no-such-doc"));
        Status markRead = statusOf(() -> mcq.documents(token).markRead(
                MarkReadRequest.newBuilder().setSlug("no-such-doc").build()));
        Status markUnread = statusOf(() -> mcq.documents(token).markUnread(
                MarkUnreadRequest.newBuilder().setSlug("no-such-doc").build()));
        Status delete = statusOf(() -> mcq.documents(token).deleteDocument(
                DeleteDocumentRequest.newBuilder().setSlug("no-such-doc").build()));
        List<HttpResponse<String>> rest = List.of(
                mcq.rest("GET", "/v1/documents/no-such-doc", token, null),
                mcq.rest("POST", "/v1/documents/no-such-doc/read", token, null),
                mcq.rest("POST", "/v1/documents/no-such-doc/unread", token, null),
                mcq.rest("DELETE", "/v1/documents/no-such-doc", token, null));
        List<Status> grpc = List.of(get, markRead, markUnread, delete);
        for (int i = 0; i < grpc.size(); i++) {
            assertThat(grpc.get(i).getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(rest.get(i).statusCode()).isEqualTo(404);
            assertThat(McqInstance.json(rest.get(i)).path("error").asText()).isEqualTo(grpc.get(i).getDescription());
        }
        assertThat(get.getDescription()).isEqualTo("no document with slug \"no-such-doc\"");
    }

    @Test
    void aRequestOverTheSizeLimitIsResourceExhaustedOverGrpcAnd413OverRest() {
        String hugeBody = "x".repeat(McqInstance.MAX_REQUEST_BYTES + 1);
        Status grpc = statusOf(() -> mcq.documents(token).putDocument(PutDocumentRequest.newBuilder()
                .setSlug("huge").setTitle("Huge").setBody(hugeBody).build()));
        assertThat(grpc.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(mcq.restPush("huge", "Huge", hugeBody, token).statusCode()).isEqualTo(413);
        // The service is fine afterwards and nothing was stored.
        assertThat(statusOf(() -> get("huge")).getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    private Document get(String slug) {
        return mcq.documents(token).getDocument(GetDocumentRequest.newBuilder().setSlug(slug).build());
    }

    /** Every field of the gRPC document equals its REST JSON twin; times compare as instants. */
    private static void assertSame(Document grpc, JsonNode rest) {
        assertThat(rest.get("slug").asText()).isEqualTo(grpc.getSlug());
        assertThat(rest.get("title").asText()).isEqualTo(grpc.getTitle());
        assertThat(rest.get("body").asText()).isEqualTo(grpc.getBody());
        assertThat(rest.get("pushed_by").asText()).isEqualTo(grpc.getPushedBy());
        assertThat(Instant.parse(rest.get("pushed_at").asText())).isEqualTo(instant(grpc.getPushedAt()));
        assertThat(Instant.parse(rest.get("created_at").asText())).isEqualTo(instant(grpc.getCreatedAt()));
        assertThat(rest.get("read").asBoolean()).isEqualTo(grpc.getRead());
        if (grpc.hasReadAt()) {
            assertThat(Instant.parse(rest.get("read_at").asText())).isEqualTo(instant(grpc.getReadAt()));
        } else {
            assertThat(rest.get("read_at").isNull()).as("read_at is null in REST").isTrue();
        }
        assertThat(rest.get("revision").asLong()).isEqualTo(grpc.getRevision());
    }

    private void assertSameQueue(String token) {
        List<DocumentSummary> grpc = mcq.documents(token).listDocuments(ListDocumentsRequest.getDefaultInstance())
                .getDocumentsList();
        JsonNode rest = McqInstance.json(mcq.rest("GET", "/v1/documents", token, null)).get("documents");
        assertThat(rest.size()).isEqualTo(grpc.size()).isPositive();
        for (int i = 0; i < grpc.size(); i++) {
            DocumentSummary summary = grpc.get(i);
            JsonNode entry = rest.get(i);
            assertThat(entry.get("slug").asText()).isEqualTo(summary.getSlug());
            assertThat(entry.get("title").asText()).isEqualTo(summary.getTitle());
            assertThat(entry.get("pushed_by").asText()).isEqualTo(summary.getPushedBy());
            assertThat(Instant.parse(entry.get("pushed_at").asText())).isEqualTo(instant(summary.getPushedAt()));
            assertThat(entry.get("read").asBoolean()).isEqualTo(summary.getRead());
        }
    }

    static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    static Status statusOf(Runnable call) {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call::run);
        assertThat(e).as("the call should fail").isNotNull();
        return e.getStatus();
    }
}
