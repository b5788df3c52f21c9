package net.metacircular.mcq.mcp;

import net.metacircular.mcq.search.SearchResultsView;
import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.http.Access;
import net.metacircular.mcq.documents.Document;
import net.metacircular.mcq.documents.DocumentSummary;
import net.metacircular.mcq.documents.PutResult;
import net.metacircular.mcq.documents.Revision;
import net.metacircular.mcq.documents.RevisionDiff;
import net.metacircular.mcq.documents.RevisionInfo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the MCP tools can do with the queue, on behalf of one caller. Two
 * implementations: {@link ServiceDocumentOperations} calls the application
 * services inside the server (the {@code /mcp} endpoint), and
 * {@link RestDocumentOperations} calls a running MCQ over its REST API
 * ({@code mcq mcp} on stdio). Both fail with {@link ServiceException}, whose
 * message {@link McqTools} hands to the model.
 */
public interface DocumentOperations {

    /**
     * Refuses a tool whose access rule the caller behind these operations
     * does not meet. Over stdio the MCQ server being called enforces its own
     * rules, so there this admits everything.
     */
    void admit(Access access);

    List<DocumentSummary> list();

    /** One page (from 1) of a full-text search, as {@code GET /v1/search} gives it. */
    SearchResultsView search(String query, int page);

    Document get(String slug);

    PutResult push(String slug, String title, String body);

    void delete(String slug);

    /** Stores a file of the document; true when its name was new. */
    boolean putFile(String slug, String name, String mediaType, byte[] content);

    Document markRead(String slug);

    Document markUnread(String slug);

    /** The kept revisions, newest first. */
    List<RevisionInfo> revisions(String slug);

    /** One kept revision with its body. */
    Revision revision(String slug, long number);

    /** The changes between two revisions; a null bound takes the service's default. */
    RevisionDiff diff(String slug, Long from, Long to);

    /** The review of a revision (null: the current one). */
    FeedbackResult feedback(String slug, Long revision);

    /**
     * Completes with the feedback once a verdict exists on the revision, or
     * after {@code timeout} with {@code pending} true; holds no thread while
     * it waits. Checks that fail at once throw rather than complete exceptionally.
     */
    CompletableFuture<FeedbackResult> waitForFeedback(String slug, Long revision, Duration timeout);

    /** Adds a reply to a comment's thread; the reply's fields under their wire names. */
    Map<String, Object> reply(String slug, long commentId, String text);

    /** Resolves a comment (people only); the comment's fields under their wire names. */
    Map<String, Object> resolve(String slug, long commentId);

    /** Gives a verdict on the current revision (people only); the verdict's fields under their wire names. */
    Map<String, Object> review(String slug, Long revision, String verdict, String summary);
}
