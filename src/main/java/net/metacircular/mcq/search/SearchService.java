package net.metacircular.mcq.search;

import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.auth.Caller;
import net.metacircular.mcq.documents.DocumentService;
import net.metacircular.mcq.documents.DocumentSummary;
import net.metacircular.mcq.documents.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Full-text search over documents' titles, current bodies and comments, with
 * the queue's filters, for every surface.
 *
 * <p>The index follows the database a moment behind: a change (a push, a
 * deletion, a comment) marks its document, and one background thread
 * re-indexes marked documents shortly after, several changes to one document
 * at a time costing one re-index. A search first indexes whatever is still
 * marked, so it always sees every change acknowledged before it. At start
 * every document whose entry differs from the database is marked, which also
 * rebuilds the index after a restore.
 *
 * <p>Any authenticated caller may search, as any may read the queue; what a
 * caller finds is what their queue holds, with their own read state.
 */
public final class SearchService implements AutoCloseable {

    /** Results per page. */
    public static final int PAGE_SIZE = 20;
    /** Most documents a search ranks; beyond, the best this many are kept. */
    static final int MAX_MATCHES = 10_000;
    /** Words in a snippet. */
    static final int SNIPPET_WORDS = 16;
    /** How long a change waits for more changes before the background re-index. */
    static final long INDEX_DELAY_MILLIS = 200;

    private static final Logger log = LoggerFactory.getLogger(SearchService.class);

    private final SearchIndex index;
    private final DocumentService documents;
    private final ScheduledExecutorService indexer;
    /** Slugs whose entry is out of date; guarded by itself. */
    private final Set<String> marked = new LinkedHashSet<>();
    /** Held while entries are written, so a search waits for a re-index under way. */
    private final Object indexing = new Object();
    private boolean scheduled;

    public SearchService(SearchIndex index, DocumentService documents) {
        this.index = index;
        this.documents = documents;
        this.indexer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "mcq-search-index");
            thread.setDaemon(true);
            return thread;
        });
        documents.onRevisionPushed(document -> changed(document.slug()));
        documents.onDelete(this::changed);
        indexer.execute(this::markStale);
    }

    /** Marks a document whose text, comments or existence changed. */
    public void changed(String slug) {
        synchronized (marked) {
            marked.add(slug);
            if (!scheduled && !indexer.isShutdown()) {
                scheduled = true;
                // Stopping: the document stays marked, and the next start finds its entry stale anyway.
                try {
                    indexer.schedule(this::indexMarked, INDEX_DELAY_MILLIS, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    scheduled = false;
                }
            }
        }
    }

    private void markStale() {
        try {
            Set<String> stale = index.stale();
            if (!stale.isEmpty()) {
                log.atInfo().setMessage("search index catching up").addKeyValue("documents", stale.size()).log();
                stale.forEach(this::changed);
            }
        } catch (RuntimeException e) {
            log.warn("cannot compare the search index with the database; searches will index what they need", e);
        }
    }

    private void indexMarked() {
        synchronized (marked) {
            scheduled = false;
        }
        try {
            catchUp();
        } catch (RuntimeException e) {
            // The documents stay marked; the next change or search tries again.
            log.warn("search index update failed", e);
        }
    }

    /** Re-indexes every marked document; a document marked again meanwhile stays marked. */
    private void catchUp() {
        synchronized (indexing) {
            while (true) {
                String slug;
                synchronized (marked) {
                    if (marked.isEmpty()) {
                        return;
                    }
                    slug = marked.iterator().next();
                    marked.remove(slug);
                }
                try {
                    index.refresh(slug);
                } catch (RuntimeException e) {
                    synchronized (marked) {
                        marked.add(slug);
                    }
                    throw e;
                }
            }
        }
    }

    /**
     * One page (1-based) of what {@code query} finds for {@code caller}: by
     * relevance when it has words, else in queue order.
     *
     * @throws ServiceException INVALID_INPUT for a query that cannot be read
     */
    public SearchResults search(Caller caller, String query, int page) {
        SearchQuery parsed = SearchQuery.parse(query);
        if (page < 1) {
            throw ServiceException.invalid("page counts from 1");
        }
        List<DocumentSummary> queue = documents.list(caller);
        List<DocumentSummary> found;
        try {
            if (parsed.hasText() && !parsed.hasFilters()) {
                return wordsOnly(parsed, queue, page);
            }
            if (parsed.hasText()) {
                catchUp();
                Map<String, DocumentSummary> bySlug = queue.stream()
                        .collect(Collectors.toMap(DocumentSummary::slug, Function.identity()));
                found = new ArrayList<>();
                for (String slug : index.match(parsed.expression(), MAX_MATCHES, 0)) {
                    DocumentSummary summary = bySlug.get(slug);
                    if (summary != null && passes(summary, parsed)) {
                        found.add(summary);
                    }
                }
            } else {
                found = queue.stream().filter(summary -> passes(summary, parsed)).toList();
            }
            int offset = Math.min((page - 1) * PAGE_SIZE, found.size());
            return page(parsed, found.subList(offset, Math.min(offset + PAGE_SIZE, found.size())), found.size(),
                    offset);
        } catch (SearchIndex.BadExpression e) {
            throw ServiceException.invalid("the search cannot be run: " + e.getMessage());
        } catch (StorageException e) {
            throw ServiceException.unavailable("search is unavailable; try again shortly", e);
        }
    }

    /**
     * Words without filters: every indexed document is in everyone's queue,
     * so FTS5 counts the matches and ranks only the page asked for, instead
     * of handing every match to be filtered.
     */
    private SearchResults wordsOnly(SearchQuery query, List<DocumentSummary> queue, int page) {
        catchUp();
        String expression = query.expression();
        int total = Math.min(index.count(expression), MAX_MATCHES);
        int offset = Math.min((page - 1) * PAGE_SIZE, total);
        Map<String, DocumentSummary> bySlug = queue.stream()
                .collect(Collectors.toMap(DocumentSummary::slug, Function.identity()));
        List<DocumentSummary> onPage = new ArrayList<>();
        for (String slug : index.match(expression, Math.min(PAGE_SIZE, total - offset), offset)) {
            DocumentSummary summary = bySlug.get(slug);
            if (summary != null) {
                onPage.add(summary);
            }
        }
        return page(query, onPage, total, offset);
    }

    private SearchResults page(SearchQuery query, List<DocumentSummary> onPage, int total, int offset) {
        Map<String, String> snippets = query.hasText()
                ? index.snippets(query.expression(), onPage.stream().map(DocumentSummary::slug).toList(),
                SNIPPET_WORDS)
                : Map.of();
        List<SearchHit> hits = onPage.stream().map(summary -> new SearchHit(summary,
                Snippet.fromMarked(snippets.getOrDefault(summary.slug(), "")))).toList();
        return new SearchResults(total, offset, hits);
    }

    private static boolean passes(DocumentSummary summary, SearchQuery query) {
        return (query.read() == null || summary.read() == query.read())
                && (query.status() == null || summary.reviewStatus() == query.status())
                && (query.pushedBy() == null || summary.pushedBy().equalsIgnoreCase(query.pushedBy()));
    }

    @Override
    public void close() {
        indexer.shutdownNow();
        synchronized (indexing) {
            index.close();
        }
    }
}
