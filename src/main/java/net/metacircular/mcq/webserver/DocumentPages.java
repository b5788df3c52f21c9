package net.metacircular.mcq.webserver;

import net.metacircular.mcq.http.Callers;
import net.metacircular.mcq.ServiceException;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import net.metacircular.mcq.auth.Caller;
import net.metacircular.mcq.documents.Document;
import net.metacircular.mcq.documents.DocumentRules;
import net.metacircular.mcq.documents.DocumentService;
import net.metacircular.mcq.documents.DocumentSummary;
import net.metacircular.mcq.documents.RevisionDiff;
import net.metacircular.mcq.render.Heading;
import net.metacircular.mcq.render.RenderCache;
import net.metacircular.mcq.render.RenderedDocument;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The queue, the reader and the document actions. Every rule (slug syntax,
 * who may do what, read state) is {@link DocumentService}'s; this class only
 * turns its answers into pages and redirects.
 */
final class DocumentPages {

    /** Queue entries per page. */
    static final int QUEUE_PAGE_SIZE = 100;

    /** The form field that says the reviewer confirmed unqueueing. */
    static final String CONFIRMED = "confirmed";

    /**
     * Reader views at once: each holds a document body (4 MiB at most by
     * default) and writes its page; four keep that near an eighth of the
     * default heap and leave processor time to other requests, while cached
     * views (a few milliseconds each) still flow.
     */
    static final int CONCURRENT_VIEWS = 4;

    /**
     * How long a view may wait, for its turn and then for its render, before
     * it shows the source (or, with no turn, asks to retry): a reader page
     * answers within about three seconds whatever the load.
     */
    static final Duration VIEW_WAIT = Duration.ofMillis(2_600);

    /** The least time left to a view for its render once it has its turn. */
    static final Duration MIN_RENDER_WAIT = Duration.ofMillis(300);

    private final Semaphore views = new Semaphore(CONCURRENT_VIEWS, true);
    private final DocumentService documents;
    private final RenderCache renderer;
    private final RelativeTime time;
    private final Pages pages;
    private final ReviewPages reviews;
    private final FilePages files;

    DocumentPages(DocumentService documents, RenderCache renderer, RelativeTime time, Pages pages,
                  ReviewPages reviews, FilePages files) {
        this.reviews = reviews;
        this.files = files;
        this.documents = documents;
        this.renderer = renderer;
        this.time = time;
        this.pages = pages;
    }

    /**
     * GET /?page=N: unread first, then newest (the service's order), a page
     * at a time, so a queue of thousands stays a light page on a phone.
     */
    void queue(Context ctx) {
        List<DocumentSummary> summaries = documents.list(caller(ctx));
        QueueView view = QueueView.named(ctx.queryParam("view"));
        String by = ctx.queryParam("by") == null || ctx.queryParam("by").isBlank() ? null : ctx.queryParam("by");
        List<DocumentSummary> byPusher = by == null ? summaries
                : summaries.stream().filter(d -> d.pushedBy().equals(by)).toList();
        List<DocumentSummary> shown = byPusher.stream().filter(view::shows).toList();
        int pageCount = Math.max(1, (shown.size() + QUEUE_PAGE_SIZE - 1) / QUEUE_PAGE_SIZE);
        int page = Math.min(DocumentRules.parsePage(ctx.queryParam("page")), pageCount);
        List<Views.QueueEntry> entries = shown
                .subList((page - 1) * QUEUE_PAGE_SIZE, Math.min(shown.size(), page * QUEUE_PAGE_SIZE))
                .stream().map(this::entry).toList();
        List<Views.Tab> tabs = new ArrayList<>();
        for (QueueView tab : QueueView.values()) {
            String href = tabHref(tab, by);
            tabs.add(new Views.Tab(tab.param, tab.label, href, (int) byPusher.stream().filter(tab::shows).count(),
                    tab == view));
        }
        List<String> pushers = summaries.stream().map(DocumentSummary::pushedBy).distinct().sorted().toList();
        int unread = (int) summaries.stream().filter(d -> !d.read()).count();
        String title = unread == 0 ? "Queue" : "Queue (" + unread + ")";
        pages.render(ctx, 200, "queue.jte", pages.frame(ctx, title),
                new Views.Queue(entries, unread, summaries.size(), shown.size(), page, pageCount, tabs, by, pushers));
    }

    /** A queue entry as the queue and the search page show it. */
    Views.QueueEntry entry(DocumentSummary d) {
        return new Views.QueueEntry(d.slug(), d.title(), d.pushedBy(), when(d.pushedAt()), d.read(),
                d.reviewStatus().wireName(), ReviewPages.statusLabel(d.reviewStatus()));
    }

    private static String tabHref(QueueView view, String by) {
        String byParam = by == null ? "" : "by=" + java.net.URLEncoder.encode(by, java.nio.charset.StandardCharsets.UTF_8);
        if (view == QueueView.ALL) {
            return byParam.isEmpty() ? "/" : "/?" + byParam;
        }
        return "/?view=" + view.param + (byParam.isEmpty() ? "" : "&" + byParam);
    }

    /**
     * GET /d/{slug}. Each view holds a whole document body (up to the document
     * limit) while its page is built and sent, so only a few run at once; the
     * others wait briefly for a turn, then are told to retry. The render itself
     * runs on the render pool and is waited for with a bound.
     */
    void reader(Context ctx) throws InterruptedException {
        long start = System.nanoTime();
        if (!views.tryAcquire(VIEW_WAIT.minus(MIN_RENDER_WAIT).toMillis(), TimeUnit.MILLISECONDS)) {
            ctx.header("Retry-After", "2");
            pages.error(ctx, 503, "MCQ is busy",
                    "Many documents are being opened at once. Please reload the page in a moment.");
            return;
        }
        try {
            Duration left = VIEW_WAIT.minusNanos(System.nanoTime() - start);
            showReader(ctx, left.compareTo(MIN_RENDER_WAIT) < 0 ? MIN_RENDER_WAIT : left);
        } finally {
            views.release();
        }
    }

    private void showReader(Context ctx, Duration renderWait) {
        Document document = documents.get(caller(ctx), ctx.pathParam("slug"));
        RenderedDocument rendered = renderer.render(document.body(), renderWait);
        boolean startsWithTitle = startsWithTitle(rendered, document.title());
        List<Heading> headings = startsWithTitle
                ? rendered.headings().subList(1, rendered.headings().size())
                : rendered.headings();
        Views.Reader view = new Views.Reader(document.slug(), document.title(), document.pushedBy(),
                when(document.pushedAt()), document.read(),
                document.readAt() == null ? null : when(document.readAt()),
                files.withFiles(caller(ctx), document.slug(), rendered.html()),
                rendered.rendered() ? null : rendered.unrendered().notice(),
                rendered.rendered() ? null : document.body(),
                startsWithTitle, TableOfContents.of(headings), pages.formToken(ctx), document.revision(),
                changedSinceRead(ctx, document),
                reviews.review(caller(ctx), document.slug(), document.revision(), document.reviewStatus(),
                        reviews.threads(caller(ctx), document.slug(), document.revision(), c -> true),
                        pages.formToken(ctx), "reader"));
        pages.render(ctx, 200, "reader.jte",
                pages.withFeatures(pages.frameWithScript(ctx, document.title()), rendered.features()), view);
    }

    /**
     * The banner's facts when the caller read an older revision: the line
     * counts of the diff since then. When that revision is no longer kept the
     * counts are unknown (-1) and the banner links to the history.
     */
    private Views.ChangedSinceRead changedSinceRead(Context ctx, Document document) {
        if (!document.changedSinceRead()) {
            return null;
        }
        long since = document.readRevision();
        String href = RevisionPages.changesHref(document.slug(), since, document.revision());
        try {
            RevisionDiff diff = documents.diff(caller(ctx), document.slug(), since, document.revision());
            return new Views.ChangedSinceRead(since, document.revision(), diff.linesAdded(), diff.linesRemoved(),
                    href);
        } catch (ServiceException e) {
            if (e.kind() != ServiceException.Kind.NOT_FOUND) {
                throw e;
            }
            // Pruning keeps revisions a read mark points to; should it be gone anyway, the history remains.
            return new Views.ChangedSinceRead(since, document.revision(), -1, -1,
                    "/d/" + document.slug() + "/history");
        }
    }

    /** GET /d/{slug}/delete: the confirmation for browsers without JavaScript. */
    void confirmDelete(Context ctx) {
        Document document = documents.get(caller(ctx), ctx.pathParam("slug"));
        pages.render(ctx, 200, "confirm-delete.jte", pages.frame(ctx, "Unqueue " + document.title()),
                new Views.ConfirmDelete(document.slug(), document.title(), pages.formToken(ctx)));
    }

    /** POST /d/{slug}/read. */
    void markRead(Context ctx) {
        Document document = documents.markRead(caller(ctx), ctx.pathParam("slug"));
        ctx.redirect("/d/" + document.slug(), HttpStatus.SEE_OTHER);
    }

    /** POST /d/{slug}/unread. */
    void markUnread(Context ctx) {
        Document document = documents.markUnread(caller(ctx), ctx.pathParam("slug"));
        ctx.redirect("/d/" + document.slug(), HttpStatus.SEE_OTHER);
    }

    /**
     * POST /d/{slug}/delete. Without the confirmation field (a browser without
     * JavaScript, whose button could not ask) it asks on a page of its own
     * and changes nothing.
     */
    void delete(Context ctx) {
        String slug = ctx.pathParam("slug");
        if (!"yes".equals(ctx.formParam(CONFIRMED))) {
            documents.get(caller(ctx), slug); // a bad slug or a missing document gets its error page here
            ctx.redirect("/d/" + slug + "/delete", HttpStatus.SEE_OTHER);
            return;
        }
        documents.delete(caller(ctx), slug);
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    /**
     * True when the rendered document opens with an h1 reading the same as its
     * title (common: {@code mcq push} takes the title from the first heading).
     * The page header shows the title, so that heading is hidden (by a class
     * on the wrapper: the sanitized HTML itself is never edited) and left out
     * of the table of contents.
     */
    static boolean startsWithTitle(RenderedDocument rendered, String title) {
        if (rendered.headings().isEmpty() || !rendered.html().stripLeading().startsWith("<h1")) {
            return false;
        }
        Heading first = rendered.headings().get(0);
        return first.level() == 1 && first.text().strip().equals(title.strip());
    }

    private Views.Time when(Instant instant) {
        return time.of(instant);
    }

    private static Caller caller(Context ctx) {
        return Callers.of(ctx);
    }
}
