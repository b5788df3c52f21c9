package net.metacircular.mcq.documents;

/** The stored document after a push, and whether the slug was new. */
public record PutResult(Document document, boolean created) {
}
