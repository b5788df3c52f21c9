package net.metacircular.mcq.search;

import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.documents.ReviewStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchQueryTest {

    @Test
    void wordsPhrasesAndPrefixesBecomeQuotedFts5Strings() {
        SearchQuery query = SearchQuery.parse("retry \"back off\" revis* NEAR(x) a\"b\"");
        assertThat(query.terms()).containsExactly(
                new SearchQuery.Term("retry", false, false),
                new SearchQuery.Term("back off", true, false),
                new SearchQuery.Term("revis", false, true),
                new SearchQuery.Term("NEAR(x)", false, false),
                new SearchQuery.Term("a", false, false),
                new SearchQuery.Term("b", true, false));
        assertThat(query.expression()).isEqualTo("\"retry\" \"back off\" \"revis\" * \"NEAR(x)\" \"a\" \"b\"");
        assertThat(SearchQuery.parse("\"back off\"*").expression()).isEqualTo("\"back off\" *");
        // A quote inside a word can never end FTS5's string early.
        assertThat(new SearchQuery(List.of(new SearchQuery.Term("x\"y", false, false)), null, null, null)
                .expression()).isEqualTo("\"x\"\"y\"");
    }

    @Test
    void filtersAreReadAndTakeNoPartInTheText() {
        SearchQuery query = SearchQuery.parse("plan IS:Unread status:CHANGES_REQUESTED by:ci-bot");
        assertThat(query.terms()).extracting(SearchQuery.Term::text).containsExactly("plan");
        assertThat(query.read()).isFalse();
        assertThat(query.status()).isEqualTo(ReviewStatus.CHANGES_REQUESTED);
        assertThat(query.pushedBy()).isEqualTo("ci-bot");
        assertThat(SearchQuery.parse("is:read").hasText()).isFalse();
        // A colon in anything but a known filter is part of a word.
        assertThat(SearchQuery.parse("https://example.com").terms()).hasSize(1);
    }

    @Test
    void whatCannotBeReadSaysWhy() {
        for (var bad : List.of(List.of("\"open", "not closed"), List.of("is:soon", "read or unread"),
                List.of("status:done", "pending, approved"), List.of("by:", "by:"),
                List.of("!!! ...", "nothing to search"), List.of("x".repeat(SearchQuery.MAX_LENGTH + 1), "at most"),
                List.of("", "q is required"), List.of("a ".repeat(SearchQuery.MAX_TERMS + 1), "at most"))) {
            assertThatThrownBy(() -> SearchQuery.parse(bad.get(0))).as(bad.get(0))
                    .isInstanceOf(ServiceException.class).hasMessageContaining(bad.get(1));
        }
    }

    @Test
    void snippetMarksBecomeRangesOfPlainText() {
        Snippet snippet = Snippet.fromMarked("a \u0002zebra\u0003 and \u0002<b>\u0003 \u0003stray");
        assertThat(snippet.text()).isEqualTo("a zebra and <b> stray");
        assertThat(snippet.highlights()).containsExactly(new Snippet.Highlight(2, 7), new Snippet.Highlight(12, 15));
    }
}
