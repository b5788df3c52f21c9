package net.metacircular.mcq.documents;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import net.metacircular.mcq.auth.Caller;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What each caller sees of a stored document or queue, computed once per
 * stored version. The store hands out the same {@link StoredDocument} and
 * queue objects until a write replaces them, so keying on those objects'
 * identity (Caffeine's weak keys) keeps every view correct: a new revision
 * or read mark is a new object, and views of the old one are dropped with
 * it. Returning the same view object again also lets the REST response
 * cache, which is keyed by identity, skip encoding it again.
 */
final class CallerViews {

    /** Stored versions whose views are kept; each holds one view per caller who asked. */
    private static final int MAX_VERSIONS = 4_096;

    private final Cache<Object, Map<String, Object>> views = Caffeine.newBuilder()
            .weakKeys()
            .maximumSize(MAX_VERSIONS)
            .build();

    Document of(StoredDocument stored, Caller caller) {
        return (Document) viewsOf(stored).computeIfAbsent(key(caller), k -> new ReadState(caller).of(stored));
    }

    @SuppressWarnings("unchecked")
    List<DocumentSummary> queue(List<StoredSummary> stored, Caller caller) {
        return (List<DocumentSummary>) viewsOf(stored).computeIfAbsent(key(caller), k -> {
            ReadState view = new ReadState(caller);
            return stored.stream().map(view::of).sorted(ReadState.QUEUE_ORDER).toList();
        });
    }

    /** The caller's queue by slug, for looking up a few entries without walking the queue. */
    @SuppressWarnings("unchecked")
    Map<String, DocumentSummary> queueBySlug(List<StoredSummary> stored, Caller caller) {
        // The queue first: computing it inside the map's own update would be a recursive update.
        List<DocumentSummary> queue = queue(stored, caller);
        return (Map<String, DocumentSummary>) viewsOf(stored).computeIfAbsent(key(caller) + " by slug",
                k -> queue.stream().collect(Collectors.toUnmodifiableMap(DocumentSummary::slug, Function.identity())));
    }

    private Map<String, Object> viewsOf(Object stored) {
        return views.get(stored, k -> new ConcurrentHashMap<>());
    }

    /** Accounts of the same name and kind see the same thing. */
    private static String key(Caller caller) {
        return (caller.isSystemAccount() ? "system:" : "human:") + caller.username();
    }
}
