package net.metacircular.mcq.documents;

/**
 * What a push did.
 *
 * @param created the slug was new
 * @param changed a new revision was stored; false when title and body equal the current
 *                revision, in which case nothing was written
 */
public record PutResult(Document document, boolean created, boolean changed) {
}
