package net.metacircular.mcq.mcp;

import net.metacircular.mcq.search.SearchResultsView;
import net.metacircular.mcq.http.Access;
import net.metacircular.mcq.client.RestClient;
import net.metacircular.mcq.documents.Document;
import net.metacircular.mcq.documents.DocumentSummary;
import net.metacircular.mcq.documents.PutResult;
import net.metacircular.mcq.documents.Revision;
import net.metacircular.mcq.documents.RevisionDiff;
import net.metacircular.mcq.documents.RevisionInfo;

import com.fasterxml.jackson.core.type.TypeReference;
import net.metacircular.mcq.client.FeedbackAnswer;
import net.metacircular.mcq.http.Json;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The queue of a running MCQ, over its REST API with the client's token. */
public final class RestDocumentOperations implements DocumentOperations {

    private static final TypeReference<LinkedHashMap<String, Object>> FIELD_MAP = new TypeReference<>() {
    };

    private final RestClient client;

    public RestDocumentOperations(RestClient client) {
        this.client = client;
    }

    @Override
    public void admit(Access access) {
        // The MCQ server behind the REST client checks its own access table.
    }

    @Override
    public List<DocumentSummary> list() {
        return client.list();
    }

    @Override
    public SearchResultsView search(String query, int page) {
        return client.search(query, page);
    }

    @Override
    public Document get(String slug) {
        return client.get(slug);
    }

    @Override
    public PutResult push(String slug, String title, String body) {
        return client.put(slug, title, body);
    }

    @Override
    public void delete(String slug) {
        client.delete(slug);
    }

    @Override
    public boolean putFile(String slug, String name, String mediaType, byte[] content) {
        return client.putFile(slug, name, mediaType, content);
    }

    @Override
    public Document markRead(String slug) {
        return client.markRead(slug);
    }

    @Override
    public Document markUnread(String slug) {
        return client.markUnread(slug);
    }

    @Override
    public List<RevisionInfo> revisions(String slug) {
        return client.revisions(slug);
    }

    @Override
    public Revision revision(String slug, long number) {
        return client.revision(slug, number);
    }

    @Override
    public RevisionDiff diff(String slug, Long from, Long to) {
        return client.diff(slug, from, to);
    }

    @Override
    public FeedbackResult feedback(String slug, Long revision) {
        return result(client.feedback(slug, revision, null));
    }

    @Override
    public CompletableFuture<FeedbackResult> waitForFeedback(String slug, Long revision, Duration timeout) {
        long seconds = (timeout == null ? net.metacircular.mcq.reviews.ReviewService.DEFAULT_WAIT : timeout).toSeconds();
        return client.feedbackAsync(slug, revision, seconds).thenApply(RestDocumentOperations::result);
    }

    @Override
    public Map<String, Object> reply(String slug, long commentId, String text) {
        return Json.MAPPER.convertValue(client.reply(slug, commentId, text), FIELD_MAP);
    }

    @Override
    public Map<String, Object> resolve(String slug, long commentId) {
        return Json.MAPPER.convertValue(client.resolve(slug, commentId), FIELD_MAP);
    }

    @Override
    public Map<String, Object> review(String slug, Long revision, String verdict, String summary) {
        return Json.MAPPER.convertValue(client.review(slug, revision, verdict, summary), FIELD_MAP);
    }

    private static FeedbackResult result(FeedbackAnswer answer) {
        return new FeedbackResult(Json.MAPPER.convertValue(answer.json(), FIELD_MAP), answer.markdown());
    }
}
