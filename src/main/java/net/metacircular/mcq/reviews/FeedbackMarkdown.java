package net.metacircular.mcq.reviews;

import net.metacircular.mcq.documents.ReviewStatus;

import java.util.List;

/**
 * The review of a revision as Markdown written for a language model (spec
 * §15): the verdict and summary first, then one numbered point per comment
 * with its id (to reply to), kind, lines, quote, text and suggested
 * replacement, replies indented, general comments last.
 */
final class FeedbackMarkdown {

    private FeedbackMarkdown() {
    }

    static String of(String slug, long revision, long currentRevision, ReviewStatus status, Verdict verdict,
                     List<Comment> comments, boolean pending) {
        StringBuilder out = new StringBuilder(256 + 256 * comments.size());
        out.append(headline(slug, revision, status, verdict, pending)).append('\n');
        if (currentRevision > revision) {
            out.append('\n').append("Revision ").append(currentRevision)
                    .append(" is now the current one; this review is of revision ").append(revision).append(".\n");
        }
        if (comments.isEmpty()) {
            out.append('\n').append("No comments.\n");
            return out.toString();
        }
        out.append('\n');
        int number = 1;
        for (Comment comment : comments) {
            if (!comment.isGeneral()) {
                point(out, number++, comment);
            }
        }
        for (Comment comment : comments) {
            if (comment.isGeneral()) {
                point(out, number++, comment);
            }
        }
        return out.toString();
    }

    private static String headline(String slug, long revision, ReviewStatus status, Verdict verdict,
                                   boolean pending) {
        String what = "revision " + revision + " of `" + slug + "`";
        if (verdict == null || status == ReviewStatus.PENDING) {
            return "Review pending on " + what + " — no verdict yet"
                    + (pending ? "; call again to wait." : ".");
        }
        String summary = verdict.summary() == null ? "" : ": " + oneLine(verdict.summary());
        return switch (verdict.kind()) {
            case APPROVE -> "Approved " + what + " by " + verdict.reviewer() + summary;
            case REQUEST_CHANGES -> "Changes requested on " + what + " by " + verdict.reviewer() + summary;
        };
    }

    private static void point(StringBuilder out, int number, Comment comment) {
        out.append(number).append(". [comment ").append(comment.id()).append("] ");
        if (comment.isGeneral()) {
            out.append("General");
        } else {
            Anchor shown = comment.current() != null ? comment.current() : comment.anchor();
            if (comment.outdated()) {
                out.append("Outdated (the passage is gone; it was on revision ").append(comment.revision())
                        .append(", ");
                lines(out, comment.anchor());
                out.append(')');
            } else {
                lines(out, shown);
            }
            out.append(", quoting “").append(oneLine(comment.anchor().quote())).append('”');
        }
        switch (comment.kind()) {
            case REPLACEMENT -> out.append(" (suggested replacement)");
            case DELETION -> out.append(" (asks to delete it)");
            default -> {
            }
        }
        if (comment.resolved()) {
            out.append(" (resolved by ").append(comment.resolvedBy()).append(')');
        }
        out.append(" — ").append(comment.author()).append(':');
        if (!comment.text().isBlank()) {
            out.append(' ').append(indent(comment.text().strip(), "   "));
        }
        out.append('\n');
        if (comment.kind() == CommentKind.REPLACEMENT && comment.replacement() != null) {
            out.append("   → Replace with: “").append(indent(comment.replacement(), "     ")).append("”\n");
        }
        for (Reply reply : comment.replies()) {
            out.append("   - ").append(reply.author()).append(": ").append(indent(reply.text().strip(), "     "))
                    .append('\n');
        }
    }

    private static void lines(StringBuilder out, Anchor anchor) {
        if (anchor.startLine() == anchor.endLine()) {
            out.append("Line ").append(anchor.startLine());
        } else {
            out.append("Lines ").append(anchor.startLine()).append('–').append(anchor.endLine());
        }
    }

    private static String oneLine(String text) {
        return RenderedText.collapse(text);
    }

    /** Continuation lines indented so they stay inside their numbered point. */
    private static String indent(String text, String prefix) {
        return text.replace("\r\n", "\n").replace("\n", "\n" + prefix);
    }
}
