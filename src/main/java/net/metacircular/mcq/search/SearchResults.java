package net.metacircular.mcq.search;

import java.util.List;

/** One page of a search: {@code total} documents matched, of which {@code hits} from {@code offset}. */
public record SearchResults(int total, int offset, List<SearchHit> hits) {

    public SearchResults {
        hits = List.copyOf(hits);
    }
}
