package net.metacircular.mcq.client;

import net.metacircular.mcq.documents.DocumentSummary;
import net.metacircular.mcq.documents.ReviewStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QueueTableTest {

    private static final Instant WHEN = Instant.parse("2026-03-04T05:06:07Z");

    @Test
    void anEmptyQueueSaysSo() {
        assertThat(QueueTable.format(List.of())).isEqualTo("The queue is empty.\n");
    }

    @Test
    void cellsCannotSendEscapeSequencesToTheTerminal() {
        String table = QueueTable.format(List.of(
                new DocumentSummary("doc", "Title", "evil\u001b[2J\u001b]0;owned\u0007", WHEN, false, 1, null, ReviewStatus.PENDING)));
        assertThat(table).doesNotContain("\u001b").doesNotContain("\u0007").contains("evil\uFFFD[2J");
    }

    @Test
    void longTitlesAreShortenedAndRowsAlign() {
        String longTitle = "x".repeat(QueueTable.MAX_TITLE_WIDTH + 40);
        List<String> lines = QueueTable.format(List.of(
                new DocumentSummary("a", longTitle, "alice", WHEN, false, 1, null, ReviewStatus.PENDING),
                new DocumentSummary("a-much-longer-slug", "Short", "ci-bot", WHEN, true, 1, null, ReviewStatus.PENDING))).lines().toList();
        assertThat(lines.get(1)).startsWith(QueueTable.UNREAD).contains("x".repeat(QueueTable.MAX_TITLE_WIDTH - 1) + "…")
                .doesNotContain("x".repeat(QueueTable.MAX_TITLE_WIDTH));
        assertThat(lines.get(2)).startsWith(QueueTable.READ);
        assertThat(lines.get(1).indexOf("alice")).isEqualTo(lines.get(2).indexOf("ci-bot"))
                .isEqualTo(lines.get(0).indexOf("PUSHED BY"));
        assertThat(lines.get(1)).endsWith("2026-03-04 05:06 UTC");
        assertThat(lines).contains("2 documents, 1 unread");
    }
}
