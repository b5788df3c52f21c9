package net.metacircular.mcq.documents;

/**
 * What a push did.
 *
 * @param created the slug was new
 * @param changed a new revision was stored; false when title and body equal the current
 *                revision, in which case nothing was written
 * @param webUrl  where people read the document, absolute ({@link WebLinks}); null when the server has
 *                no {@code [server] public_url}
 */
public record PutResult(Document document, boolean created, boolean changed, String webUrl) {
}
