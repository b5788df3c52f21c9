package net.metacircular.mcq.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownBlocksTest {

    private static final String DOCUMENT = """
            # Title

            A paragraph
            on two lines.

            - first item
            - second item
              continued

            | Name | Size |
            |------|------|
            | a    | 1    |
            | b    | 2    |

            ```java
            int x = 1;

            int y = 2;
            ```

                indented code

            > a quote
            """;

    @Test
    void splitsTopLevelBlocksListItemsTableRowsAndCode() {
        List<Block> blocks = MarkdownBlocks.of(DOCUMENT);

        assertThat(blocks).extracting(Block::type, Block::firstLine, Block::lastLine).containsExactly(
                tuple("heading", 1, 1),
                tuple("paragraph", 3, 4),
                tuple("list-item", 6, 6),
                tuple("list-item", 7, 8),
                tuple("table-head", 10, 11),
                tuple("table-row", 12, 12),
                tuple("table-row", 13, 13),
                tuple("code", 15, 19),
                tuple("code", 21, 21),
                tuple("block-quote", 23, 23));
    }

    @Test
    void sourceIsTheExactLinesAndRowsCarryTheirTableHead() {
        List<Block> blocks = MarkdownBlocks.of(DOCUMENT);

        assertThat(blocks.get(1).source()).isEqualTo("A paragraph\non two lines.");
        assertThat(blocks.get(3).source()).isEqualTo("- second item\n  continued");
        assertThat(blocks.get(7).source()).isEqualTo("```java\nint x = 1;\n\nint y = 2;\n```");
        assertThat(blocks.get(5).context()).isEqualTo("| Name | Size |\n|------|------|");
        assertThat(blocks.get(0).context()).isEmpty();
    }

    @Test
    void emptyDocumentHasNoBlocks() {
        assertThat(MarkdownBlocks.of("")).isEmpty();
        assertThat(MarkdownBlocks.of("\n\n  \n")).isEmpty();
    }

    @Test
    void windowsLineEndingsCountLinesLikeTheParser() {
        List<Block> blocks = MarkdownBlocks.of("# A\r\n\r\ntext\r\nmore\r\n");

        assertThat(blocks).extracting(Block::type, Block::firstLine, Block::lastLine, Block::source)
                .containsExactly(tuple("heading", 1, 1, "# A"), tuple("paragraph", 3, 4, "text\nmore"));
    }
}
