package net.metacircular.mcq.documents;

import java.time.Instant;

/**
 * A document in the queue, with its Markdown body.
 *
 * @param readAt   when it was marked read; {@code null} while unread
 * @param revision 1 on first push, incremented by each re-push
 */
public record Document(
        String slug,
        String title,
        String body,
        String pushedBy,
        Instant pushedAt,
        boolean read,
        Instant readAt,
        Instant createdAt,
        long revision) {

    public DocumentSummary summary() {
        return new DocumentSummary(slug, title, pushedBy, pushedAt, read);
    }
}
