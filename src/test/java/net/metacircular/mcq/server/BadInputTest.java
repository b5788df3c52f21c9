package net.metacircular.mcq.server;

import net.metacircular.mcq.documents.DocumentStore;
import net.metacircular.mcq.db.SqliteDocumentStore;
import net.metacircular.mcq.documents.StoredDocument;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed, oversized and hostile input: each gets the right 4xx with a JSON
 * error, never a 500, and the database is exactly as it was.
 */
class BadInputTest {

    static final int MAX_DOCUMENT_BYTES = 1000;
    static final int MAX_REQUEST_BYTES = 20_000;

    @TempDir
    static Path dir;
    static TestMcq mcq;
    static String token;

    @BeforeAll
    static void start() {
        mcq = TestMcq.start(dir, """
                [limits]
                max_document_bytes = %d
                max_request_bytes = %d
                """.formatted(MAX_DOCUMENT_BYTES, MAX_REQUEST_BYTES));
        token = mcq.aliceToken();
        assertThat(mcq.push("existing", "Existing", "kept body", token).statusCode()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        mcq.close();
    }

    record Case(String method, String path, String contentType, byte[] body) {
        @Override
        public String toString() {
            String shown = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            return method + " " + path + " " + (shown.length() > 60 ? shown.substring(0, 60) + "…" : shown);
        }
    }

    static Arguments bad(int status, String errorFragment, String method, String path, String contentType, String body) {
        return bad(status, errorFragment, method, path, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** A push whose body is 1,000 ASCII characters and then {@code bytes}. */
    static byte[] afterAscii(byte[] bytes) {
        byte[] start = ("{\"title\":\"T\",\"body\":\"" + "a".repeat(1000)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] end = "\"}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] all = java.util.Arrays.copyOf(start, start.length + bytes.length + end.length);
        System.arraycopy(bytes, 0, all, start.length, bytes.length);
        System.arraycopy(end, 0, all, start.length + bytes.length, end.length);
        return all;
    }

    static Arguments bad(int status, String errorFragment, String method, String path, String contentType, byte[] body) {
        return Arguments.of(new Case(method, path, contentType, body), status, errorFragment);
    }

    static Stream<Arguments> cases() {
        String json = "application/json";
        String ok = "{\"title\":\"T\",\"body\":\"b\"}";
        return Stream.of(
                // Slugs
                bad(400, "slug", "PUT", "/v1/documents/UPPER", json, ok),
                bad(400, "slug", "PUT", "/v1/documents/-leading-dash", json, ok),
                bad(400, "slug", "PUT", "/v1/documents/.hidden", json, ok),
                bad(400, "slug", "PUT", "/v1/documents/has%20space", json, ok),
                bad(400, "slug", "PUT", "/v1/documents/caf%C3%A9", json, ok),
                bad(400, "slug", "PUT", "/v1/documents/a%2Fb", json, ok),
                bad(400, "slug", "PUT", "/v1/documents/" + "a".repeat(129), json, ok),
                bad(400, "slug", "PUT", "/v1/documents/%3Cscript%3E", json, ok),
                bad(400, "slug", "GET", "/v1/documents/Bad.Slug", null, (String) null),
                bad(400, "slug", "POST", "/v1/documents/BAD/read", null, (String) null),
                bad(400, "slug", "DELETE", "/v1/documents/BAD", null, (String) null),
                // Titles
                bad(400, "title", "PUT", "/v1/documents/new-doc", json, "{\"body\":\"b\"}"),
                bad(400, "title", "PUT", "/v1/documents/new-doc", json, "{\"title\":\"   \",\"body\":\"b\"}"),
                bad(400, "title", "PUT", "/v1/documents/new-doc", json, "{\"title\":\"" + "t".repeat(301) + "\",\"body\":\"b\"}"),
                bad(400, "control character", "PUT", "/v1/documents/new-doc", json, "{\"title\":\"two\\nlines\",\"body\":\"b\"}"),
                bad(400, "must be a string", "PUT", "/v1/documents/new-doc", json, "{\"title\":42,\"body\":\"b\"}"),
                bad(400, "surrogate", "PUT", "/v1/documents/new-doc", json, "{\"title\":\"T\",\"body\":\"\\ud800\"}"),
                // Bodies and JSON
                bad(400, "missing body", "PUT", "/v1/documents/new-doc", json, "{\"title\":\"T\"}"),
                bad(400, "not valid JSON", "PUT", "/v1/documents/new-doc", json, "{\"title\":"),
                bad(400, "not valid JSON", "PUT", "/v1/documents/new-doc", json, "title=T&body=b"),
                bad(400, "not valid JSON", "PUT", "/v1/documents/new-doc", json, ok + " trailing"),
                bad(400, "JSON object", "PUT", "/v1/documents/new-doc", json, "[\"T\",\"b\"]"),
                bad(400, "JSON object", "PUT", "/v1/documents/new-doc", json, ""),
                bad(400, "unknown field", "PUT", "/v1/documents/new-doc", json, "{\"titel\":\"T\",\"body\":\"b\"}"),
                // Nesting far past Jackson's limit of 1,000 (within this test's request
                // limit; a million brackets is refused by size first): 400, not a stack overflow.
                bad(400, "not valid JSON", "PUT", "/v1/documents/new-doc", json, "[".repeat(MAX_REQUEST_BYTES - 1)),
                bad(400, "not valid JSON", "PUT", "/v1/documents/new-doc", json,
                        "{\"title\":\"T\",\"body\":" + "{\"a\":".repeat(3_000) + "}"),
                bad(413, "larger than", "PUT", "/v1/documents/new-doc", json, "[".repeat(1_000_000)),
                bad(400, "not valid JSON", "PUT", "/v1/documents/new-doc", json, "{\"title\":\"T\",\"title\":\"U\",\"body\":\"b\"}"),
                bad(400, "UTF-8", "PUT", "/v1/documents/new-doc", json,
                        new byte[] {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}),
                // Past a long ASCII start (checked eight bytes at a time): an overlong "/",
                // a surrogate encoded in UTF-8, a code point above U+10FFFF, a cut-off sequence.
                bad(400, "UTF-8", "PUT", "/v1/documents/new-doc", json,
                        afterAscii(new byte[] {(byte) 0xC0, (byte) 0xAF})),
                bad(400, "UTF-8", "PUT", "/v1/documents/new-doc", json,
                        afterAscii(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})),
                bad(400, "UTF-8", "PUT", "/v1/documents/new-doc", json,
                        afterAscii(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})),
                bad(400, "UTF-8", "PUT", "/v1/documents/new-doc", json,
                        afterAscii(new byte[] {(byte) 0xE2, (byte) 0x82})),
                // JSON in UTF-16, with and without its byte-order mark: not UTF-8, never guessed at.
                bad(400, "UTF-8", "PUT", "/v1/documents/new-doc", json,
                        ("\uFEFF" + ok).getBytes(java.nio.charset.StandardCharsets.UTF_16LE)),
                bad(400, "not valid JSON", "PUT", "/v1/documents/new-doc", json,
                        ok.getBytes(java.nio.charset.StandardCharsets.UTF_16LE)),
                bad(400, "not valid JSON", "PUT", "/v1/documents/new-doc", json,
                        ok.getBytes(java.nio.charset.StandardCharsets.UTF_16BE)),
                bad(415, "Content-Type", "PUT", "/v1/documents/new-doc", "text/plain", ok),
                bad(415, "Content-Type", "PUT", "/v1/documents/new-doc", null, ok),
                bad(415, "UTF-8", "PUT", "/v1/documents/new-doc", "application/json; charset=latin1", ok),
                bad(415, "Content-Type", "POST", "/v1/auth/login", "application/x-www-form-urlencoded", "username=a&password=b"),
                // Sizes
                bad(413, "limit", "PUT", "/v1/documents/new-doc", json,
                        "{\"title\":\"T\",\"body\":\"" + "x".repeat(MAX_DOCUMENT_BYTES + 1) + "\"}"),
                bad(413, "limit", "PUT", "/v1/documents/new-doc", json,
                        "{\"title\":\"T\",\"body\":\"" + "é".repeat(MAX_DOCUMENT_BYTES / 2 + 1) + "\"}"),
                bad(413, "larger than", "PUT", "/v1/documents/new-doc", json,
                        "{\"title\":\"T\",\"body\":\"" + "x".repeat(MAX_REQUEST_BYTES) + "\"}"),
                bad(413, "larger than", "POST", "/v1/auth/login", json,
                        "{\"username\":\"" + "x".repeat(MAX_REQUEST_BYTES) + "\"}"),
                // Unknown documents
                bad(404, "no document", "GET", "/v1/documents/unknown-doc", null, (String) null),
                bad(404, "no document", "DELETE", "/v1/documents/unknown-doc", null, (String) null),
                bad(404, "no document", "POST", "/v1/documents/unknown-doc/read", null, (String) null),
                bad(404, "no document", "POST", "/v1/documents/unknown-doc/unread", null, (String) null),
                // Revisions: numbers that are not revision numbers, revisions and documents that do not exist
                bad(400, "revision number", "GET", "/v1/documents/existing/revisions/abc", null, (String) null),
                bad(400, "revision number", "GET", "/v1/documents/existing/revisions/0", null, (String) null),
                bad(400, "revision number", "GET", "/v1/documents/existing/revisions/-1", null, (String) null),
                bad(400, "revision number", "GET", "/v1/documents/existing/revisions/" + "9".repeat(40), null,
                        (String) null),
                bad(400, "revision number", "GET", "/v1/documents/existing/diff?from=1e3", null, (String) null),
                bad(400, "revision number", "GET", "/v1/documents/existing/diff?to=%00", null, (String) null),
                bad(404, "no revision 7", "GET", "/v1/documents/existing/revisions/7", null, (String) null),
                bad(404, "no revision 9", "GET", "/v1/documents/existing/diff?from=1&to=9", null, (String) null),
                bad(404, "no document", "GET", "/v1/documents/unknown-doc/revisions", null, (String) null),
                bad(400, "slug", "GET", "/v1/documents/UPPER/diff", null, (String) null));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("cases")
    void isRefusedClearlyAndChangesNothing(Case request, int status, String errorFragment) {
        List<StoredDocument> before = everything();
        HttpResponse<String> response = mcq.sendBytes(request.method(), request.path(), token,
                request.contentType(), request.body());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(TestMcq.json(response).path("error").asText()).containsIgnoringCase(errorFragment);
        assertThat(everything()).isEqualTo(before);
    }

    @org.junit.jupiter.api.Test
    void aBodyExactlyAtTheLimitIsAccepted() {
        HttpResponse<String> response = mcq.push("at-limit", "At the limit", "x".repeat(MAX_DOCUMENT_BYTES), token);
        assertThat(response.statusCode()).isEqualTo(201);
        mcq.send("DELETE", "/v1/documents/at-limit", token, null, null);
    }

    @org.junit.jupiter.api.Test
    void aChunkedOversizedBodyIsCutOffWithout500() throws Exception {
        byte[] big = ("{\"title\":\"T\",\"body\":\"" + "x".repeat(MAX_REQUEST_BYTES * 3) + "\"}").getBytes(StandardCharsets.UTF_8);
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(mcq.baseUrl() + "/v1/documents/chunked"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
                .build();
        HttpResponse<String> response;
        try {
            response = java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            // The server may close the connection while the client is still sending; that is a refusal too.
            assertThat(mcq.get("/v1/documents/chunked", token).statusCode()).isEqualTo(404);
            return;
        }
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(mcq.get("/v1/documents/chunked", token).statusCode()).isEqualTo(404);
    }

    private static List<StoredDocument> everything() {
        DocumentStore store = new SqliteDocumentStore(mcq.app.database());
        return store.list().stream().map(s -> store.find(s.slug()).orElseThrow()).toList();
    }
}
