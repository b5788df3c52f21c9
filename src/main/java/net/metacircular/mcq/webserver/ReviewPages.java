package net.metacircular.mcq.webserver;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.auth.Caller;
import net.metacircular.mcq.documents.DocumentRules;
import net.metacircular.mcq.documents.ReviewStatus;
import net.metacircular.mcq.http.Callers;
import net.metacircular.mcq.http.Json;
import net.metacircular.mcq.reviews.Anchor;
import net.metacircular.mcq.reviews.Comment;
import net.metacircular.mcq.reviews.CommentKind;
import net.metacircular.mcq.reviews.CommentView;
import net.metacircular.mcq.reviews.NewComment;
import net.metacircular.mcq.reviews.Reply;
import net.metacircular.mcq.reviews.ReviewService;
import net.metacircular.mcq.reviews.VerdictKind;
import net.metacircular.mcq.reviews.VerdictView;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The review forms of the reader and the changes view: comments, replies,
 * resolve / reopen, delete and verdicts. Every one is a plain form post
 * (CSRF-checked by {@link WebAccess}) that answers a browser without
 * JavaScript with a redirect back to the page, and the page's script, which
 * asks for JSON, with the comment as the REST API shows it. Who may do what
 * is {@link ReviewService}'s decision; this class only turns form fields
 * into its calls.
 */
final class ReviewPages {

    /** The form field naming the page to go back to: the reader (default) or the changes view. */
    static final String BACK = "back";

    private final ReviewService reviews;
    private final RelativeTime time;
    private final String script;

    ReviewPages(ReviewService reviews, RelativeTime time, String script) {
        this.reviews = reviews;
        this.script = script;
        this.time = time;
    }

    /** POST /d/{slug}/comments: anchored when quote and lines are given, else general. */
    void addComment(Context ctx) {
        String slug = ctx.pathParam("slug");
        CommentKind kind = CommentKind.fromWireName(field(ctx, "kind", "comment"));
        String quote = field(ctx, "quote", null);
        Integer start = lineField(ctx, "start_line");
        Integer end = lineField(ctx, "end_line");
        Anchor anchor = null;
        if (quote != null || start != null || end != null) {
            if (quote == null || start == null || end == null) {
                throw ServiceException.invalid("an anchored comment needs quote, start_line and end_line");
            }
            anchor = new Anchor(quote, field(ctx, "prefix", ""), field(ctx, "suffix", ""), start, end);
        }
        String revisionText = field(ctx, "revision", null);
        Long revision = revisionText == null ? null : DocumentRules.parseRevision(revisionText, "revision");
        String replacement = kind == CommentKind.REPLACEMENT ? ctx.formParam("replacement") : null;
        Comment comment = reviews.addComment(Callers.of(ctx), slug,
                new NewComment(revision, kind, anchor, ctx.formParam("text"), replacement));
        answer(ctx, slug, 201, CommentView.of(comment), "c-" + comment.id());
    }

    /** POST /d/{slug}/comments/{id}/replies. */
    void reply(Context ctx) {
        String slug = ctx.pathParam("slug");
        long id = commentId(ctx);
        Reply reply = reviews.reply(Callers.of(ctx), slug, id, ctx.formParam("text"));
        answer(ctx, slug, 201, CommentView.ReplyView.of(reply), "c-" + id);
    }

    /** POST /d/{slug}/comments/{id}/resolve. */
    void resolve(Context ctx) {
        String slug = ctx.pathParam("slug");
        Comment comment = reviews.resolve(Callers.of(ctx), slug, commentId(ctx));
        answer(ctx, slug, 200, CommentView.of(comment), "c-" + comment.id());
    }

    /** POST /d/{slug}/comments/{id}/reopen. */
    void reopen(Context ctx) {
        String slug = ctx.pathParam("slug");
        Comment comment = reviews.reopen(Callers.of(ctx), slug, commentId(ctx));
        answer(ctx, slug, 200, CommentView.of(comment), "c-" + comment.id());
    }

    /** POST /d/{slug}/comments/{id}/delete (forms have no DELETE). */
    void delete(Context ctx) {
        String slug = ctx.pathParam("slug");
        reviews.deleteComment(Callers.of(ctx), slug, commentId(ctx));
        answer(ctx, slug, 200, Map.of("deleted", true), "comments");
    }

    /** POST /d/{slug}/review: verdict {@code approve} or {@code request_changes}, with an optional summary. */
    void review(Context ctx) {
        String slug = ctx.pathParam("slug");
        VerdictKind kind = VerdictKind.fromWireName(field(ctx, "verdict", ""));
        String revisionText = field(ctx, "revision", null);
        Long revision = revisionText == null ? null : DocumentRules.parseRevision(revisionText, "revision");
        String summary = field(ctx, "summary", null);
        answer(ctx, slug, 200, VerdictView.of(reviews.review(Callers.of(ctx), slug, revision, kind, summary)),
                "review");
    }

    /**
     * The comments of the document as threads for a page: {@code include}
     * picks which (all of them on the reader, last round's on the changes view).
     */
    List<Views.Thread> threads(Caller caller, String slug, Long revision, Predicate<Comment> include) {
        return reviews.comments(caller, slug, revision).stream()
                .filter(include)
                .map(c -> thread(caller, c))
                .toList();
    }

    /** The review part of a page: status, threads, and what the caller's buttons may offer. */
    Views.Review review(Caller caller, String slug, long revision, ReviewStatus status, List<Views.Thread> threads,
            String csrf, String back) {
        return new Views.Review("/d/" + slug, csrf, status.wireName(), statusLabel(status), revision, threads,
                isPerson(caller), back, script);
    }

    static String statusLabel(ReviewStatus status) {
        return switch (status) {
            case PENDING -> "Review pending";
            case APPROVED -> "Approved";
            case CHANGES_REQUESTED -> "Changes requested";
        };
    }

    private Views.Thread thread(Caller caller, Comment c) {
        Anchor a = c.anchor();
        Anchor now = c.current();
        List<Views.ThreadReply> replies = c.replies().stream()
                .map(r -> new Views.ThreadReply(r.author(), r.text(), time.of(r.createdAt())))
                .toList();
        boolean canDelete = caller.username().equals(c.author()) || caller.isAdmin();
        return new Views.Thread(c.id(), c.revision(), c.kind().wireName(), kindLabel(c.kind()),
                a == null ? null : a.quote(), a == null ? null : a.prefix(), a == null ? null : a.suffix(),
                a == null ? null : lines(a), now == null ? null : lines(now), c.outdated(),
                c.text(), c.replacement(), c.author(), time.of(c.createdAt()), c.resolved(), c.resolvedBy(),
                replies, canDelete);
    }

    private static String lines(Anchor anchor) {
        return anchor.startLine() + "-" + anchor.endLine();
    }

    static String kindLabel(CommentKind kind) {
        return switch (kind) {
            case COMMENT -> "Comment";
            case REPLACEMENT -> "Suggested replacement";
            case DELETION -> "Asks to delete";
        };
    }

    /** As the service decides it; here only to leave out buttons that would be refused. */
    private static boolean isPerson(Caller caller) {
        return !caller.isSystemAccount() && (caller.roles().contains("user") || caller.isAdmin());
    }

    /** JSON for the page's script (it asks for it), else a redirect back to the page the form was on. */
    private static void answer(Context ctx, String slug, int status, Object json, String fragment) {
        if (wantsJson(ctx)) {
            Json.write(ctx, status, json);
            return;
        }
        String page = "changes".equals(ctx.formParam(BACK)) ? "/d/" + slug + "/changes" : "/d/" + slug;
        ctx.redirect(page + "#" + fragment, HttpStatus.SEE_OTHER);
    }

    static boolean wantsJson(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.startsWith("application/json");
    }

    /** A form field, trimmed of nothing; {@code fallback} when absent or empty. */
    private static String field(Context ctx, String name, String fallback) {
        String value = ctx.formParam(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static Integer lineField(Context ctx, String name) {
        String value = field(ctx, name, null);
        if (value == null) {
            return null;
        }
        if (value.length() <= 7 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int line = Integer.parseInt(value);
            if (line >= 1) {
                return line;
            }
        }
        throw ServiceException.invalid(name + " must be a line number from 1 up");
    }

    private static long commentId(Context ctx) {
        String value = ctx.pathParam("id");
        if (value.length() <= 18 && !value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            long id = Long.parseLong(value);
            if (id >= 1) {
                return id;
            }
        }
        throw ServiceException.notFound("no comment " + value.substring(0, Math.min(20, value.length())));
    }

}
