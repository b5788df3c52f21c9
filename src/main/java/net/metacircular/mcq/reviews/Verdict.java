package net.metacircular.mcq.reviews;

import java.time.Instant;

/** A person's verdict on one revision, with an optional summary (null when none was given). */
public record Verdict(long revision, VerdictKind kind, String summary, String reviewer, Instant at) {
}
