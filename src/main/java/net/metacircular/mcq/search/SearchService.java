package net.metacircular.mcq.search;

import net.metacircular.mcq.DaemonThreads;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
    /** Most results a search counts and pages through; beyond, only the best this many. */
    static final int MAX_MATCHES = 10_000;
    /** Words in a snippet. */
    static final int SNIPPET_WORDS = 16;
    /** How long a change waits for more changes before the background re-index. */
    static final long INDEX_DELAY_MILLIS = 200;
    /** Threads that count matches beside the ranking ({@link #counter}). */
    static final int COUNT_THREADS = 2;

    private static final Logger log = LoggerFactory.getLogger(SearchService.class);

    private final SearchIndex index;
    private final DocumentService documents;
    private final ScheduledExecutorService indexer;
    /**
     * Counts a search's matches while the request's own thread ranks them:
     * each reads every match, and side by side on two connections a search
     * answers in the time of the slower. When both threads are busy the
     * request counts itself, so nothing queues here.
     */
    private final ThreadPoolExecutor counter = new ThreadPoolExecutor(COUNT_THREADS, COUNT_THREADS, 0,
            TimeUnit.MILLISECONDS, new SynchronousQueue<>(), DaemonThreads.numbered("mcq-search-count"),
            new ThreadPoolExecutor.CallerRunsPolicy());
    /** Slugs whose entry is out of date; guarded by itself. */
    private final Set<String> marked = new LinkedHashSet<>();
    /** Held while entries are written, so a search waits for a re-index under way. */
    private final Object indexing = new Object();
    private boolean scheduled;

    public SearchService(SearchIndex index, DocumentService documents) {
        this.index = index;
        this.documents = documents;
        this.indexer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("mcq-search-index"));
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
        int offset = (int) Math.min((page - 1L) * PAGE_SIZE, MAX_MATCHES);
        try {
            if (!parsed.hasText()) {
                List<DocumentSummary> found = documents.list(caller).stream()
                        .filter(summary -> passes(summary, parsed)).toList();
                int start = Math.min(offset, found.size());
                return page(parsed, found.subList(start, Math.min(start + PAGE_SIZE, found.size())), found.size(),
                        start);
            }
            catchUp();
            return parsed.hasFilters() ? rankedAndFiltered(caller, parsed, offset) : ranked(caller, parsed, offset);
        } catch (SearchIndex.BadExpression e) {
            throw ServiceException.invalid("the search cannot be run: " + e.getMessage());
        } catch (StorageException e) {
            throw ServiceException.unavailable("search is unavailable; try again shortly", e);
        }
    }

    /**
     * Words without filters: every indexed document is in everyone's queue,
     * so FTS5 counts the matches and ranks only as deep as the page asked
     * for; only that page's entries are looked up in the caller's queue.
     */
    private SearchResults ranked(Caller caller, SearchQuery query, int offset) {
        String expression = query.expression();
        CompletableFuture<Integer> counted = CompletableFuture.supplyAsync(() -> index.count(expression), counter);
        List<String> ranked = index.match(expression, PAGE_SIZE, offset);
        int total = Math.min(resultOf(counted), MAX_MATCHES);
        int start = Math.min(offset, total);
        List<String> slugs = ranked.subList(0, Math.max(0, Math.min(ranked.size(), total - start)));
        return page(query, documents.summaries(caller, slugs), total, start);
    }

    /** What the count found, or the exception it threw, as if it had run on this thread. */
    private static int resultOf(CompletableFuture<Integer> counted) {
        try {
            return counted.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Words and filters. The filters ask about the caller's queue (read
     * state, review status, who pushed), which the index does not hold, so
     * the matches are first found unranked, which is cheap, to count those
     * that pass. The share that passes then says how deep the ranking must
     * go to fill the page; only if the passing ones are bunched further down
     * than that does a second ranking go all the way.
     */
    private SearchResults rankedAndFiltered(Caller caller, SearchQuery query, int offset) {
        String expression = query.expression();
        Set<String> passing = documents.list(caller).stream().filter(summary -> passes(summary, query))
                .map(DocumentSummary::slug).collect(Collectors.toSet());
        Set<String> matching = index.matching(expression);
        long passingMatches = matching.stream().filter(passing::contains).count();
        int total = (int) Math.min(passingMatches, MAX_MATCHES);
        int start = Math.min(offset, total);
        int wanted = Math.min(start + PAGE_SIZE, total);
        if (wanted == start) {
            return page(query, List.of(), total, start);
        }
        // A quarter more than the share predicts, and a page more, for an uneven spread.
        int depth = (int) Math.min(matching.size(),
                (long) Math.ceil(wanted * 1.25 * matching.size() / passingMatches) + PAGE_SIZE);
        List<String> found = firstPassing(index.match(expression, depth, 0), passing, wanted);
        if (found.size() < wanted && depth < matching.size()) {
            found = firstPassing(index.match(expression, matching.size(), 0), passing, wanted);
        }
        return page(query, documents.summaries(caller, found.subList(Math.min(start, found.size()), found.size())),
                total, start);
    }

    /** The first {@code count} of {@code ranked} that are in {@code passing}, in rank order. */
    private static List<String> firstPassing(List<String> ranked, Set<String> passing, int count) {
        List<String> found = new ArrayList<>(count);
        for (String slug : ranked) {
            if (found.size() == count) {
                break;
            }
            if (passing.contains(slug)) {
                found.add(slug);
            }
        }
        return found;
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
        counter.shutdownNow();
        synchronized (indexing) {
            index.close();
        }
    }
}
