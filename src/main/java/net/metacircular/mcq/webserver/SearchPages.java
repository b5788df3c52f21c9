package net.metacircular.mcq.webserver;

import io.javalin.http.Context;
import net.metacircular.mcq.documents.DocumentRules;
import net.metacircular.mcq.http.Callers;
import net.metacircular.mcq.search.SearchResults;
import net.metacircular.mcq.search.SearchService;
import net.metacircular.mcq.search.Snippet;

import java.util.ArrayList;
import java.util.List;

/** GET /search: the search box's results, with the queue's entries and each document's best passage. */
final class SearchPages {

    private final SearchService search;
    private final DocumentPages documentPages;
    private final Pages pages;

    SearchPages(SearchService search, DocumentPages documentPages, Pages pages) {
        this.search = search;
        this.documentPages = documentPages;
        this.pages = pages;
    }

    void search(Context ctx) {
        String query = ctx.queryParam("q");
        if (query == null || query.isBlank()) {
            pages.render(ctx, 200, "search.jte", pages.frame(ctx, "Search"), new Views.Search("", null, 0, 1, 1));
            return;
        }
        int page = DocumentRules.parsePage(ctx.queryParam("page"));
        SearchResults results = search.search(Callers.of(ctx), query, page);
        List<Views.Hit> hits = results.hits().stream()
                .map(hit -> new Views.Hit(documentPages.entry(hit.document()), pieces(hit.snippet()))).toList();
        int pageCount = Math.max(1, (results.total() + SearchService.PAGE_SIZE - 1) / SearchService.PAGE_SIZE);
        pages.render(ctx, 200, "search.jte", pages.frame(ctx, query + " · Search"),
                new Views.Search(query, hits, results.total(), page, pageCount));
    }

    /** The snippet cut at its highlights, so the template can mark them without writing markup. */
    static List<Views.Piece> pieces(Snippet snippet) {
        List<Views.Piece> pieces = new ArrayList<>();
        int at = 0;
        for (Snippet.Highlight highlight : snippet.highlights()) {
            if (highlight.start() > at) {
                pieces.add(new Views.Piece(snippet.text().substring(at, highlight.start()), false));
            }
            pieces.add(new Views.Piece(snippet.text().substring(highlight.start(), highlight.end()), true));
            at = highlight.end();
        }
        if (at < snippet.text().length()) {
            pieces.add(new Views.Piece(snippet.text().substring(at), false));
        }
        return pieces;
    }
}
