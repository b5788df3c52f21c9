package net.metacircular.mcq.search;

import net.metacircular.mcq.documents.DocumentSummary;

/** A found document as the caller sees it in the queue, and its best passage (empty for filters alone). */
public record SearchHit(DocumentSummary document, Snippet snippet) {
}
