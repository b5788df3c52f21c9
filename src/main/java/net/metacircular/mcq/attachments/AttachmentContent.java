package net.metacircular.mcq.attachments;

/** A file with its bytes, as served. */
public record AttachmentContent(Attachment attachment, byte[] bytes) {
}
