package net.metacircular.mcq.client;

import net.metacircular.mcq.documents.RevisionInfo;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A document's revisions as {@code mcq history} prints them, newest first:
 * one aligned row per revision. Titles and account names are made safe for a
 * terminal, as in {@link QueueTable}.
 */
public final class HistoryTable {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final String[] HEADER = {"REV", "PUSHED AT", "PUSHED BY", "SIZE", "TITLE"};

    private HistoryTable() {
    }

    public static String format(List<RevisionInfo> revisions) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (RevisionInfo revision : revisions) {
            rows.add(new String[] {
                    Long.toString(revision.number()),
                    revision.pushedAt() == null ? "" : WHEN.format(revision.pushedAt()),
                    QueueTable.safe(revision.pushedBy()),
                    sizeChange(revision.sizeChange()),
                    QueueTable.truncate(QueueTable.safe(revision.title()), QueueTable.MAX_TITLE_WIDTH)});
        }
        StringBuilder out = QueueTable.columns(rows);
        out.append('\n').append(revisions.size()).append(revisions.size() == 1 ? " revision\n" : " revisions\n");
        return out.toString();
    }

    /** Bytes gained or lost, signed so growth and shrinkage read at a glance. */
    static String sizeChange(long bytes) {
        return (bytes > 0 ? "+" : bytes < 0 ? "-" : "±") + Math.abs(bytes) + " B";
    }
}
