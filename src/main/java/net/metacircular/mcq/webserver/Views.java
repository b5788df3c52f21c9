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
     * @param script   the page's script, or null for pages without one
     */
    public record Frame(String title, String username, String csrf, String stylesheet, String script,
                        String favicon) {
        public boolean signedIn() {
            return username != null;
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
    public record Queue(List<QueueEntry> entries, int unread, int total, int page, int pages) {
        public boolean empty() {
            return total == 0;
        }

        /** The page of newer entries, or null on the first page. */
        public String newerHref() {
            return page > 1 ? (page == 2 ? "/" : "/?page=" + (page - 1)) : null;
        }

        /** The page of older entries, or null on the last page. */
        public String olderHref() {
            return page < pages ? "/?page=" + (page + 1) : null;
        }
    }

    public record QueueEntry(String slug, String title, String pushedBy, Time pushedAt, boolean read) {
        public String href() {
            return "/d/" + slug;
        }
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
                         List<TocEntry> toc, String csrf) {
        public boolean hasToc() {
            return !toc.isEmpty();
        }

        public String base() {
            return "/d/" + slug;
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
