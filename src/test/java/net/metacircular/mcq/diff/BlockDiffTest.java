package net.metacircular.mcq.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BlockDiffTest {

    static final String OLD = """
            # Release notes

            The service starts quickly and serves documents.

            Unchanged paragraph.

            - install the package
            - run the server
            - open the browser

            | Setting | Default |
            |---------|---------|
            | port    | 8080    |
            | threads | 4       |

            ```sh
            mcq server --config mcq.toml
            ```

            A paragraph that goes away entirely.
            """;

    static final String NEW = """
            # Release notes for version two

            The service starts very quickly and serves documents.

            Unchanged paragraph.

            - install the package
            - run the server with the new flag
            - open the browser

            | Setting | Default |
            |---------|---------|
            | port    | 9090    |
            | threads | 4       |

            ```sh
            mcq server --config /etc/mcq.toml
            ```

            A brand new closing paragraph about something else.
            """;

    @Test
    void editedHeadingParagraphListItemRowAndCodeAreChanged() {
        BlockDiff diff = BlockDiff.between(OLD, NEW);

        assertThat(diff.changes()).extracting(BlockChange::kind, c -> c.newBlock() == null ? null : c.newBlock().type())
                .containsExactly(
                        tuple(BlockChange.Kind.CHANGED, "heading"),
                        tuple(BlockChange.Kind.CHANGED, "paragraph"),
                        tuple(BlockChange.Kind.UNCHANGED, "paragraph"),
                        tuple(BlockChange.Kind.UNCHANGED, "list-item"),
                        tuple(BlockChange.Kind.CHANGED, "list-item"),
                        tuple(BlockChange.Kind.UNCHANGED, "list-item"),
                        tuple(BlockChange.Kind.UNCHANGED, "table-head"),
                        tuple(BlockChange.Kind.CHANGED, "table-row"),
                        tuple(BlockChange.Kind.UNCHANGED, "table-row"),
                        tuple(BlockChange.Kind.CHANGED, "code"),
                        tuple(BlockChange.Kind.REMOVED, null),
                        tuple(BlockChange.Kind.INSERTED, "paragraph"));
        assertThat(diff.changed()).isEqualTo(5);
        assertThat(diff.inserted()).isEqualTo(1);
        assertThat(diff.removed()).isEqualTo(1);
    }

    @Test
    void changedBlocksCarryWordLevelRuns() {
        List<BlockChange> changes = BlockDiff.between(OLD, NEW).changes();

        assertThat(changes.get(0).words()).containsExactly(
                new WordChange(WordChange.Kind.EQUAL, "# Release notes"),
                new WordChange(WordChange.Kind.INSERTED, " for version two"));
        assertThat(inserted(changes.get(1))).isEqualTo("very ");
        assertThat(inserted(changes.get(4))).isEqualTo(" with the new flag");
        assertThat(deleted(changes.get(7))).isEqualTo("8080");
        assertThat(inserted(changes.get(7))).isEqualTo("9090");
        assertThat(inserted(changes.get(9))).isEqualTo("/etc/");
        assertThat(changes.get(1).oldBlock().firstLine()).isEqualTo(3);
        assertThat(changes.get(10).oldSource()).isEqualTo("A paragraph that goes away entirely.");
    }

    @Test
    void wordRunsRebuildBothVersions() {
        for (BlockChange change : BlockDiff.between(OLD, NEW).changes()) {
            if (change.kind() != BlockChange.Kind.CHANGED) {
                continue;
            }
            String oldText = change.words().stream().filter(w -> w.kind() != WordChange.Kind.INSERTED)
                    .map(WordChange::text).collect(Collectors.joining());
            String newText = change.words().stream().filter(w -> w.kind() != WordChange.Kind.DELETED)
                    .map(WordChange::text).collect(Collectors.joining());
            assertThat(oldText).isEqualTo(change.oldSource());
            assertThat(newText).isEqualTo(change.newSource());
        }
    }

    @Test
    void identicalDocumentsHaveOnlyUnchangedBlocks() {
        BlockDiff diff = BlockDiff.between(OLD, OLD);

        assertThat(diff.identical()).isTrue();
        assertThat(diff.changes()).allMatch(c -> c.kind() == BlockChange.Kind.UNCHANGED);
    }

    @Test
    void blocksOfDifferentTypesAreNotPaired() {
        BlockDiff diff = BlockDiff.between("release notes for today\n", "# release notes for today\n");

        assertThat(diff.changes()).extracting(BlockChange::kind)
                .containsExactly(BlockChange.Kind.REMOVED, BlockChange.Kind.INSERTED);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void twoWhollyDifferentMegabyteDocumentsFinish() {
        String oldDoc = IntStream.range(0, 50_000).mapToObj(i -> "- old item " + i + " aaaa")
                .collect(Collectors.joining("\n"));
        String newDoc = IntStream.range(0, 50_000).mapToObj(i -> "- new item " + i + " bbbb")
                .collect(Collectors.joining("\n"));

        BlockDiff diff = BlockDiff.between(oldDoc, newDoc);

        assertThat(diff.changes()).hasSizeGreaterThanOrEqualTo(50_000);
        assertThat(diff.inserted() + diff.changed()).isEqualTo(50_000);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void reorderedBlocksAndHugeBlocksFinish() {
        String oldDoc = IntStream.range(0, 30_000).mapToObj(i -> "paragraph " + i)
                .collect(Collectors.joining("\n\n"));
        String newDoc = IntStream.range(0, 30_000).map(i -> 29_999 - i).mapToObj(i -> "paragraph " + i)
                .collect(Collectors.joining("\n\n"));
        assertThat(BlockDiff.between(oldDoc, newDoc).identical()).isFalse();

        String hugeOld = "word ".repeat(200_000);
        String hugeNew = "word ".repeat(100_000) + "other " + "word ".repeat(100_000);
        BlockDiff huge = BlockDiff.between(hugeOld, hugeNew);
        assertThat(huge.changes()).extracting(BlockChange::kind)
                .containsExactly(BlockChange.Kind.REMOVED, BlockChange.Kind.INSERTED);
    }

    private static String inserted(BlockChange change) {
        return change.words().stream().filter(w -> w.kind() == WordChange.Kind.INSERTED)
                .map(WordChange::text).collect(Collectors.joining("|"));
    }

    private static String deleted(BlockChange change) {
        return change.words().stream().filter(w -> w.kind() == WordChange.Kind.DELETED)
                .map(WordChange::text).collect(Collectors.joining("|"));
    }
}
