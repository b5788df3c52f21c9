package net.metacircular.mcq.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FootnoteIdsTest {

    @Test
    void rewritesIdsAndLinksTheSameWay() {
        assertThat(FootnoteIds.rewriteId("fn-note")).isEqualTo("fn:note");
        assertThat(FootnoteIds.rewriteId("fnref-note-2")).isEqualTo("fnref:note-2");
        assertThat(FootnoteIds.rewriteHref("#fn-note")).isEqualTo("#fn:note");
        assertThat(FootnoteIds.rewriteHref("#fnref-note")).isEqualTo("#fnref:note");
    }

    @Test
    void encodesAuthorChosenCharactersIntoSafeDistinctIds() {
        List<String> labels = List.of("a\"b", "a_22b", "a b", "<img>", "ü", "a.b", "a_2eb");
        Set<String> ids = new HashSet<>();
        for (String label : labels) {
            String id = FootnoteIds.rewriteId("fn-" + label);
            assertThat(id).matches("fn:[A-Za-z0-9_-]+");
            ids.add(id);
        }
        assertThat(ids).as("distinct labels give distinct ids").hasSize(labels.size());
    }

    @Test
    void ignoresValuesThatAreNotFootnoteIds() {
        assertThat(FootnoteIds.rewriteId("intro")).isNull();
        assertThat(FootnoteIds.rewriteHref("https://example.com/#fn-1")).isNull();
    }
}
