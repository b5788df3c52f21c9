package net.metacircular.mcq.reviews;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Finding quotes in the text a reader sees, and choosing between repeats. */
class AnchoringTest {

    private static final String DOC = """
            # Title with `code`

            A paragraph with **bold** and a [link](https://example.org)
            that goes on.

            - item one
            - item *two*

            | Key | Value |
            |-----|-------|
            | a   | first |
            | b   | second |

            ```
            let x = 1;
            ```
            """;

    private static Anchoring of(String markdown) {
        return new Anchoring(RenderedText.of(markdown), markdown);
    }

    private static Anchor quote(String quote, int start, int end) {
        return new Anchor(quote, "", "", start, end);
    }

    @Test
    void eachBlockItemAndRowMapsToItsSourceLines() {
        Anchoring doc = of(DOC);
        assertThat(doc.placeOnLines(quote("Title with code", 1, 1))).isNotNull();
        Anchor paragraph = doc.placeOnLines(quote("bold and a link that goes", 1, 17));
        assertThat(paragraph.startLine()).isEqualTo(3);
        assertThat(paragraph.endLine()).isEqualTo(4);
        assertThat(doc.placeOnLines(quote("item two", 1, 17)).startLine()).isEqualTo(7);
        assertThat(doc.placeOnLines(quote("b second", 1, 17)).startLine()).isEqualTo(12);
        assertThat(doc.placeOnLines(quote("let x = 1;", 1, 17)).startLine()).isEqualTo(14);
        // Across two items: the range spans both.
        Anchor across = doc.placeOnLines(quote("item one item two", 1, 17));
        assertThat(across.startLine()).isEqualTo(6);
        assertThat(across.endLine()).isEqualTo(7);
    }

    @Test
    void aQuoteOutsideTheGivenLinesIsNotPlaced() {
        assertThat(of(DOC).placeOnLines(quote("item two", 1, 4))).isNull();
        assertThat(of(DOC).placeOnLines(quote("nowhere at all", 1, 17))).isNull();
    }

    @Test
    void contextChoosesBetweenRepeatsThenNearness() {
        String text = "Run it.\n\nFirst run the tests.\n\nThen run the tests again.\n\nrun the tests\n";
        Anchoring doc = of(text);
        assertThat(doc.reanchor(new Anchor("run the tests", "Then ", " again", 1, 1)).startLine()).isEqualTo(5);
        assertThat(doc.reanchor(new Anchor("run the tests", "First ", "", 9, 9)).startLine()).isEqualTo(3);
        assertThat(doc.reanchor(new Anchor("run the tests", "", "", 7, 7)).startLine()).isEqualTo(7);
        assertThat(doc.reanchor(new Anchor("deploy", "", "", 1, 1))).isNull();
    }
}
