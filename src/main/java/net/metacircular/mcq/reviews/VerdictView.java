package net.metacircular.mcq.reviews;

import java.util.List;

/** A verdict as every surface shows it; {@code verdict} is {@code approve} or {@code request_changes}. */
public record VerdictView(long revision, String verdict, String summary, String reviewer, String at) {

    public static final List<String> FIELDS = List.of("revision", "verdict", "summary", "reviewer", "at");

    public static VerdictView of(Verdict verdict) {
        return verdict == null ? null : new VerdictView(verdict.revision(), verdict.kind().wireName(),
                verdict.summary(), verdict.reviewer(), CommentView.time(verdict.at()));
    }
}
