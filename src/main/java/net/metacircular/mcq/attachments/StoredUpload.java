package net.metacircular.mcq.attachments;

/**
 * What an upload did.
 *
 * @param created true for a new name, false when the name had a version already (a new version was added,
 *                or the upload had the latest version's bytes and reused it)
 */
public record StoredUpload(Attachment attachment, boolean created) {
}
