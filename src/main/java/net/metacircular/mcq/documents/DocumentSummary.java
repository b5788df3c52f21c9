package net.metacircular.mcq.documents;

import java.time.Instant;

/** A queue entry: a document without its body. */
public record DocumentSummary(String slug, String title, String pushedBy, Instant pushedAt, boolean read) {
}
