package net.metacircular.mcq.search;

import net.metacircular.mcq.documents.DocumentSummaryView;

import java.util.List;

/**
 * One page of a search as every surface returns it: REST's
 * {@code GET /v1/search}, MCP's {@code search_documents} and gRPC's
 * {@code SearchDocuments} carry exactly {@link #FIELDS}, each hit
 * {@link Hit#FIELDS}. A snippet is plain text; each highlight is the
 * {@code [start, end)} character range of a matched word in it.
 */
public record SearchResultsView(String query, int page, int pageSize, int total, List<Hit> hits) {

    public static final List<String> FIELDS = List.of("query", "page", "page_size", "total", "hits");

    public record Hit(DocumentSummaryView document, String snippet, List<List<Integer>> highlights) {
        public static final List<String> FIELDS = List.of("document", "snippet", "highlights");
    }

    public static SearchResultsView of(String query, int page, SearchResults results) {
        return new SearchResultsView(query, page, SearchService.PAGE_SIZE, results.total(),
                results.hits().stream().map(hit -> new Hit(DocumentSummaryView.of(hit.document()),
                        hit.snippet().text(), hit.snippet().highlights().stream()
                        .map(h -> List.of(h.start(), h.end())).toList())).toList());
    }
}
