package net.metacircular.mcq.attachments;

/**
 * What an upload did.
 *
 * @param created true for a new name, false when it replaced the file of that name
 */
public record StoredUpload(Attachment attachment, boolean created) {
}
