package net.metacircular.mcq.webserver;

import io.javalin.http.Context;
import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.auth.Caller;
import net.metacircular.mcq.documents.DocumentRules;
import net.metacircular.mcq.documents.Document;
import net.metacircular.mcq.documents.DocumentService;
import net.metacircular.mcq.documents.Revision;
import net.metacircular.mcq.documents.RevisionDiff;
import net.metacircular.mcq.documents.RevisionInfo;
import net.metacircular.mcq.http.Callers;
import net.metacircular.mcq.render.ChangesRenderer;
import net.metacircular.mcq.render.RenderCache;
import net.metacircular.mcq.render.DocumentFeatures;
import net.metacircular.mcq.render.RenderedChanges;
import net.metacircular.mcq.render.RenderedDocument;
import net.metacircular.mcq.text.Html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A document's history: the changes view between two revisions (rendered
 * with the changes marked, or the raw unified diff), the list of revisions
 * with a form comparing any two, and an old revision read-only. Which
 * revisions are compared by default, and who may see them, is
 * {@link DocumentService}'s decision; this class only lays them out.
 */
final class RevisionPages {

    /**
     * Changes views at once. Each holds two revision bodies and renders the
     * changed blocks one by one (bounded by one render's time), so fewer run
     * together than reader views; the others wait briefly, then are asked to
     * retry.
     */
    static final int CONCURRENT_CHANGES = 2;

    /** The wrappers the changes renderer numbers, in page order (their ids may carry the document's prefix). */
    private static final Pattern CHANGE_ID = Pattern.compile("<div class=\"chg chg-(?:ins|mod|del)\" id=\"([^\"]+)\"");

    private final Semaphore changesViews = new Semaphore(CONCURRENT_CHANGES, true);
    private final DocumentService documents;
    private final RenderCache renderer;
    private final ChangesRenderer changesRenderer;
    private final RelativeTime time;
    private final Pages pages;

    private final ReviewPages reviews;
    private final FilePages files;

    RevisionPages(DocumentService documents, RenderCache renderer, ChangesRenderer changesRenderer,
                  RelativeTime time, Pages pages, ReviewPages reviews, FilePages files) {
        this.reviews = reviews;
        this.files = files;
        this.documents = documents;
        this.renderer = renderer;
        this.changesRenderer = changesRenderer;
        this.time = time;
        this.pages = pages;
    }

    static String changesHref(String slug, long from, long to) {
        return "/d/" + slug + "/changes?from=" + from + "&to=" + to;
    }

    /**
     * GET /d/{slug}/changes?from=&to=&raw=1. Without {@code from}: since the
     * revision the caller last read (or the one before the current); without
     * {@code to}: the current revision.
     */
    void changes(Context ctx) throws InterruptedException {
        if (!changesViews.tryAcquire(DocumentPages.VIEW_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            ctx.header("Retry-After", "2");
            pages.error(ctx, 503, "MCQ is busy",
                    "Many changes are being shown at once. Please reload the page in a moment.");
            return;
        }
        try {
            showChanges(ctx);
        } finally {
            changesViews.release();
        }
    }

    private void showChanges(Context ctx) {
        Caller caller = Callers.of(ctx);
        String slug = ctx.pathParam("slug");
        Long from = DocumentRules.parseRevision(ctx.queryParam("from"), "from");
        Long to = DocumentRules.parseRevision(ctx.queryParam("to"), "to");
        boolean raw = "1".equals(ctx.queryParam("raw"));
        Document document = documents.get(caller, slug);
        DocumentService.Comparison pair = documents.compare(caller, slug, from, to);
        RevisionDiff diff = documents.diff(caller, slug, pair.from().number(), pair.to().number());
        String html = null;
        String notice = null;
        List<Views.DiffLine> rawLines = null;
        List<String> changeIds = List.of();
        DocumentFeatures features = DocumentFeatures.NONE;
        int inserted = 0;
        int changed = 0;
        int removed = 0;
        if (raw) {
            rawLines = diffLines(diff.unified());
        } else {
            RenderedChanges rendered = changesRenderer.render(pair.from().body(), pair.to().body());
            html = files.withChangedFiles(caller, slug, pair.from().number(), pair.to().number(),
                    document.revision(), rendered.html());
            features = rendered.features();
            inserted = rendered.inserted();
            changed = rendered.changed();
            removed = rendered.removed();
            if (rendered.rendered()) {
                changeIds = changeIds(html);
            } else {
                notice = "Shown as a diff of the Markdown.";
            }
        }
        Views.Changes view = new Views.Changes(document.slug(), document.title(), pair.from().number(),
                pair.to().number(), document.revision(), raw, html, notice, rawLines, inserted, changed, removed,
                diff.linesAdded(), diff.linesRemoved(), changeIds,
                html != null && startsWithUnchangedTitle(html, document.title()),
                lastRound(ctx, document, pair.to().number()));
        pages.render(ctx, 200, "changes.jte", pages.withFeatures(pages.frameWithScript(ctx,
                "Changes: " + document.title(), StaticAssets.CHANGES_SCRIPT), features), view);
    }

    /**
     * The review part of the changes view: the comments written on older
     * revisions than the one shown (last round's), seen against it, so the
     * page can put each on its passage or on the removed text.
     */
    private Views.Review lastRound(Context ctx, Document document, long shown) {
        Caller caller = Callers.of(ctx);
        List<Views.Thread> threads = reviews.threads(caller, document.slug(), shown,
                c -> c.revision() < shown && !c.isGeneral());
        return reviews.review(caller, document.slug(), document.revision(), document.reviewStatus(), threads,
                pages.formToken(ctx), "changes");
    }

    /** GET /d/{slug}/history. */
    void history(Context ctx) {
        Caller caller = Callers.of(ctx);
        String slug = ctx.pathParam("slug");
        Document document = documents.get(caller, slug);
        List<RevisionInfo> revisions = documents.revisions(caller, slug);
        List<Views.HistoryEntry> entries = new ArrayList<>(revisions.size());
        for (int i = 0; i < revisions.size(); i++) {
            RevisionInfo r = revisions.get(i);
            boolean oldestKept = i == revisions.size() - 1;
            Long previous = oldestKept ? null : revisions.get(i + 1).number();
            entries.add(new Views.HistoryEntry(r.number(), r.title(), r.pushedBy(), time.of(r.pushedAt()),
                    bytes(r.bodyBytes()), oldestKept ? "new" : signedBytes(r.sizeChange()),
                    oldestKept || r.sizeChange() == 0 ? "same" : r.sizeChange() > 0 ? "grew" : "shrank",
                    r.number() == document.revision(),
                    document.readRevision() != null && document.readRevision() == r.number(),
                    r.number() == document.revision() ? "/d/" + slug : "/d/" + slug + "/r/" + r.number(),
                    previous == null ? null : changesHref(slug, previous, r.number())));
        }
        long compareTo = document.revision();
        long compareFrom = document.changedSinceRead() ? document.readRevision()
                : revisions.size() > 1 ? revisions.get(1).number() : compareTo;
        pages.render(ctx, 200, "history.jte", pages.frame(ctx, "History: " + document.title()),
                new Views.History(document.slug(), document.title(), document.revision(),
                        document.readRevision(), List.copyOf(entries), compareFrom, compareTo));
    }

    /** GET /d/{slug}/r/{revision}: an old revision, read-only. */
    void revision(Context ctx) {
        Caller caller = Callers.of(ctx);
        String slug = ctx.pathParam("slug");
        long number = DocumentRules.parseRevision(ctx.pathParam("revision"), "revision");
        Document document = documents.get(caller, slug);
        Revision revision = documents.revision(caller, slug, number);
        RenderedDocument rendered = renderer.render(revision.body());
        Views.OldRevision view = new Views.OldRevision(document.slug(), revision.title(), revision.number(),
                document.revision(), revision.pushedBy(), time.of(revision.pushedAt()),
                files.withFiles(caller, slug, revision.number(), document.revision(), rendered.html()),
                rendered.rendered() ? null : rendered.unrendered().notice(),
                rendered.rendered() ? null : revision.body(),
                DocumentPages.startsWithTitle(rendered, revision.title()));
        pages.render(ctx, 200, "revision.jte", pages.withFeatures(
                pages.frame(ctx, revision.title() + " (revision " + revision.number() + ")"), rendered.features()),
                view);
    }

    /**
     * True when the changes open with an unchanged h1 reading the same as
     * the title, which the page header shows (hidden by a class on the
     * wrapper, as in the reader: the sanitized HTML is never edited).
     */
    static boolean startsWithUnchangedTitle(String html, String title) {
        String start = "<div class=\"chg chg-same\"><h1";
        if (!html.startsWith(start)) {
            return false;
        }
        int open = html.indexOf('>', start.length());
        int close = html.indexOf("</h1>", open);
        return open > 0 && close > open && !html.substring(open + 1, close).contains("<")
                && html.substring(open + 1, close).strip().equals(Html.escape(title.strip()));
    }

    /** The ids of the numbered change wrappers, in the order they appear. */
    static List<String> changeIds(String html) {
        List<String> ids = new ArrayList<>();
        Matcher m = CHANGE_ID.matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return List.copyOf(ids);
    }

    /**
     * The unified diff split into lines, each keeping its line break, so the
     * page's text is exactly the diff's text.
     */
    static List<Views.DiffLine> diffLines(String unified) {
        List<Views.DiffLine> lines = new ArrayList<>();
        int start = 0;
        boolean inHeader = true;
        while (start < unified.length()) {
            int end = unified.indexOf('\n', start);
            end = end < 0 ? unified.length() : end + 1;
            String line = unified.substring(start, end);
            String kind;
            if (inHeader && (line.startsWith("--- ") || line.startsWith("+++ "))) {
                kind = "file";
            } else if (line.startsWith("@@")) {
                kind = "hunk";
                inHeader = false;
            } else if (line.startsWith("+")) {
                kind = "add";
            } else if (line.startsWith("-")) {
                kind = "del";
            } else if (line.startsWith("\\")) {
                kind = "note";
            } else {
                kind = "same";
            }
            lines.add(new Views.DiffLine(kind, line));
            start = end;
        }
        return List.copyOf(lines);
    }

    static String bytes(long bytes) {
        return String.format(Locale.ROOT, "%,d B", bytes);
    }

    /** "+120 B", "−8 B" (a real minus sign), "±0 B". */
    static String signedBytes(long change) {
        if (change == 0) {
            return "±0 B";
        }
        return (change > 0 ? "+" : "\u2212") + String.format(Locale.ROOT, "%,d B", Math.abs(change));
    }
}
