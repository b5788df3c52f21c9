package net.metacircular.mcq.documents;

import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.auth.Caller;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * The application service for documents: the one place where document rules
 * live. REST, gRPC, the web UI and MCP all call it, so a rule is never written
 * twice and every surface answers the same input the same way.
 */
public final class DocumentService {

    private final DocumentStore store;
    private final DocumentRules rules;
    private final Clock clock;

    public DocumentService(DocumentStore store, DocumentRules rules, Clock clock) {
        this.store = store;
        this.rules = rules;
        this.clock = clock;
    }

    public DocumentRules rules() {
        return rules;
    }

    /** The queue, unread first, then newest. Any authenticated caller may read. */
    public List<DocumentSummary> list(Caller caller) {
        return withStore(store::list);
    }

    public Document get(Caller caller, String slug) {
        DocumentRules.checkSlug(slug);
        return withStore(() -> store.find(slug)).orElseThrow(() -> noSuchDocument(slug));
    }

    /**
     * Pushes a document. Any authenticated account may push, system accounts
     * included. A re-push replaces title and body and marks it unread.
     */
    public PutResult put(Caller caller, String slug, String title, String body) {
        DocumentRules.checkSlug(slug);
        String storedTitle = DocumentRules.checkTitle(title);
        rules.checkBody(body);
        return withStore(() -> store.upsert(slug, storedTitle, body, caller.username(), clock.instant()));
    }

    public Document markRead(Caller caller, String slug) {
        return setRead(slug, true);
    }

    public Document markUnread(Caller caller, String slug) {
        return setRead(slug, false);
    }

    /** Unqueues a document. */
    public void delete(Caller caller, String slug) {
        DocumentRules.checkSlug(slug);
        if (!withStore(() -> store.delete(slug))) {
            throw noSuchDocument(slug);
        }
    }

    /** Whether the store can serve requests: the health check of every surface. */
    public boolean isHealthy() {
        try {
            return store.isUsable();
        } catch (StorageException e) {
            return false;
        }
    }

    private Document setRead(String slug, boolean read) {
        DocumentRules.checkSlug(slug);
        return withStore(() -> store.setRead(slug, read, clock.instant())).orElseThrow(() -> noSuchDocument(slug));
    }

    private static ServiceException noSuchDocument(String slug) {
        return ServiceException.notFound("no document with slug \"" + slug + "\"");
    }

    private static <T> T withStore(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (StorageException e) {
            throw ServiceException.unavailable("the database is unavailable; try again shortly", e);
        }
    }
}
