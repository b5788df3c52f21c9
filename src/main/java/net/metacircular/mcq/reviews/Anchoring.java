package net.metacircular.mcq.reviews;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds a quoted passage in a revision: when a comment is added (the quote
 * must be on the lines the reviewer selected) and when a comment written on
 * an older revision is shown against a newer one (re-anchoring). Quotes are
 * compared with whitespace collapsed, first against the rendered text and
 * then against the Markdown source; several hits are told apart by how much
 * of the recorded text before and after matches, then by nearness to the
 * original lines.
 */
final class Anchoring {

    /** More hits than this are not worth scoring: the quote is too common to place. */
    private static final int MAX_HITS = 1_000;

    private final RenderedText rendered;
    private final String markdown;
    private RenderedText source;

    Anchoring(RenderedText rendered, String markdown) {
        this.rendered = rendered;
        this.markdown = markdown;
    }

    int lineCount() {
        return rendered.lineCount();
    }

    /** A hit: the lines it spans and the text around it, in one projection. */
    private record Hit(int firstLine, int lastLine, String before, String after) {
    }

    /**
     * The quote's place on lines {@code start..end} (hits overlapping them),
     * chosen by context; null when it is not there.
     */
    Anchor placeOnLines(Anchor anchor) {
        Hit best = null;
        for (RenderedText text : projections()) {
            best = choose(hits(text, anchor.quote()).stream()
                    .filter(h -> h.firstLine() <= anchor.endLine() && h.lastLine() >= anchor.startLine())
                    .toList(), anchor);
            if (best != null) {
                break;
            }
        }
        if (best == null) {
            return null;
        }
        // The reviewer's lines, narrowed to the blocks that hold the quote.
        int first = Math.max(anchor.startLine(), best.firstLine());
        int last = Math.min(anchor.endLine(), best.lastLine());
        return new Anchor(anchor.quote(), anchor.prefix(), anchor.suffix(), first, Math.max(first, last));
    }

    /** Where a passage from another revision is in this one; null when it is gone (outdated). */
    Anchor reanchor(Anchor anchor) {
        for (RenderedText text : projections()) {
            Hit best = choose(hits(text, anchor.quote()), anchor);
            if (best != null) {
                return new Anchor(anchor.quote(), anchor.prefix(), anchor.suffix(), best.firstLine(),
                        best.lastLine());
            }
        }
        return null;
    }

    private List<RenderedText> projections() {
        if (source == null) {
            source = RenderedText.sourceLines(markdown);
        }
        return List.of(rendered, source);
    }

    private static List<Hit> hits(RenderedText projection, String quote) {
        String needle = RenderedText.collapse(quote);
        List<Hit> hits = new ArrayList<>();
        if (needle.isEmpty() || projection.units().isEmpty()) {
            return hits;
        }
        String text = projection.text();
        for (int at = text.indexOf(needle); at >= 0 && hits.size() < MAX_HITS; at = text.indexOf(needle, at + 1)) {
            int end = at + needle.length();
            hits.add(new Hit(projection.unitAt(at).firstLine(), projection.unitAt(end - 1).lastLine(),
                    text.substring(Math.max(0, at - ReviewRules.MAX_CONTEXT_CHARS), at),
                    text.substring(end, Math.min(text.length(), end + ReviewRules.MAX_CONTEXT_CHARS))));
        }
        return hits;
    }

    /** The hit whose surroundings match the recorded context best; nearest the original lines on a tie. */
    private static Hit choose(List<Hit> hits, Anchor anchor) {
        String prefix = anchor.prefix() == null ? "" : RenderedText.collapse(anchor.prefix());
        String suffix = anchor.suffix() == null ? "" : RenderedText.collapse(anchor.suffix());
        Hit best = null;
        int bestScore = -1;
        int bestDistance = Integer.MAX_VALUE;
        for (Hit hit : hits) {
            int score = commonSuffix(RenderedText.collapse(hit.before()), prefix)
                    + commonPrefix(RenderedText.collapse(hit.after()), suffix);
            int distance = Math.abs(hit.firstLine() - anchor.startLine());
            if (score > bestScore || (score == bestScore && distance < bestDistance)) {
                best = hit;
                bestScore = score;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static int commonSuffix(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(a.length() - 1 - n) == b.charAt(b.length() - 1 - n)) {
            n++;
        }
        return n;
    }

    private static int commonPrefix(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return n;
    }
}
