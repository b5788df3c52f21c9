package net.metacircular.mcq.attachments;

import java.time.Instant;

/**
 * A version of a file attached to a document, without its bytes: what a listing shows.
 *
 * @param mediaType the type found in the bytes when it was uploaded, served as is
 * @param sha256    of the bytes, lower-case hex
 * @param size      in bytes
 * @param revision  the document's revision when this version was uploaded: that revision and the later ones
 *                  show it, until the name's next version (0 for a file stored before files had versions,
 *                  which every revision shows)
 */
public record Attachment(String name, String mediaType, String sha256, long size, String addedBy, Instant addedAt,
                         long revision) {
}
