package net.metacircular.mcq.webserver;

import java.util.List;

/**
 * What each template is given. The templates only lay these out; every
 * decision (what to show, which words, which links) is made in Java. Values
 * are plain text: the templates escape them. The one exception is
 * {@link Reader#html}, which the renderer has already sanitized.
 */
public final class Views {

    private Views() {
    }

    /**
     * Shared by every page.
     *
     * @param username the signed-in account, or null on the sign-in pages
     * @param csrf     the form token for the sign-out button; null when signed out
     * @param scripts  the page's scripts, in the order they run (all deferred); empty for pages without
     * @param touchIcon the home-screen icon iOS uses ({@code apple-touch-icon}), which ignores the manifest's
     */
    public record Frame(String title, String username, String csrf, String stylesheet, List<Script> scripts,
                        String favicon, String touchIcon) {
        public Frame {
            scripts = List.copyOf(scripts);
        }

        /** The web app manifest's fixed address. */
        public String manifest() {
            return StaticAssets.MANIFEST_PATH;
        }

        public boolean signedIn() {
            return username != null;
        }

        /** This frame with {@code more} scripts after its own. */
        public Frame withScripts(List<Script> more) {
            List<Script> all = new java.util.ArrayList<>(scripts);
            all.addAll(more);
            return new Frame(title, username, csrf, stylesheet, all, favicon, touchIcon);
        }
    }

    /**
     * A script of the page.
     *
     * @param src   its versioned address
     * @param frame for the diagrams script, the address of the diagram frame page
     *              ({@code data-frame}); else null
     */
    public record Script(String src, String frame) {
        public Script(String src) {
            this(src, null);
        }
    }

    /** A time as {@code <time datetime="exact" title="exact">relative</time>}. */
    public record Time(String exact, String relative) {
    }

    /**
     * @param sso    true: one "Sign in with MCIAS" button; false: the password form
     * @param next   where to go after signing in (a local path)
     * @param csrf   the login form token (direct form only)
     * @param error  what went wrong with the last attempt, or null
     * @param notice an informational line (such as "you are signed out"), or null
     */
    public record Login(boolean sso, String next, String csrf, String username, String error, String notice) {
    }

    /**
     * One page of the queue.
     *
     * @param total all documents in the queue, on every page
     * @param page  1-based
     */
    /**
     * The queue page: one view of it ({@code view}, narrowed to one pusher
     * when {@code by} is set), the tabs with their counts, and the pushers to
     * narrow to.
     *
     * @param total  documents in the whole queue, whatever the view
     * @param shown  documents in this view
     */
    public record Queue(List<QueueEntry> entries, int unread, int total, int shown, int page, int pages,
                        List<Tab> tabs, String by, List<String> pushers) {
        public boolean empty() {
            return total == 0;
        }

        /** The page of newer entries, or null on the first page. */
        public String newerHref() {
            return page > 1 ? href(page - 1) : null;
        }

        /** The page of older entries, or null on the last page. */
        public String olderHref() {
            return page < pages ? href(page + 1) : null;
        }

        private String href(int target) {
            Tab current = tabs.stream().filter(Tab::current).findFirst().orElseThrow();
            String base = current.href();
            return target == 1 ? base : base + (base.contains("?") ? "&" : "?") + "page=" + target;
        }

        /** The current view's name, for the form that narrows it to one pusher. */
        public String view() {
            return tabs.stream().filter(Tab::current).findFirst().map(Tab::param).orElse("all");
        }
    }

    /** A view of the queue as a tab: its address (keeping the pusher), label, count, and whether it is shown. */
    public record Tab(String param, String label, String href, int count, boolean current) {
    }

    /** The search page: the query as typed, and one page of what it found (null before a search). */
    public record Search(String query, List<Hit> hits, int total, int page, int pages) {
        public String pageHref(int target) {
            return "/search?q=" + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8)
                    + (target == 1 ? "" : "&page=" + target);
        }
    }

    /** A found document: its queue entry and its best passage, in pieces, the matched ones marked. */
    public record Hit(QueueEntry entry, List<Piece> snippet) {
    }

    /** Text of a snippet; {@code matched} pieces are shown in {@code <mark>}. Always escaped. */
    public record Piece(String text, boolean matched) {
    }

    /** @param reviewStatus the wire name of the current revision's review status, for the badge's class */
    public record QueueEntry(String slug, String title, String pushedBy, Time pushedAt, boolean read,
                             String reviewStatus, String reviewLabel) {
        public String href() {
            return "/d/" + slug;
        }
    }

    /**
     * The review part of the reader and the changes view.
     *
     * @param status    the wire name of the review status (the badge's class)
     * @param revision  the revision comments and verdicts from this page go to
     * @param canReview whether the caller is a person who may comment, resolve and give verdicts
     * @param back      where the forms return to: "reader" or "changes"
     * @param script    the address of the review script
     */
    public record Review(String base, String csrf, String status, String statusLabel, long revision,
                         List<Thread> threads, boolean canReview, String back, String script) {
        public List<Thread> general() {
            return threads.stream().filter(Thread::isGeneral).toList();
        }

        public List<Thread> anchored() {
            return threads.stream().filter(t -> !t.isGeneral()).toList();
        }
    }

    /**
     * One comment with its replies, as a page shows it.
     *
     * @param lines        the source lines it was written on (null: general)
     * @param currentLines where its passage is in the revision shown (null: general or outdated)
     */
    public record Thread(long id, long revision, String kind, String kindLabel, String quote, String prefix,
                         String suffix, String lines, String currentLines, boolean outdated, String text,
                         String replacement, String author, Time at, boolean resolved, String resolvedBy,
                         List<ThreadReply> replies, boolean canDelete) {
        public boolean isGeneral() {
            return quote == null;
        }

        /** Answered: someone replied, or it was resolved. */
        public boolean answered() {
            return resolved || !replies.isEmpty();
        }

        public String elementId() {
            return "c-" + id;
        }
    }

    public record ThreadReply(String author, String text, Time at) {
    }

    /**
     * @param readAt           when it was marked read, or null
     * @param html             the sanitized document HTML
     * @param hideFirstHeading true when the document opens with a heading equal to its title, which
     *                         the page header already shows
     * @param toc              the table of contents; empty when it is not shown
     */
    /**
     * The reader. {@code html} is the rendered document; when the document is
     * not rendered, {@code notice} says why and {@code source} is its Markdown,
     * escaped by the template as it is written out (never copied into HTML first).
     */
    public record Reader(String slug, String title, String pushedBy, Time pushedAt, boolean read,
                         Time readAt, String html, String notice, String source, boolean hideFirstHeading,
                         List<TocEntry> toc, String csrf, long revision, ChangedSinceRead changed,
                         Review review) {
        public boolean hasToc() {
            return !toc.isEmpty();
        }

        public String base() {
            return "/d/" + slug;
        }

        public String historyHref() {
            return base() + "/history";
        }
    }

    /**
     * The reader's banner for a reviewer who read an older revision.
     *
     * @param readRevision the revision the reviewer last marked read
     * @param href         the changes view from that revision to the current one
     */
    public record ChangedSinceRead(long readRevision, long current, int linesAdded, int linesRemoved,
                                   String href) {
    }

    /**
     * The changes between two revisions: the newer one rendered with its
     * changes marked, or the raw unified diff of the Markdown.
     *
     * @param html      the sanitized changes HTML (rendered view), or null in the raw view
     * @param notice    why the rendered view shows a diff of the Markdown instead, or null
     * @param rawLines  the unified diff line by line (raw view), or null in the rendered view
     * @param changeIds the element ids of the marked changes, in page order (rendered view)
     * @param hideFirstHeading the new revision opens, unchanged, with a heading equal to the title the
     *                         page header shows
     */
    public record Changes(String slug, String title, long from, long to, long current, boolean raw,
                          String html, String notice, List<DiffLine> rawLines, int inserted, int changed,
                          int removed, int linesAdded, int linesRemoved, List<String> changeIds,
                          boolean hideFirstHeading, Review review) {
        public String base() {
            return "/d/" + slug;
        }

        public String renderedHref() {
            return base() + "/changes?from=" + from + "&to=" + to;
        }

        public String rawHref() {
            return renderedHref() + "&raw=1";
        }

        public String historyHref() {
            return base() + "/history";
        }

        public String revisionHref(long number) {
            return number == current ? base() : base() + "/r/" + number;
        }

        public boolean identical() {
            return linesAdded == 0 && linesRemoved == 0;
        }

        public boolean hasChanges() {
            return !changeIds.isEmpty();
        }
    }

    /**
     * One line of a unified diff, with the kind that colours it.
     *
     * @param kind {@code add}, {@code del}, {@code hunk}, {@code file} or {@code same}
     */
    public record DiffLine(String kind, String text) {
    }

    /**
     * A document's revisions, newest first, and the form that compares two.
     *
     * @param readRevision the revision the viewer last marked read, or null
     */
    public record History(String slug, String title, long current, Long readRevision, List<HistoryEntry> entries,
                          long compareFrom, long compareTo) {
        public String base() {
            return "/d/" + slug;
        }

        public boolean canCompare() {
            return entries.size() > 1;
        }
    }

    /**
     * @param sizeChange signed bytes, for example {@code +120 B} or {@code −8 B}
     * @param changesHref what this revision changed from the one before it, or null for the oldest kept
     */
    public record HistoryEntry(long number, String title, String pushedBy, Time pushedAt, String size,
                               String sizeChange, String sizeClass, boolean current, boolean readByViewer,
                               String href, String changesHref) {
    }

    /** An old revision, read-only, with where it stands in the history. */
    public record OldRevision(String slug, String title, long number, long current, String pushedBy, Time pushedAt,
                              String html, String notice, String source, boolean hideFirstHeading) {
        public String base() {
            return "/d/" + slug;
        }

        public String changesHref() {
            return base() + "/changes?from=" + number + "&to=" + current;
        }

        public String historyHref() {
            return base() + "/history";
        }

        public boolean isCurrent() {
            return number == current;
        }
    }

    /** @param depth 0 for the document's highest heading level, then 1 and 2 */
    public record TocEntry(String id, String text, int depth) {
        public String href() {
            return "#" + id;
        }
    }

    /** The no-JavaScript confirmation before unqueueing. */
    public record ConfirmDelete(String slug, String title, String csrf) {
    }

    public record Logout(String csrf) {
    }

    /** @param link where to go from here, with its label */
    public record Error(int status, String heading, String message, String link, String linkText) {
    }
}
