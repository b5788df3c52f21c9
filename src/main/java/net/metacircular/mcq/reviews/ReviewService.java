package net.metacircular.mcq.reviews;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.auth.Caller;
import net.metacircular.mcq.documents.Document;
import net.metacircular.mcq.documents.DocumentService;
import net.metacircular.mcq.documents.ReviewStatus;
import net.metacircular.mcq.documents.StorageException;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The application service for reviews (spec §15): comments, replies,
 * verdicts and the feedback agents read. REST, gRPC, the web UI and MCP all
 * call it; who may do what is decided here, once:
 *
 * <ul>
 *   <li>people with role {@code user} or {@code admin} comment, reply, resolve, reopen and give verdicts;</li>
 *   <li>guests read;</li>
 *   <li>system accounts (agents) read feedback and reply, but never give a verdict or resolve;</li>
 *   <li>only a comment's author or an admin deletes it.</li>
 * </ul>
 *
 * Refusals are {@code ServiceException}s of kind {@code PERMISSION_DENIED}; bad
 * input (unknown comment, quote not in the revision, line range out of
 * bounds, text over the limits) is {@code INVALID_INPUT} or {@code TOO_LARGE};
 * an unknown document or comment is {@code NOT_FOUND}.
 */
public final class ReviewService {

    /** How long a wait lasts when the caller does not say. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(50);
    /** The longest wait a caller may ask for. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(300);

    /** Revisions whose text projection is kept; bodies never change, so entries never go stale. */
    private static final int PROJECTIONS_KEPT = 256;
    /** A few hundred comments on each of a hundred documents. */
    private static final int PLACEMENTS_KEPT = 50_000;

    private final ReviewStore store;
    private final DocumentService documents;
    private final ReviewRules rules;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final FeedbackWaiters waiters;
    private final List<Consumer<String>> commentListeners = new CopyOnWriteArrayList<>();
    /** Told each reply added (notifications of agents' replies). */
    private final List<Consumer<ReplyAdded>> replyListeners = new CopyOnWriteArrayList<>();
    /** By slug, revision and body hash: a deleted and re-pushed document gets new entries. */
    private final Cache<String, Anchoring> projections = Caffeine.newBuilder().maximumSize(PROJECTIONS_KEPT).build();
    /**
     * Where a passage is in a revision (empty: outdated). Anchors and revision
     * bodies never change, so a wait loop's repeated feedback reads re-anchor
     * each comment once.
     */
    private final Cache<Placement, Optional<Anchor>> placements = Caffeine.newBuilder()
            .maximumSize(PLACEMENTS_KEPT).build();

    private record Placement(String projection, Anchor anchor) {
    }

    /**
     * @param scheduler runs wait timeouts and composes the answers of ended waits; shared by every wait
     */
    public ReviewService(ReviewStore store, DocumentService documents, ReviewRules rules, Clock clock,
                         ScheduledExecutorService scheduler) {
        this.store = store;
        this.documents = documents;
        this.rules = rules;
        this.clock = clock;
        this.scheduler = scheduler;
        this.waiters = new FeedbackWaiters(scheduler);
        documents.onDelete(waiters::documentDeleted);
    }

    public ReviewRules rules() {
        return rules;
    }

    /** Adds a comment to a revision (the current one unless {@code comment.revision()} names another kept one). */
    public Comment addComment(Caller caller, String slug, NewComment comment) {
        requirePerson(caller, "comment");
        if (comment == null || comment.kind() == null) {
            throw ServiceException.invalid("kind must be comment, replacement or deletion");
        }
        String text = comment.text() == null ? "" : comment.text();
        rules.checkText("text", text);
        rules.checkText("replacement", comment.replacement());
        if (comment.kind() == CommentKind.COMMENT && text.isBlank()) {
            throw ServiceException.invalid("text must not be empty");
        }
        if (comment.kind() == CommentKind.REPLACEMENT && comment.replacement() == null) {
            throw ServiceException.invalid("a suggested replacement needs replacement text");
        }
        if (comment.kind() != CommentKind.REPLACEMENT && comment.replacement() != null) {
            throw ServiceException.invalid("replacement is only for kind replacement");
        }
        Target target = target(caller, slug, comment.revision());
        Anchor anchor = null;
        if (comment.anchor() != null) {
            anchor = place(comment.anchor(), target);
        } else if (comment.kind() != CommentKind.COMMENT) {
            throw ServiceException.invalid("a " + comment.kind().wireName()
                    + " needs a passage: give quote, start_line and end_line");
        }
        Anchor placed = anchor;
        Comment added;
        try {
            added = withStore(() -> store.addComment(slug, target.revision(), comment.kind(), placed, text,
                    comment.replacement(), caller.username(), clock.instant(), rules.maxCommentsPerDocument()))
                    .orElseThrow(() -> noSuchDocument(slug));
        } catch (ReviewStore.TooManyComments e) {
            throw ReviewRules.tooLarge("document \"" + slug + "\" already has the most comments it may hold ("
                    + rules.maxCommentsPerDocument() + "); resolve or delete some first");
        }
        commentsChanged(slug);
        return withCurrent(added, placed);
    }

    /** Adds a reply to a comment's thread; people and agents may reply, guests may not. */
    public Reply reply(Caller caller, String slug, long commentId, String text) {
        if (!isPerson(caller) && !caller.isSystemAccount()) {
            throw denied("guests may read reviews but not reply");
        }
        if (text == null || text.isBlank()) {
            throw ServiceException.invalid("text must not be empty");
        }
        rules.checkText("text", text);
        Document document = documents.get(caller, slug);
        Reply reply = withStore(() -> store.addReply(slug, commentId, caller.username(), text, clock.instant()))
                .orElseThrow(() -> noSuchComment(slug, commentId));
        commentsChanged(slug);
        ReplyAdded added = new ReplyAdded(slug, document.title(), document.revision(), commentId, reply,
                caller.isSystemAccount());
        replyListeners.forEach(listener -> listener.accept(added));
        return reply;
    }

    public Comment resolve(Caller caller, String slug, long commentId) {
        requirePerson(caller, "resolve a comment");
        return setResolved(caller, slug, commentId, caller.username());
    }

    public Comment reopen(Caller caller, String slug, long commentId) {
        requirePerson(caller, "reopen a comment");
        return setResolved(caller, slug, commentId, null);
    }

    /** Deletes a comment with its replies: its author or an admin only. */
    public void deleteComment(Caller caller, String slug, long commentId) {
        documents.get(caller, slug);
        Comment comment = withStore(() -> store.comment(slug, commentId))
                .orElseThrow(() -> noSuchComment(slug, commentId));
        boolean author = !caller.isSystemAccount() && comment.author().equals(caller.username());
        if (!author && !caller.isAdmin()) {
            throw denied("only the comment's author or an admin may delete it");
        }
        if (!withStore(() -> store.deleteComment(slug, commentId))) {
            throw noSuchComment(slug, commentId);
        }
        commentsChanged(slug);
    }

    /** Calls {@code listener} with the slug of every document whose comments or replies change from now on. */
    public void onCommentsChanged(Consumer<String> listener) {
        commentListeners.add(listener);
    }

    /**
     * Calls {@code listener} with every reply added from now on, after it is
     * stored. The listener runs on the replying thread, so it must return at once.
     */
    public void onReply(Consumer<ReplyAdded> listener) {
        replyListeners.add(listener);
    }

    private void commentsChanged(String slug) {
        commentListeners.forEach(listener -> listener.accept(slug));
    }

    /**
     * Records a verdict on the current revision. {@code revision}, when given,
     * must be the current one, so a verdict never lands on a revision the
     * reviewer did not read.
     */
    public Verdict review(Caller caller, String slug, Long revision, VerdictKind kind, String summary) {
        requirePerson(caller, "give a verdict");
        if (kind == null) {
            throw ServiceException.invalid("verdict must be approve or request_changes");
        }
        rules.checkText("summary", summary);
        String storedSummary = summary == null || summary.isBlank() ? null : summary;
        Document document = documents.get(caller, slug);
        long current = document.revision();
        if (revision != null && revision != current) {
            throw notCurrent(slug, revision, current);
        }
        Verdict verdict = withStore(() -> store.addVerdict(slug, current, kind, storedSummary, caller.username(),
                clock.instant())).orElseThrow(() -> {
                    // Deleted, or pushed again, since it was read above.
                    Document now = documents.get(caller, slug);
                    return notCurrent(slug, current, now.revision());
                });
        waiters.verdictGiven(slug, current);
        return verdict;
    }

    /** Every comment of the document as seen against {@code revision} (null: current), oldest first. */
    public List<Comment> comments(Caller caller, String slug, Long revision) {
        Target target = target(caller, slug, revision);
        List<Comment> stored = withStore(() -> store.comments(slug)).orElseThrow(() -> noSuchDocument(slug));
        List<Comment> seen = new ArrayList<>(stored.size());
        for (Comment comment : stored) {
            seen.add(seenOn(comment, target));
        }
        return List.copyOf(seen);
    }

    /** The review of {@code revision} (null: current) as data and as Markdown. */
    public Feedback feedback(Caller caller, String slug, Long revision) {
        return feedback(caller, slug, revision, false);
    }

    /**
     * Completes with the feedback as soon as a verdict exists on {@code revision}
     * (null: current), or after {@code timeout} (null: {@link #DEFAULT_WAIT},
     * at most {@link #MAX_WAIT}) with {@code pending} true. Holds no thread and
     * no database connection while it waits. Checks (document exists, caller may
     * read) happen at once and throw rather than complete exceptionally.
     */
    public CompletableFuture<Feedback> waitForFeedback(Caller caller, String slug, Long revision, Duration timeout) {
        Duration wait = timeout == null ? DEFAULT_WAIT : timeout;
        if (wait.isNegative() || wait.isZero()) {
            throw ServiceException.invalid("a wait must last at least a moment (1 to "
                    + MAX_WAIT.toSeconds() + " seconds)");
        }
        if (wait.compareTo(MAX_WAIT) > 0) {
            wait = MAX_WAIT;
        }
        Target target = target(caller, slug, revision);
        long number = target.revision();
        if (number < target.currentRevision()) {
            // No verdict can come any more: only the current revision is judged.
            return CompletableFuture.completedFuture(feedback(caller, slug, number, true));
        }
        CompletableFuture<Boolean> waiter = waiters.register(slug, number, wait);
        // After registering: a verdict given in between is seen here or wakes the waiter.
        if (withStore(() -> store.latestVerdict(slug, number)).isPresent()) {
            waiter.complete(true);
        }
        return waiter.thenApplyAsync(given -> feedback(caller, slug, number, !given), scheduler);
    }

    /**
     * Answers every open wait now ({@code pending} when there is no verdict):
     * called when the server stops, so draining the listeners does not wait
     * out the long polls.
     */
    public void endWaits() {
        waiters.endAll();
    }

    /** How many waits are open now. */
    public int openWaits() {
        return waiters.size();
    }

    private Feedback feedback(Caller caller, String slug, Long revision, boolean waitEnded) {
        Target target = target(caller, slug, revision);
        long number = target.revision();
        Optional<Verdict> verdict = withStore(() -> store.latestVerdict(slug, number));
        ReviewStatus status = verdict.map(v -> v.kind() == VerdictKind.APPROVE ? ReviewStatus.APPROVED
                : ReviewStatus.CHANGES_REQUESTED).orElse(ReviewStatus.PENDING);
        List<Comment> stored = withStore(() -> store.comments(slug)).orElseThrow(() -> noSuchDocument(slug));
        List<Comment> points = new ArrayList<>();
        for (Comment comment : stored) {
            boolean onIt = comment.revision() == number;
            boolean carried = comment.revision() < number && !comment.resolved();
            if (onIt || carried) {
                points.add(seenOn(comment, target));
            }
        }
        boolean pending = waitEnded && verdict.isEmpty();
        return new Feedback(slug, number, target.currentRevision(), status, verdict.orElse(null), points, pending,
                FeedbackMarkdown.of(slug, number, target.currentRevision(), status, verdict.orElse(null), points,
                        pending));
    }

    private Comment setResolved(Caller caller, String slug, long commentId, String resolvedBy) {
        Target target = target(caller, slug, null);
        Comment comment = withStore(() -> store.setResolved(slug, commentId, resolvedBy, clock.instant()))
                .orElseThrow(() -> noSuchComment(slug, commentId));
        return seenOn(comment, target);
    }

    /** A comment as seen on the target revision: re-anchored there, or outdated when its passage is gone. */
    private Comment seenOn(Comment comment, Target target) {
        if (comment.isGeneral()) {
            return comment;
        }
        if (comment.revision() == target.revision()) {
            return withCurrent(comment, comment.anchor());
        }
        if (comment.resolved()) {
            return comment;
        }
        Anchor current = placements.get(new Placement(target.key(), comment.anchor()),
                k -> Optional.ofNullable(target.anchoring().reanchor(comment.anchor()))).orElse(null);
        return current == null ? outdated(comment) : withCurrent(comment, current);
    }

    private Anchor place(Anchor anchor, Target target) {
        if (anchor.quote() == null || anchor.quote().isBlank()) {
            throw ServiceException.invalid("quote must not be empty");
        }
        ReviewRules.checkChars("quote", anchor.quote(), ReviewRules.MAX_QUOTE_CHARS);
        ReviewRules.checkChars("prefix", anchor.prefix(), ReviewRules.MAX_CONTEXT_CHARS);
        ReviewRules.checkChars("suffix", anchor.suffix(), ReviewRules.MAX_CONTEXT_CHARS);
        Anchoring anchoring = target.anchoring();
        int lines = anchoring.lineCount();
        if (anchor.startLine() < 1 || anchor.endLine() < anchor.startLine() || anchor.endLine() > lines) {
            throw ServiceException.invalid("lines " + anchor.startLine() + "–" + anchor.endLine()
                    + " are not a range of revision " + target.revision() + " (lines 1–" + lines + ")");
        }
        Anchor given = new Anchor(anchor.quote(), anchor.prefix() == null ? "" : anchor.prefix(),
                anchor.suffix() == null ? "" : anchor.suffix(), anchor.startLine(), anchor.endLine());
        Anchor placed = anchoring.placeOnLines(given);
        if (placed == null) {
            throw ServiceException.invalid("quote not found on lines " + anchor.startLine() + "–" + anchor.endLine()
                    + " of revision " + target.revision());
        }
        return placed;
    }

    /** A revision of a document, with its text projection made on first use. */
    private final class Target {
        private final String slug;
        private final long revision;
        private final long currentRevision;
        private final Supplier<String> body;
        private final String bodySha256;
        private Anchoring anchoring;

        Target(String slug, long revision, long currentRevision, Supplier<String> body, String bodySha256) {
            this.slug = slug;
            this.revision = revision;
            this.currentRevision = currentRevision;
            this.body = body;
            this.bodySha256 = bodySha256;
        }

        long revision() {
            return revision;
        }

        long currentRevision() {
            return currentRevision;
        }

        /** Names this revision's body: a deleted and re-pushed document gets new entries. */
        String key() {
            return slug + "\n" + revision + "\n" + bodySha256;
        }

        Anchoring anchoring() {
            if (anchoring == null) {
                anchoring = projections.get(key(), k -> {
                    String markdown = body.get();
                    return new Anchoring(RenderedText.of(markdown), markdown);
                });
            }
            return anchoring;
        }
    }

    /** The revision a call is about (null: current), after checking that the document and revision exist. */
    private Target target(Caller caller, String slug, Long revision) {
        Document document = documents.get(caller, slug);
        if (revision == null || revision == document.revision()) {
            return new Target(slug, document.revision(), document.revision(), document::body,
                    document.bodySha256());
        }
        var kept = documents.revision(caller, slug, revision);
        return new Target(slug, kept.number(), document.revision(), kept::body, kept.bodySha256());
    }

    private static Comment withCurrent(Comment c, Anchor current) {
        return new Comment(c.id(), c.revision(), c.kind(), c.anchor(), current, false, c.text(), c.replacement(),
                c.author(), c.createdAt(), c.resolved(), c.resolvedBy(), c.resolvedAt(), c.replies());
    }

    private static Comment outdated(Comment c) {
        return new Comment(c.id(), c.revision(), c.kind(), c.anchor(), null, true, c.text(), c.replacement(),
                c.author(), c.createdAt(), c.resolved(), c.resolvedBy(), c.resolvedAt(), c.replies());
    }

    /** A person (not an agent) with role user or admin. */
    private static boolean isPerson(Caller caller) {
        return !caller.isSystemAccount() && (caller.roles().contains("user") || caller.isAdmin());
    }

    private static void requirePerson(Caller caller, String action) {
        if (!isPerson(caller)) {
            throw denied(caller.isSystemAccount()
                    ? "system accounts may read feedback and reply, but not " + action
                    : "only people with role user or admin may " + action);
        }
    }

    private static ServiceException denied(String message) {
        return new ServiceException(ServiceException.Kind.PERMISSION_DENIED, message);
    }

    private static ServiceException notCurrent(String slug, long revision, long current) {
        return ServiceException.invalid("revision " + revision + " is not the current revision of \"" + slug
                + "\" (" + current + "); read the current one before giving a verdict");
    }

    private static ServiceException noSuchDocument(String slug) {
        return ServiceException.notFound("no document with slug \"" + slug + "\"");
    }

    private static ServiceException noSuchComment(String slug, long id) {
        return ServiceException.notFound("document \"" + slug + "\" has no comment " + id);
    }

    private static <T> T withStore(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (StorageException e) {
            throw ServiceException.unavailable("the database is unavailable; try again shortly", e);
        }
    }
}
