package net.metacircular.mcq.mcp;

import net.metacircular.mcq.search.SearchResultsView;
import net.metacircular.mcq.search.SearchService;
import net.metacircular.mcq.attachments.AttachmentService;
import net.metacircular.mcq.auth.Caller;
import net.metacircular.mcq.http.Access;
import net.metacircular.mcq.documents.Document;
import net.metacircular.mcq.documents.DocumentService;
import net.metacircular.mcq.documents.DocumentSummary;
import net.metacircular.mcq.documents.PutResult;
import net.metacircular.mcq.documents.Revision;
import net.metacircular.mcq.documents.RevisionDiff;
import net.metacircular.mcq.documents.RevisionInfo;

import com.fasterxml.jackson.core.type.TypeReference;
import net.metacircular.mcq.http.Json;
import net.metacircular.mcq.reviews.CommentView;
import net.metacircular.mcq.reviews.Feedback;
import net.metacircular.mcq.reviews.FeedbackView;
import net.metacircular.mcq.reviews.ReviewService;
import net.metacircular.mcq.reviews.VerdictKind;
import net.metacircular.mcq.reviews.VerdictView;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The queue through the application service layer, as the authenticated caller of one request. */
final class ServiceDocumentOperations implements DocumentOperations {

    private static final TypeReference<LinkedHashMap<String, Object>> FIELD_MAP = new TypeReference<>() {
    };

    private final DocumentService documents;
    private final ReviewService reviews;
    private final AttachmentService attachments;
    private final SearchService search;
    private final Caller caller;

    ServiceDocumentOperations(DocumentService documents, ReviewService reviews, AttachmentService attachments,
                              SearchService search, Caller caller) {
        this.documents = documents;
        this.reviews = reviews;
        this.attachments = attachments;
        this.search = search;
        this.caller = caller;
    }

    @Override
    public SearchResultsView search(String query, int page) {
        return SearchResultsView.of(query, page, search.search(caller, query, page));
    }

    @Override
    public void admit(Access access) {
        access.check(caller);
    }

    @Override
    public List<DocumentSummary> list() {
        return documents.list(caller);
    }

    @Override
    public Document get(String slug) {
        return documents.get(caller, slug);
    }

    @Override
    public PutResult push(String slug, String title, String body) {
        return documents.put(caller, slug, title, body);
    }

    @Override
    public boolean putFile(String slug, String name, String mediaType, byte[] content) {
        return attachments.put(caller, slug, name, mediaType, content).created();
    }

    @Override
    public void delete(String slug) {
        documents.delete(caller, slug);
    }

    @Override
    public Document markRead(String slug) {
        return documents.markRead(caller, slug);
    }

    @Override
    public Document markUnread(String slug) {
        return documents.markUnread(caller, slug);
    }

    @Override
    public List<RevisionInfo> revisions(String slug) {
        return documents.revisions(caller, slug);
    }

    @Override
    public Revision revision(String slug, long number) {
        return documents.revision(caller, slug, number);
    }

    @Override
    public RevisionDiff diff(String slug, Long from, Long to) {
        return documents.diff(caller, slug, from, to);
    }

    @Override
    public FeedbackResult feedback(String slug, Long revision) {
        return result(reviews.feedback(caller, slug, revision));
    }

    @Override
    public CompletableFuture<FeedbackResult> waitForFeedback(String slug, Long revision, Duration timeout) {
        return reviews.waitForFeedback(caller, slug, revision, timeout).thenApply(ServiceDocumentOperations::result);
    }

    @Override
    public Map<String, Object> reply(String slug, long commentId, String text) {
        return Json.MAPPER.convertValue(CommentView.ReplyView.of(reviews.reply(caller, slug, commentId, text)),
                FIELD_MAP);
    }

    @Override
    public Map<String, Object> resolve(String slug, long commentId) {
        return Json.MAPPER.convertValue(CommentView.of(reviews.resolve(caller, slug, commentId)), FIELD_MAP);
    }

    @Override
    public Map<String, Object> review(String slug, Long revision, String verdict, String summary) {
        VerdictKind kind = VerdictKind.fromWireName(verdict);
        return Json.MAPPER.convertValue(VerdictView.of(reviews.review(caller, slug, revision, kind, summary)),
                FIELD_MAP);
    }

    /** The shared view, encoded by the REST mapper, so MCP and REST carry the same names and values. */
    private static FeedbackResult result(Feedback feedback) {
        return new FeedbackResult(Json.MAPPER.convertValue(FeedbackView.of(feedback), FIELD_MAP),
                feedback.markdown());
    }
}
