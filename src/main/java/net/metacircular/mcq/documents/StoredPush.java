package net.metacircular.mcq.documents;

/** What the store did with a push: the document after it, and whether it was new or changed. */
public record StoredPush(StoredDocument document, boolean created, boolean changed) {
}
