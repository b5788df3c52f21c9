package net.metacircular.mcq.server;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.attachments.AttachmentContent;
import net.metacircular.mcq.attachments.AttachmentService;
import net.metacircular.mcq.attachments.FileNames;
import net.metacircular.mcq.attachments.StoredUpload;
import net.metacircular.mcq.auth.AuthService;
import net.metacircular.mcq.auth.Caller;
import net.metacircular.mcq.auth.LoginResult;
import net.metacircular.mcq.documents.Document;
import net.metacircular.mcq.documents.DocumentRules;
import net.metacircular.mcq.documents.DocumentService;
import net.metacircular.mcq.documents.DocumentSummaryView;
import net.metacircular.mcq.documents.DocumentView;
import net.metacircular.mcq.documents.PutResult;
import net.metacircular.mcq.http.Access;
import net.metacircular.mcq.http.BearerToken;
import net.metacircular.mcq.http.BodyLimits;
import net.metacircular.mcq.http.Callers;
import net.metacircular.mcq.http.FileResponse;
import net.metacircular.mcq.http.HttpStatuses;
import net.metacircular.mcq.http.HttpSurface;
import net.metacircular.mcq.http.Json;
import net.metacircular.mcq.http.JsonRequest;
import net.metacircular.mcq.http.Route;

import net.metacircular.mcq.reviews.Anchor;
import net.metacircular.mcq.reviews.Comment;
import net.metacircular.mcq.reviews.CommentKind;
import net.metacircular.mcq.reviews.CommentView;
import net.metacircular.mcq.reviews.Feedback;
import net.metacircular.mcq.reviews.FeedbackView;
import net.metacircular.mcq.reviews.NewComment;
import net.metacircular.mcq.reviews.Reply;
import net.metacircular.mcq.reviews.ReviewService;
import net.metacircular.mcq.search.SearchResultsView;
import net.metacircular.mcq.search.SearchService;
import net.metacircular.mcq.reviews.Verdict;
import net.metacircular.mcq.reviews.VerdictKind;
import net.metacircular.mcq.reviews.VerdictView;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The REST API under {@code /v1}. Handlers only translate between HTTP and
 * the application services; the rules live in {@link DocumentService},
 * {@link ReviewService} and {@link AuthService}, and access in {@link RestAccessTable}. Documents go
 * out as {@link DocumentView} and queue entries as {@link DocumentSummaryView},
 * the representation MCP and gRPC share.
 */
public final class RestApi implements HttpSurface {

    private static final Set<String> LOGIN_FIELDS = Set.of("username", "password", "totp_code");
    private static final Set<String> PUT_FIELDS = Set.of("title", "body");
    private static final byte[] DOCUMENTS_OPEN = "{\"documents\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = {'}'};

    private static final Set<String> COMMENT_FIELDS = Set.of("kind", "text", "quote", "prefix", "suffix",
            "start_line", "end_line", "replacement", "revision");
    private static final Set<String> REPLY_FIELDS = Set.of("text");
    private static final Set<String> REVIEW_FIELDS = Set.of("verdict", "summary", "revision");

    private final DocumentService documents;
    private final ReviewService reviews;
    private final AttachmentService attachments;
    private final SearchService search;
    private final AuthService auth;
    private final long maxRequestBytes;
    private final ResponseCache responses = new ResponseCache(8L * 1024 * 1024);

    public RestApi(DocumentService documents, ReviewService reviews, AttachmentService attachments,
                   SearchService search, AuthService auth, long maxRequestBytes) {
        this.documents = documents;
        this.reviews = reviews;
        this.attachments = attachments;
        this.search = search;
        this.auth = auth;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void register(JavalinConfig config) {
        config.routes.beforeMatched("/v1/*", rest(this::checkAccess));
        route(config, HandlerType.GET, "/v1/health", this::health);
        route(config, HandlerType.POST, "/v1/auth/login", this::login);
        route(config, HandlerType.POST, "/v1/auth/logout", this::logout);
        route(config, HandlerType.GET, "/v1/documents", this::list);
        route(config, HandlerType.GET, "/v1/search", this::search);
        route(config, HandlerType.GET, "/v1/documents/{slug}", this::get);
        route(config, HandlerType.PUT, "/v1/documents/{slug}", this::put);
        route(config, HandlerType.DELETE, "/v1/documents/{slug}", this::delete);
        route(config, HandlerType.POST, "/v1/documents/{slug}/read", this::markRead);
        route(config, HandlerType.POST, "/v1/documents/{slug}/unread", this::markUnread);
        route(config, HandlerType.GET, "/v1/documents/{slug}/revisions", this::revisions);
        route(config, HandlerType.GET, "/v1/documents/{slug}/revisions/{revision}", this::revision);
        route(config, HandlerType.GET, "/v1/documents/{slug}/diff", this::diff);
        route(config, HandlerType.GET, "/v1/documents/{slug}/files", this::files);
        route(config, HandlerType.GET, "/v1/documents/{slug}/files/<name>", this::file);
        route(config, HandlerType.PUT, "/v1/documents/{slug}/files/<name>", this::putFile);
        route(config, HandlerType.DELETE, "/v1/documents/{slug}/files/<name>", this::deleteFile);
        route(config, HandlerType.GET, "/v1/documents/{slug}/feedback", this::feedback);
        route(config, HandlerType.GET, "/v1/documents/{slug}/comments", this::comments);
        route(config, HandlerType.POST, "/v1/documents/{slug}/comments", this::addComment);
        route(config, HandlerType.POST, "/v1/documents/{slug}/comments/{id}/replies", this::reply);
        route(config, HandlerType.POST, "/v1/documents/{slug}/comments/{id}/resolve", this::resolve);
        route(config, HandlerType.POST, "/v1/documents/{slug}/comments/{id}/reopen", this::reopen);
        route(config, HandlerType.DELETE, "/v1/documents/{slug}/comments/{id}", this::deleteComment);
        route(config, HandlerType.POST, "/v1/documents/{slug}/review", this::review);
    }

    private static void route(JavalinConfig config, HandlerType method, String path, Handler handler) {
        config.routes.addEndpoint(new Endpoint(method, path, rest(handler)));
    }

    /** Looks the matched route up in the access table; unlisted routes are refused. */
    private void checkAccess(Context ctx) {
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        if (matched == null) {
            return;
        }
        Access access = RestAccessTable.ROUTES.lookup(new Route(matched.method, matched.path))
                .orElseThrow(() -> new ServiceException(ServiceException.Kind.PERMISSION_DENIED,
                        "this route has no access rule"));
        if (access.needsCaller()) {
            Caller caller = auth.authenticate(bearerToken(ctx));
            access.check(caller);
            Callers.set(ctx, caller);
        }
    }

    private void health(Context ctx) {
        if (documents.isHealthy()) {
            Json.write(ctx, 200, Map.of("status", "ok"));
        } else {
            Json.error(ctx, 503, "the database is not usable");
        }
    }

    private void login(Context ctx) {
        // A login is three short fields; its limit is small so that anyone,
        // without an account, can make MCQ hold no more than a few KiB.
        JsonRequest request = JsonRequest.read(ctx, BodyLimits.SMALL_BODY_BYTES, LOGIN_FIELDS);
        LoginResult result = auth.login(request.string("username"), request.string("password"),
                request.string("totp_code"), ctx.ip());
        Json.write(ctx, 200, Map.of("token", result.token(), "expires_at", result.expiresAt()));
    }

    private void logout(Context ctx) {
        auth.logout(bearerToken(ctx));
        ctx.status(204);
    }

    private void list(Context ctx) {
        byte[] queue = responses.json(documents.list(caller(ctx)), DocumentSummaryView::queue);
        // {"documents": <queue>} without re-encoding the cached queue.
        Json.writeEncoded(ctx, DOCUMENTS_OPEN, queue, CLOSE);
    }

    private void search(Context ctx) {
        String query = ctx.queryParam("q");
        int page = DocumentRules.parsePage(ctx.queryParam("page"));
        Json.write(ctx, 200, SearchResultsView.of(query, page, search.search(caller(ctx), query, page)));
    }

    private void get(Context ctx) {
        Document document = documents.get(caller(ctx), ctx.pathParam("slug"));
        Json.writeEncoded(ctx, responses.json(document, DocumentView::of));
    }

    private void put(Context ctx) {
        JsonRequest request = JsonRequest.read(ctx, maxRequestBytes, PUT_FIELDS);
        PutResult result = documents.put(caller(ctx), ctx.pathParam("slug"),
                request.string("title"), request.string("body"));
        if (result.created()) {
            ctx.header("Location", "/v1/documents/" + result.document().slug());
        }
        Json.write(ctx, result.created() ? 201 : 200, new PushAnswer(DocumentView.of(result.document()),
                result.changed(), result.webUrl()));
    }

    private void delete(Context ctx) {
        documents.delete(caller(ctx), ctx.pathParam("slug"));
        ctx.status(204);
    }

    private void markRead(Context ctx) {
        Json.write(ctx, 200, DocumentView.of(documents.markRead(caller(ctx), ctx.pathParam("slug"))));
    }

    private void markUnread(Context ctx) {
        Json.write(ctx, 200, DocumentView.of(documents.markUnread(caller(ctx), ctx.pathParam("slug"))));
    }

    private void revisions(Context ctx) {
        Json.write(ctx, 200, Map.of("revisions", documents.revisions(caller(ctx), ctx.pathParam("slug"))));
    }

    private void revision(Context ctx) {
        Json.write(ctx, 200, documents.revision(caller(ctx), ctx.pathParam("slug"),
                DocumentRules.parseRevision(ctx.pathParam("revision"), "revision")));
    }

    private void diff(Context ctx) {
        Json.write(ctx, 200, documents.diff(caller(ctx), ctx.pathParam("slug"),
                DocumentRules.parseRevision(ctx.queryParam("from"), "from"),
                DocumentRules.parseRevision(ctx.queryParam("to"), "to")));
    }

    /** The files the current revision shows, or with {@code ?revision=N} those that revision shows. */
    private void files(Context ctx) {
        Json.write(ctx, 200, Map.of("files", attachments.list(caller(ctx), ctx.pathParam("slug"),
                DocumentRules.parseRevision(ctx.queryParam("revision"), "revision"))));
    }

    /**
     * A file exactly as stored, under the policy that lets nothing in it run
     * ({@link FileResponse}): its latest version, or with {@code ?revision=N}
     * the version that revision shows.
     */
    private void file(Context ctx) {
        AttachmentContent content = attachments.get(caller(ctx), ctx.pathParam("slug"), ctx.pathParam("name"),
                DocumentRules.parseRevision(ctx.queryParam("revision"), "revision"));
        FileResponse.write(ctx, content.attachment().mediaType(), content.attachment().name(), content.bytes());
    }

    /** The raw bytes of an image; its Content-Type must be the type the bytes turn out to be. */
    private void putFile(Context ctx) {
        String declared = ctx.header("Content-Type");
        if (declared == null || declared.isBlank()) {
            throw new ServiceException(ServiceException.Kind.UNSUPPORTED_TYPE,
                    "send the file's type as Content-Type (image/png, image/jpeg, image/gif, image/webp,"
                            + " image/svg+xml)");
        }
        String slug = ctx.pathParam("slug");
        StoredUpload upload = attachments.put(caller(ctx), slug, ctx.pathParam("name"), declared,
                ctx.bodyAsBytes());
        if (upload.created()) {
            ctx.header("Location", "/v1/documents/" + slug + "/files/" + FileNames.urlPath(upload.attachment().name()));
        }
        Json.write(ctx, upload.created() ? 201 : 200, upload.attachment());
    }

    private void deleteFile(Context ctx) {
        attachments.delete(caller(ctx), ctx.pathParam("slug"), ctx.pathParam("name"));
        ctx.status(204);
    }

    /**
     * The review of a revision; with {@code wait=SECONDS} a long poll that
     * answers as soon as a verdict exists or when the wait ends. The wait
     * holds no request thread: the handler returns a future that the
     * verdict (or the timer) completes.
     */
    private void feedback(Context ctx) {
        Caller caller = caller(ctx);
        String slug = ctx.pathParam("slug");
        Long revision = DocumentRules.parseRevision(ctx.queryParam("revision"), "revision");
        String wait = ctx.queryParam("wait");
        if (wait == null) {
            Json.write(ctx, 200, FeedbackView.of(reviews.feedback(caller, slug, revision)));
            return;
        }
        CompletableFuture<Feedback> answer = reviews.waitForFeedback(caller, slug, revision,
                Duration.ofSeconds(waitSeconds(wait)));
        ctx.future(() -> answer.handle((feedback, failure) -> {
            if (failure == null) {
                Json.write(ctx, 200, FeedbackView.of(feedback));
            } else if (unwrap(failure) instanceof ServiceException e) {
                Json.error(ctx, HttpStatuses.of(e.kind()), e.getMessage());
            } else {
                Json.error(ctx, 500, "the feedback could not be prepared");
            }
            return null;
        }));
    }

    private void comments(Context ctx) {
        Json.write(ctx, 200, Map.of("comments", CommentView.of(reviews.comments(caller(ctx), ctx.pathParam("slug"),
                DocumentRules.parseRevision(ctx.queryParam("revision"), "revision")))));
    }

    private void addComment(Context ctx) {
        JsonRequest request = JsonRequest.read(ctx, reviews.rules().maxRequestBytes(), COMMENT_FIELDS);
        CommentKind kind = CommentKind.fromWireName(request.string("kind"));
        String quote = request.string("quote");
        Long start = request.integer("start_line");
        Long end = request.integer("end_line");
        Anchor anchor = null;
        if (quote != null || start != null || end != null) {
            if (quote == null || start == null || end == null) {
                throw ServiceException.invalid("an anchored comment needs quote, start_line and end_line");
            }
            anchor = new Anchor(quote, request.string("prefix"), request.string("suffix"), line(start), line(end));
        } else if (request.string("prefix") != null || request.string("suffix") != null) {
            throw ServiceException.invalid("prefix and suffix belong to a quote");
        }
        Long revision = request.integer("revision");
        if (revision != null) {
            DocumentRules.checkRevision(revision);
        }
        Comment comment = reviews.addComment(caller(ctx), ctx.pathParam("slug"),
                new NewComment(revision, kind, anchor, request.string("text"), request.string("replacement")));
        Json.write(ctx, 201, CommentView.of(comment));
    }

    private void reply(Context ctx) {
        JsonRequest request = JsonRequest.read(ctx, reviews.rules().maxRequestBytes(), REPLY_FIELDS);
        Reply reply = reviews.reply(caller(ctx), ctx.pathParam("slug"), commentId(ctx), request.string("text"));
        Json.write(ctx, 201, CommentView.ReplyView.of(reply));
    }

    private void resolve(Context ctx) {
        Json.write(ctx, 200, CommentView.of(reviews.resolve(caller(ctx), ctx.pathParam("slug"), commentId(ctx))));
    }

    private void reopen(Context ctx) {
        Json.write(ctx, 200, CommentView.of(reviews.reopen(caller(ctx), ctx.pathParam("slug"), commentId(ctx))));
    }

    private void deleteComment(Context ctx) {
        reviews.deleteComment(caller(ctx), ctx.pathParam("slug"), commentId(ctx));
        ctx.status(204);
    }

    private void review(Context ctx) {
        JsonRequest request = JsonRequest.read(ctx, reviews.rules().maxRequestBytes(), REVIEW_FIELDS);
        VerdictKind kind = VerdictKind.fromWireName(request.string("verdict"));
        Long revision = request.integer("revision");
        if (revision != null) {
            DocumentRules.checkRevision(revision);
        }
        Verdict verdict = reviews.review(caller(ctx), ctx.pathParam("slug"), revision, kind,
                request.string("summary"));
        Json.write(ctx, 200, VerdictView.of(verdict));
    }

    /** {@code wait}: whole seconds, 1 to the longest wait. */
    private static long waitSeconds(String value) {
        long max = ReviewService.MAX_WAIT.toSeconds();
        if (value.length() <= 4 && !value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            long seconds = Long.parseLong(value);
            if (seconds >= 1 && seconds <= max) {
                return seconds;
            }
        }
        throw ServiceException.invalid("wait must be a number of seconds from 1 to " + max);
    }

    /** A comment id in the path; anything but a positive number names no comment. */
    private static long commentId(Context ctx) {
        String value = ctx.pathParam("id");
        if (value.length() <= 18 && !value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Long.parseLong(value);
        }
        throw ServiceException.invalid("comment id must be a number");
    }

    private static int line(long value) {
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw ServiceException.invalid("start_line and end_line must be line numbers (1, 2, ...)");
        }
        return (int) value;
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /**
     * A push's answer: the document as every surface shows it, whether a
     * revision was stored, and its absolute address (null without
     * {@code [server] public_url}).
     */
    private record PushAnswer(@JsonUnwrapped DocumentView document, boolean changed, String webUrl) {
    }

    private static Caller caller(Context ctx) {
        return Callers.of(ctx);
    }

    private static String bearerToken(Context ctx) {
        return BearerToken.from(ctx.header("Authorization"));
    }

    /** Turns service failures into {@code {"error": ...}} with the matching status. */
    private static Handler rest(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (ServiceException e) {
                Json.error(ctx, HttpStatuses.of(e.kind()), e.getMessage());
                e.retryAfterSeconds().ifPresent(seconds -> ctx.header("Retry-After", seconds));
                ctx.skipRemainingHandlers();
                if (e.kind() == ServiceException.Kind.UNAUTHENTICATED) {
                    ctx.header("WWW-Authenticate", BearerToken.CHALLENGE);
                }
            } catch (JsonRequest.UnsupportedMediaType e) {
                Json.error(ctx, 415, e.getMessage());
                ctx.skipRemainingHandlers();
            }
        };
    }
}
