package net.metacircular.mcq.attachments;

import java.time.Instant;

/**
 * A file attached to a document, without its bytes: what a listing shows.
 *
 * @param mediaType the type found in the bytes when it was uploaded, served as is
 * @param sha256    of the bytes, lower-case hex
 * @param size      in bytes
 */
public record Attachment(String name, String mediaType, String sha256, long size, String addedBy, Instant addedAt) {
}
