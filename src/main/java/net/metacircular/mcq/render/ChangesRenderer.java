package net.metacircular.mcq.render;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import net.metacircular.mcq.diff.Block;
import net.metacircular.mcq.diff.BlockChange;
import net.metacircular.mcq.diff.BlockDiff;
import net.metacircular.mcq.diff.UnifiedDiff;
import net.metacircular.mcq.diff.WordChange;
import net.metacircular.mcq.text.Html;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Renders "what changed since revision N": the new revision block by block,
 * each wrapped in {@code <div class="chg chg-…">} — {@code chg-ins} inserted,
 * {@code chg-mod} changed (with word-level {@code <ins>}/{@code <del>} inside),
 * {@code chg-del} removed (the old block), {@code chg-same} unchanged — and
 * every change numbered {@code id="change-N"} from 1, for jumping from change
 * to change.
 *
 * <p>It is as safe as the reader: every block is rendered by the reader's
 * {@link MarkdownRenderer} path (with its limits and sanitizer), the marks
 * are added as elements and text nodes (never as markup built from text), and
 * the assembled page goes through the sanitizer once more, with a policy that
 * adds only the wrappers' classes and ids. A run of unchanged blocks is
 * rendered as one piece, so a long unchanged stretch costs one render.
 *
 * <p>Bounded like the reader: both revisions must be within the render
 * limits, the whole view shares one render's time, and its HTML one render's
 * size. Beyond them, or if a block cannot be rendered, the view is a notice
 * and the escaped unified diff of the Markdown. Thread-safe.
 */
public final class ChangesRenderer {

    /** Link definitions can sit anywhere; up to this much of them is given to every block so its links resolve. */
    private static final int MAX_DEFINITIONS_CHARS = 16 * 1024;

    private final MarkdownRenderer renderer;
    private final TrustedIds trustedIds = TrustedIds.withRandomMarker();
    private final DocumentSanitizer sanitizer = DocumentSanitizer.forChanges(trustedIds);

    public ChangesRenderer(MarkdownRenderer renderer) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    public RenderedChanges render(String oldMarkdown, String newMarkdown) {
        return render(oldMarkdown, newMarkdown, () -> false);
    }

    /** As {@link #render(String, String)}, stopping early once {@code cancelled} says nobody wants the result. */
    public RenderedChanges render(String oldMarkdown, String newMarkdown, BooleanSupplier cancelled) {
        Objects.requireNonNull(oldMarkdown, "oldMarkdown");
        Objects.requireNonNull(newMarkdown, "newMarkdown");
        BlockDiff diff = BlockDiff.between(oldMarkdown, newMarkdown);
        RenderLimits limits = renderer.limits();
        if (WorkEstimate.of(oldMarkdown) > limits.maxWork() || WorkEstimate.of(newMarkdown) > limits.maxWork()) {
            return fallback(oldMarkdown, newMarkdown, diff, Unrendered.TOO_LARGE);
        }
        RenderBudget budget = RenderBudget.start(limits.time(), limits.time().multipliedBy(3), cancelled);
        try {
            DocumentFeatures.Recorder features = new DocumentFeatures.Recorder();
            String html = budget.around(() -> renderBounded(diff, newMarkdown, budget, cancelled, features));
            return new RenderedChanges(html, diff.inserted(), diff.changed(), diff.removed(), null,
                    features.features());
        } catch (RenderAbandoned abandoned) {
            return fallback(oldMarkdown, newMarkdown, diff, abandoned.reason());
        } catch (StackOverflowError tooDeep) {
            return fallback(oldMarkdown, newMarkdown, diff, Unrendered.TOO_COMPLEX);
        }
    }

    private String renderBounded(BlockDiff diff, String newMarkdown, RenderBudget budget, BooleanSupplier cancelled,
            DocumentFeatures.Recorder features) {
        String[] newLines = net.metacircular.mcq.diff.SourceLines.of(newMarkdown);
        String oldDefinitions = definitions(diff.changes(), true);
        String newDefinitions = definitions(diff.changes(), false);
        StringBuilder page = new StringBuilder(newMarkdown.length() * 2);
        List<List<WordChange>> wordsOfChanged = new ArrayList<>();
        int maxChars = renderer.limits().maxHtmlChars();
        int number = 0;
        List<BlockChange> changes = diff.changes();
        int i = 0;
        while (i < changes.size()) {
            BlockChange change = changes.get(i);
            String html;
            String kind;
            if (change.kind() == BlockChange.Kind.UNCHANGED) {
                int end = i;
                while (end + 1 < changes.size() && changes.get(end + 1).kind() == BlockChange.Kind.UNCHANGED) {
                    end++;
                }
                Block first = change.newBlock();
                Block last = changes.get(end).newBlock();
                String source = String.join("\n", java.util.Arrays.asList(newLines)
                        .subList(first.firstLine() - 1, last.lastLine()));
                html = renderPiece(first, source, newDefinitions, cancelled, features);
                kind = "chg-same";
                i = end + 1;
            } else {
                Block block = change.kind() == BlockChange.Kind.REMOVED ? change.oldBlock() : change.newBlock();
                html = renderPiece(block, block.source(),
                        change.kind() == BlockChange.Kind.REMOVED ? oldDefinitions : newDefinitions, cancelled,
                        features);
                kind = switch (change.kind()) {
                    case INSERTED -> "chg-ins";
                    case CHANGED -> "chg-mod";
                    default -> "chg-del";
                };
                if (change.kind() == BlockChange.Kind.CHANGED) {
                    wordsOfChanged.add(change.words());
                }
                i++;
            }
            budget.check();
            page.append("<div class=\"chg ").append(kind).append('"');
            if (!kind.equals("chg-same")) {
                page.append(" id=\"change-").append(++number).append('"');
            }
            // The wrapper's source lines: in the new revision, or in the old one for a removed block.
            Block span = change.kind() == BlockChange.Kind.REMOVED ? change.oldBlock() : change.newBlock();
            Block spanEnd = change.kind() == BlockChange.Kind.UNCHANGED ? changes.get(i - 1).newBlock() : span;
            page.append(change.kind() == BlockChange.Kind.REMOVED ? " data-old-lines=\"" : " data-new-lines=\"")
                    .append(span.firstLine()).append('-').append(spanEnd.lastLine()).append('"');
            page.append('>').append(html).append("</div>\n");
            if (page.length() > maxChars) {
                throw new RenderAbandoned(Unrendered.TOO_LARGE);
            }
        }
        String marked = markAndNumber(page.toString(), wordsOfChanged);
        budget.check();
        BoundedOutput safe = new BoundedOutput(marked.length() + marked.length() / 8, maxChars, budget);
        sanitizer.sanitize(marked, safe);
        return safe.toString();
    }

    /**
     * One piece through the reader's renderer. A table row is rendered under
     * its table's head (then dropped), and the link definitions go along so
     * reference links resolve.
     */
    private String renderPiece(Block first, String source, String definitions, BooleanSupplier cancelled,
            DocumentFeatures.Recorder features) {
        boolean row = first.type().equals("table-row");
        String markdown = (row ? first.context() + "\n" : "") + source + "\n\n" + definitions;
        RenderedDocument rendered = renderer.renderWithin(markdown, cancelled);
        if (!rendered.rendered()) {
            throw new RenderAbandoned(rendered.unrendered());
        }
        features.add(rendered.features());
        if (!row) {
            return rendered.html();
        }
        Document piece = Jsoup.parseBodyFragment(rendered.html());
        piece.outputSettings().prettyPrint(false);
        Element head = piece.selectFirst("table > thead");
        if (head != null) {
            head.remove();
        }
        return piece.body().html();
    }

    /** The source of the link reference definitions of one revision, when there are not too many. */
    private static String definitions(List<BlockChange> changes, boolean old) {
        StringBuilder definitions = new StringBuilder();
        for (BlockChange change : changes) {
            Block block = old ? change.oldBlock() : change.newBlock();
            if (block != null && block.type().equals("link-reference")) {
                definitions.append(block.source()).append('\n');
                if (definitions.length() > MAX_DEFINITIONS_CHARS) {
                    return "";
                }
            }
        }
        return definitions.toString();
    }

    /**
     * Adds the word marks to changed blocks and settles ids: the pieces were
     * rendered apart, so a heading id may repeat (only the first is kept) and
     * removed blocks keep none; every id left is marked as trusted for the
     * final sanitizer, which namespaces same-page links again (so their
     * existing prefix is taken off first).
     */
    private String markAndNumber(String html, List<List<WordChange>> wordsOfChanged) {
        Document page = Jsoup.parseBodyFragment(html);
        page.outputSettings().prettyPrint(false);
        int changed = 0;
        for (Element wrapper : page.body().children()) {
            if (wrapper.hasClass("chg-mod") && changed < wordsOfChanged.size()) {
                WordMarks.apply(wrapper, wordsOfChanged.get(changed++));
            }
            if (wrapper.hasClass("chg-del")) {
                for (Element withId : wrapper.select("[id]")) {
                    if (withId != wrapper) {
                        withId.removeAttr("id");
                    }
                }
            }
        }
        Set<String> seen = new HashSet<>();
        for (Element withId : page.body().select("[id]")) {
            String id = withId.id();
            if (seen.add(id)) {
                withId.attr("id", trustedIds.mark(id));
            } else {
                withId.removeAttr("id");
            }
        }
        for (Element link : page.body().select("a[href^=\"#" + Anchors.PREFIX + "\"]")) {
            link.attr("href", "#" + link.attr("href").substring(1 + Anchors.PREFIX.length()));
        }
        return page.body().html();
    }

    static String noticeFor(Unrendered reason) {
        return reason == Unrendered.BUSY
                ? "MCQ is busy rendering other documents, so the changes are shown as a diff of the Markdown. "
                        + "Reload the page to try again."
                : "These revisions are too large or complex to show rendered; "
                        + "the changes are shown as a diff of the Markdown.";
    }

    /** The notice and the escaped unified diff: no markup from either revision, so nothing to sanitize. */
    private static RenderedChanges fallback(String oldMarkdown, String newMarkdown, BlockDiff diff, Unrendered reason) {
        UnifiedDiff unified = UnifiedDiff.between(oldMarkdown, newMarkdown, "old", "new");
        StringBuilder html = new StringBuilder(unified.text().length() + unified.text().length() / 4 + 200);
        html.append("<p class=\"render-notice\">").append(Html.escape(noticeFor(reason))).append("</p>\n<pre><code>");
        Html.escapeInto(html, unified.text(), 0, unified.text().length());
        html.append("</code></pre>\n");
        return new RenderedChanges(html.toString(), diff.inserted(), diff.changed(), diff.removed(), reason,
                DocumentFeatures.NONE);
    }
}
