package net.metacircular.mcq.documents;

import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.auth.Caller;
import net.metacircular.mcq.diff.UnifiedDiff;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The application service for documents and their revisions: the one place
 * where document rules live. REST, gRPC, the web UI and MCP all call it, so
 * a rule is never written twice and every surface answers the same input
 * the same way.
 */
public final class DocumentService {

    private final DocumentStore store;
    private final DocumentRules rules;
    private final Clock clock;
    private final WebLinks links;
    private final CallerViews views = new CallerViews();
    /** Told the slug of each deleted document (reviews end their waits on it). */
    private final List<Consumer<String>> deletionListeners = new CopyOnWriteArrayList<>();
    /**
     * Told each push that stored a revision, with what was stored: attachments
     * drop the files no revision shows, search re-indexes, open pages hear of
     * it, notifications go out.
     */
    private final List<Consumer<Document>> pushListeners = new CopyOnWriteArrayList<>();

    /** A service without absolute links ({@link WebLinks#NONE}). */
    public DocumentService(DocumentStore store, DocumentRules rules, Clock clock) {
        this(store, rules, clock, WebLinks.NONE);
    }

    public DocumentService(DocumentStore store, DocumentRules rules, Clock clock, WebLinks links) {
        this.store = store;
        this.rules = rules;
        this.clock = clock;
        this.links = links;
    }

    /** The absolute links to the web UI (none without {@code [server] public_url}). */
    public WebLinks links() {
        return links;
    }

    public DocumentRules rules() {
        return rules;
    }

    /** The queue as the caller sees it: unread (for them) first, then newest. Any authenticated caller may read. */
    public List<DocumentSummary> list(Caller caller) {
        return views.queue(withStore(store::list), caller);
    }

    /**
     * The caller's queue entries of {@code slugs}, in that order; a slug no
     * longer in the queue is left out. Search uses it to show a page of
     * results without looking through the whole queue.
     */
    public List<DocumentSummary> summaries(Caller caller, List<String> slugs) {
        Map<String, DocumentSummary> bySlug = views.queueBySlug(withStore(store::list), caller);
        return slugs.stream().map(bySlug::get).filter(Objects::nonNull).toList();
    }

    public Document get(Caller caller, String slug) {
        return views.of(find(slug), caller);
    }

    /**
     * Pushes a document. Any authenticated account may push, system accounts
     * included. A push that changes title or body stores a new revision, which
     * is unread for everyone; an identical push stores nothing and leaves read
     * state alone ({@code changed} false).
     */
    public PutResult put(Caller caller, String slug, String title, String body) {
        DocumentRules.checkSlug(slug);
        String storedTitle = DocumentRules.checkTitle(title);
        PushedBody pushed = PushedBody.of(body, rules.checkBody(body));
        StoredPush push = withStore(() -> store.push(slug, storedTitle, pushed, caller.username(),
                clock.instant(), rules.maxRevisions()));
        Document document = new ReadState(caller).of(push.document());
        if (push.changed()) {
            pushListeners.forEach(listener -> listener.accept(document));
        }
        return new PutResult(document, push.created(), push.changed(), links.documentUrl(slug));
    }

    /** Marks the current revision read for the caller alone. */
    public Document markRead(Caller caller, String slug) {
        DocumentRules.checkSlug(slug);
        StoredDocument stored = withStore(() -> store.markRead(slug, caller.username(), !caller.isSystemAccount(),
                clock.instant())).orElseThrow(() -> noSuchDocument(slug));
        return new ReadState(caller).of(stored);
    }

    /** Forgets the caller's read mark, so the document is unread for them again. */
    public Document markUnread(Caller caller, String slug) {
        DocumentRules.checkSlug(slug);
        StoredDocument stored = withStore(() -> store.markUnread(slug, caller.username()))
                .orElseThrow(() -> noSuchDocument(slug));
        return new ReadState(caller).of(stored);
    }

    /** Unqueues a document with its whole history. */
    public void delete(Caller caller, String slug) {
        DocumentRules.checkSlug(slug);
        if (!withStore(() -> store.delete(slug))) {
            throw noSuchDocument(slug);
        }
        deletionListeners.forEach(listener -> listener.accept(slug));
    }

    /** Calls {@code listener} with the slug of every document deleted from now on. */
    public void onDelete(Consumer<String> listener) {
        deletionListeners.add(listener);
    }

    /**
     * Calls {@code listener} with the document as stored by every push that
     * stores a revision from now on (not an identical push), after the
     * revision is committed. The listener runs on the pushing thread, so it
     * must return at once.
     */
    public void onRevisionPushed(Consumer<Document> listener) {
        pushListeners.add(listener);
    }

    /** The kept revisions, newest first. */
    public List<RevisionInfo> revisions(Caller caller, String slug) {
        DocumentRules.checkSlug(slug);
        return withStore(() -> store.revisions(slug)).orElseThrow(() -> noSuchDocument(slug));
    }

    /** One kept revision with its body. */
    public Revision revision(Caller caller, String slug, long number) {
        DocumentRules.checkSlug(slug);
        DocumentRules.checkRevision(number);
        return withStore(() -> store.revision(slug, number)).orElseThrow(() -> noSuchRevision(slug, number));
    }

    /**
     * The changes between two revisions. Without {@code from}: since the
     * revision the caller last read, or else the one before the current.
     * Without {@code to}: the current revision.
     */
    public RevisionDiff diff(Caller caller, String slug, Long from, Long to) {
        Comparison pair = compare(caller, slug, from, to);
        UnifiedDiff diff = UnifiedDiff.between(pair.from().body(), pair.to().body(),
                slug + "@" + pair.from().number(), slug + "@" + pair.to().number());
        return new RevisionDiff(slug, pair.from().number(), pair.to().number(), diff.text(), diff.linesAdded(),
                diff.linesRemoved());
    }

    /**
     * The two revisions a diff compares, chosen as {@link #diff} chooses
     * them; the web's changes view renders them block by block.
     */
    public Comparison compare(Caller caller, String slug, Long from, Long to) {
        Document current = get(caller, slug);
        long newer = to == null ? current.revision() : to;
        long older = from != null ? from
                : current.readRevision() != null && current.readRevision() < newer ? current.readRevision()
                : Math.max(1, newer - 1);
        return new Comparison(revision(caller, slug, older), revision(caller, slug, newer));
    }

    /** Two revisions of one document, older first (as asked: {@code from} may be the newer). */
    public record Comparison(Revision from, Revision to) {
    }

    /** Whether the store can serve requests: the health check of every surface. */
    public boolean isHealthy() {
        try {
            return store.isUsable();
        } catch (StorageException e) {
            return false;
        }
    }

    private StoredDocument find(String slug) {
        DocumentRules.checkSlug(slug);
        return withStore(() -> store.find(slug)).orElseThrow(() -> noSuchDocument(slug));
    }

    private static ServiceException noSuchDocument(String slug) {
        return ServiceException.notFound("no document with slug \"" + slug + "\"");
    }

    private ServiceException noSuchRevision(String slug, long number) {
        List<RevisionInfo> kept = revisions(null, slug);
        return ServiceException.notFound("document \"" + slug + "\" has no revision " + number + " (kept: "
                + kept.get(kept.size() - 1).number() + "-" + kept.get(0).number()
                + (kept.size() < kept.get(0).number() - kept.get(kept.size() - 1).number() + 1 ? ", some pruned" : "")
                + ")");
    }

    private static <T> T withStore(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (StorageException e) {
            throw ServiceException.unavailable("the database is unavailable; try again shortly", e);
        }
    }
}
