package net.metacircular.mcq.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FootnoteIdsTest {

    @Test
    void namesDefinitionsAndNumberedReferences() {
        assertThat(FootnoteIds.definition("note")).isEqualTo("fn:note");
        assertThat(FootnoteIds.reference("note", 1)).isEqualTo("fnref:note");
        assertThat(FootnoteIds.reference("note", 2)).isEqualTo("fnref:note:2");
    }

    @Test
    void readsTheReferenceNumberOutOfCommonmarksIdsGivenTheLabel() {
        assertThat(FootnoteIds.referenceNumber("fnref-a", "a")).isEqualTo(1);
        assertThat(FootnoteIds.referenceNumber("fnref-a-2", "a")).isEqualTo(2);
        assertThat(FootnoteIds.referenceNumber("fnref-a-2", "a-2")).isEqualTo(1);
        assertThat(FootnoteIds.referenceNumber("fnref-a-x", "a")).isZero();
        assertThat(FootnoteIds.referenceNumber("intro", "a")).isZero();
    }

    @Test
    void encodesAuthorChosenCharactersIntoSafeDistinctIds() {
        List<String> labels = List.of("a\"b", "a_22b", "a b", "<img>", "ü", "a.b", "a_2eb", "a:2");
        Set<String> ids = new HashSet<>();
        for (String label : labels) {
            String id = FootnoteIds.definition(label);
            assertThat(id).matches("fn:[A-Za-z0-9_-]+");
            ids.add(id);
        }
        assertThat(ids).as("distinct labels give distinct ids").hasSize(labels.size());
    }
}
