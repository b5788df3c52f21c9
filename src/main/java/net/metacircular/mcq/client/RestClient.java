package net.metacircular.mcq.client;

import net.metacircular.mcq.search.SearchResultsView;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.documents.Document;
import net.metacircular.mcq.documents.DocumentRules;
import net.metacircular.mcq.documents.DocumentSummary;
import net.metacircular.mcq.documents.DocumentView;
import net.metacircular.mcq.documents.PutResult;
import net.metacircular.mcq.documents.Revision;
import net.metacircular.mcq.documents.RevisionDiff;
import net.metacircular.mcq.documents.RevisionInfo;
import net.metacircular.mcq.http.HttpStatuses;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The MCQ REST API seen from a client: {@code mcq push}, {@code mcq list}
 * and the stdio MCP server use it. Failures come back as the same
 * {@link ServiceException} kinds the server raised, carrying the server's
 * {@code error} message, so a client shows the person or model exactly what
 * the server said. The token is sent only in the Authorization header and is
 * never part of a message.
 */
public final class RestClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private static final ObjectReader DOCUMENT = ClientJson.MAPPER.readerFor(Document.class);
    private static final ObjectReader SUMMARY = ClientJson.MAPPER.readerFor(DocumentSummary.class);

    private static final ObjectReader REVISION = ClientJson.MAPPER.readerFor(Revision.class);
    private static final ObjectReader REVISION_INFOS = ClientJson.MAPPER.readerFor(RevisionInfo[].class);
    private static final ObjectReader DIFF = ClientJson.MAPPER.readerFor(RevisionDiff.class);
    private static final ObjectReader SEARCH = ClientJson.MAPPER.readerFor(SearchResultsView.class);

    private final URI server;
    private final String token;
    private final HttpClient http;

    /**
     * @param server the MCQ base URL, e.g. {@code https://mcq.example.net}
     * @param token  the bearer token
     * @param tls    the TLS context for a server behind a private CA, or null for the system's CAs
     */
    public RestClient(URI server, String token, SSLContext tls) {
        this.server = withoutTrailingSlash(server);
        this.token = token;
        // Redirects are not followed: one could carry the token to another host.
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
    }

    public URI server() {
        return server;
    }

    /** Where the operator reads the document in the web UI. */
    public URI webUrl(String slug) {
        return URI.create(server + DocumentView.webPath(slug));
    }

    public List<DocumentSummary> list() {
        JsonNode root = send("GET", "/v1/documents", null).json();
        JsonNode documents = root.path("documents");
        if (!documents.isArray()) {
            throw unexpected("the document list has no \"documents\" array");
        }
        try {
            DocumentSummary[] summaries = SUMMARY.forType(DocumentSummary[].class).readValue(documents);
            return List.copyOf(Arrays.asList(summaries));
        } catch (IOException e) {
            throw unexpected("the document list could not be read: " + e.getMessage());
        }
    }

    public Document get(String slug) {
        return document(send("GET", documentPath(slug), null));
    }

    /** Pushes a document; JSON encoding is done here, so any text survives exactly. */
    public PutResult put(String slug, String title, String body) {
        ObjectNode request = ClientJson.MAPPER.createObjectNode();
        request.put("title", title);
        request.put("body", body);
        byte[] json;
        try {
            json = ClientJson.MAPPER.writeValueAsBytes(request);
        } catch (IOException e) {
            throw ServiceException.invalid("the document could not be encoded as JSON: " + e.getMessage());
        }
        Response response = send("PUT", documentPath(slug), json);
        JsonNode answer = response.json();
        boolean changed = answer.path("changed").asBoolean(true);
        // Absent from an older server, null without its public_url.
        String webUrl = answer.path("web_url").isTextual() ? answer.path("web_url").asText() : null;
        if (answer instanceof ObjectNode fields) {
            fields.remove("changed");
            fields.remove("web_url");
        }
        try {
            return new PutResult(DOCUMENT.readValue(answer), response.status() == 201, changed, webUrl);
        } catch (IOException e) {
            throw unexpected("the document could not be read: " + e.getMessage());
        }
    }

    public void delete(String slug) {
        send("DELETE", documentPath(slug), null);
    }

    /**
     * Uploads a file of a document (an image its Markdown links to), replacing
     * one of the same name.
     *
     * @param mediaType the file's type, which the server checks against the bytes
     * @return true when the name was new, false when a file was replaced
     */
    public boolean putFile(String slug, String name, String mediaType, byte[] content) {
        // Each folder of the name is its own path segment (img/flow.png).
        String path = documentPath(slug) + "/files/" + net.metacircular.mcq.attachments.FileNames.urlPath(name);
        return send("PUT", path, content, mediaType, REQUEST_TIMEOUT).status() == 201;
    }

    public Document markRead(String slug) {
        return document(send("POST", documentPath(slug) + "/read", null));
    }

    public Document markUnread(String slug) {
        return document(send("POST", documentPath(slug) + "/unread", null));
    }

    /** The kept revisions of a document, newest first. */
    public List<RevisionInfo> revisions(String slug) {
        JsonNode revisions = send("GET", documentPath(slug) + "/revisions", null).json().path("revisions");
        if (!revisions.isArray()) {
            throw unexpected("the revision list has no \"revisions\" array");
        }
        return List.copyOf(Arrays.asList(read(REVISION_INFOS, revisions, "the revision list")));
    }

    /** One page (from 1) of a full-text search. */
    public SearchResultsView search(String query, int page) {
        String path = "/v1/search?q=" + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8)
                + "&page=" + page;
        return read(SEARCH, send("GET", path, null).json(), "the search results");
    }

    /** One kept revision with its body. */
    public Revision revision(String slug, long number) {
        Response response = send("GET", documentPath(slug) + "/revisions/" + number, null);
        return read(REVISION, response.json(), "the revision");
    }

    /** The changes between two revisions; a null bound is left to the server's default. */
    public RevisionDiff diff(String slug, Long from, Long to) {
        StringBuilder query = new StringBuilder();
        if (from != null) {
            query.append("from=").append(from);
        }
        if (to != null) {
            query.append(query.isEmpty() ? "" : "&").append("to=").append(to);
        }
        String path = documentPath(slug) + "/diff" + (query.isEmpty() ? "" : "?" + query);
        return read(DIFF, send("GET", path, null).json(), "the diff");
    }

    /**
     * The review of a revision (null: the current one). With {@code waitSeconds},
     * a long poll: the server answers as soon as a verdict exists, or after that
     * many seconds (1 to 300) with {@code pending} true.
     */
    public FeedbackAnswer feedback(String slug, Long revision, Long waitSeconds) {
        StringBuilder query = new StringBuilder();
        if (revision != null) {
            query.append("revision=").append(revision);
        }
        if (waitSeconds != null) {
            query.append(query.isEmpty() ? "" : "&").append("wait=").append(waitSeconds);
        }
        String path = documentPath(slug) + "/feedback" + (query.isEmpty() ? "" : "?" + query);
        // A long poll may take its whole wait; the read timeout allows that plus some slack.
        Duration timeout = waitSeconds == null ? REQUEST_TIMEOUT
                : REQUEST_TIMEOUT.plusSeconds(waitSeconds);
        JsonNode answer = send("GET", path, null, timeout).json();
        if (!answer.isObject() || !answer.path("markdown").isTextual()) {
            throw unexpected("the feedback has no \"markdown\"");
        }
        return FeedbackAnswer.of(answer);
    }

    /**
     * {@link #feedback} as a long poll that holds no thread while the server
     * waits (the HTTP client's asynchronous send), for callers that serve
     * many waits at once.
     */
    public java.util.concurrent.CompletableFuture<FeedbackAnswer> feedbackAsync(String slug, Long revision,
                                                                                  long waitSeconds) {
        String path = documentPath(slug) + "/feedback?" + (revision == null ? "" : "revision=" + revision + "&")
                + "wait=" + waitSeconds;
        return http.sendAsync(request("GET", path, null, null, REQUEST_TIMEOUT.plusSeconds(waitSeconds)).build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                        throw cause instanceof IOException io
                                ? ServiceException.unavailable("cannot reach MCQ at " + server + ": " + describe(io), io)
                                : new java.util.concurrent.CompletionException(cause);
                    }
                    Response result = new Response(response.statusCode(), response.body());
                    if (result.status() >= 300) {
                        throw failure(result);
                    }
                    return FeedbackAnswer.of(result.json());
                });
    }

    /** Adds a reply to a comment's thread; the reply as the server returns it. */
    public JsonNode reply(String slug, long commentId, String text) {
        ObjectNode request = ClientJson.MAPPER.createObjectNode();
        request.put("text", text);
        return send("POST", documentPath(slug) + "/comments/" + commentId + "/replies", encode(request)).json();
    }

    /** Resolves a comment; the comment as the server returns it. */
    public JsonNode resolve(String slug, long commentId) {
        return send("POST", documentPath(slug) + "/comments/" + commentId + "/resolve", new byte[0]).json();
    }

    /** Gives a verdict ({@code approve} or {@code request_changes}); the verdict as the server returns it. */
    public JsonNode review(String slug, Long revision, String verdict, String summary) {
        ObjectNode request = ClientJson.MAPPER.createObjectNode();
        request.put("verdict", verdict);
        if (summary != null) {
            request.put("summary", summary);
        }
        if (revision != null) {
            request.put("revision", revision);
        }
        return send("POST", documentPath(slug) + "/review", encode(request)).json();
    }

    private static byte[] encode(ObjectNode request) {
        try {
            return ClientJson.MAPPER.writeValueAsBytes(request);
        } catch (IOException e) {
            throw ServiceException.invalid("the request could not be encoded as JSON: " + e.getMessage());
        }
    }

    private <T> T read(ObjectReader reader, JsonNode json, String what) {
        try {
            return reader.readValue(json);
        } catch (IOException e) {
            throw unexpected(what + " could not be read: " + e.getMessage());
        }
    }

    /**
     * The slug is checked with the server's own rule before it becomes part
     * of a URL: a slug such as {@code a/b} would otherwise reach a different
     * route and come back as a confusing "no such endpoint".
     */
    private static String documentPath(String slug) {
        DocumentRules.checkSlug(slug);
        return "/v1/documents/" + slug;
    }

    private Document document(Response response) {
        try {
            return DOCUMENT.readValue(response.json());
        } catch (IOException e) {
            throw unexpected("the document could not be read: " + e.getMessage());
        }
    }

    private Response send(String method, String path, byte[] json) {
        return send(method, path, json, REQUEST_TIMEOUT);
    }

    private Response send(String method, String path, byte[] json, Duration timeout) {
        return send(method, path, json, json == null ? null : "application/json", timeout);
    }

    private Response send(String method, String path, byte[] body, String contentType, Duration timeout) {
        HttpRequest.Builder request = request(method, path, body, contentType, timeout);
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw ServiceException.unavailable("cannot reach MCQ at " + server + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ServiceException.unavailable("interrupted while waiting for MCQ at " + server, e);
        }
        Response result = new Response(response.statusCode(), response.body());
        if (result.status() >= 300) {
            throw failure(result);
        }
        return result;
    }

    private HttpRequest.Builder request(String method, String path, byte[] json, String contentType,
                                        Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server + path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return request;
    }

    /** The server's own {@code error} message, under the kind its status stands for. */
    private ServiceException failure(Response response) {
        String message = null;
        try {
            JsonNode error = ClientJson.MAPPER.readTree(response.body()).path("error");
            if (error.isTextual()) {
                message = error.textValue();
            }
        } catch (IOException | RuntimeException e) {
            // Not JSON (e.g. a proxy's error page): described by status below.
        }
        if (message == null) {
            message = "MCQ at " + server + " answered HTTP " + response.status();
        }
        return new ServiceException(kindOf(response.status()), message);
    }

    /** The inverse of {@link HttpStatuses#of}, so the status mapping stays in one place. */
    static ServiceException.Kind kindOf(int status) {
        for (ServiceException.Kind kind : ServiceException.Kind.values()) {
            if (HttpStatuses.of(kind) == status) {
                return kind;
            }
        }
        return status >= 500 ? ServiceException.Kind.UNAVAILABLE : ServiceException.Kind.INVALID_INPUT;
    }

    private ServiceException unexpected(String what) {
        return new ServiceException(ServiceException.Kind.UNAVAILABLE,
                "unexpected answer from MCQ at " + server + ": " + what);
    }

    private static String describe(IOException e) {
        if (e instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        if (e instanceof ConnectException) {
            return "connection refused (is MCQ running at that address?)";
        }
        if (e instanceof SSLHandshakeException) {
            return "TLS handshake failed (" + e.getMessage() + "); for a server behind a private CA pass"
                    + " --ca-cert or set " + ClientSettings.CA_CERT_ENV;
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    private record Response(int status, byte[] body) {
        JsonNode json() {
            try {
                return ClientJson.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new ServiceException(ServiceException.Kind.UNAVAILABLE,
                        "unexpected answer from MCQ: the response is not JSON");
            }
        }
    }
}
