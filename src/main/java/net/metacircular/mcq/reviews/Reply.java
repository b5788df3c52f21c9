package net.metacircular.mcq.reviews;

import java.time.Instant;

/** A reply in a comment's thread, by a person or an agent. */
public record Reply(long id, String author, String text, Instant createdAt) {
}
