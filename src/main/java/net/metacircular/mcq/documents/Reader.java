package net.metacircular.mcq.documents;

import java.time.Instant;

/** A person's read mark on a document: the revision they last marked read, and when. */
public record Reader(String username, long revision, Instant readAt) {
}
