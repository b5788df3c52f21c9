package net.metacircular.mcq.server;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import net.metacircular.mcq.ServiceException;
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
import net.metacircular.mcq.http.HttpStatuses;
import net.metacircular.mcq.http.HttpSurface;
import net.metacircular.mcq.http.Json;
import net.metacircular.mcq.http.JsonRequest;
import net.metacircular.mcq.http.Route;

import java.util.Map;
import java.util.Set;

/**
 * The REST API under {@code /v1}. Handlers only translate between HTTP and
 * the application services; the rules live in {@link DocumentService} and
 * {@link AuthService}, and access in {@link RestAccessTable}. Documents go
 * out as {@link DocumentView} and queue entries as {@link DocumentSummaryView},
 * the representation MCP and gRPC share.
 */
public final class RestApi implements HttpSurface {

    private static final Set<String> LOGIN_FIELDS = Set.of("username", "password", "totp_code");
    private static final Set<String> PUT_FIELDS = Set.of("title", "body");
    private static final byte[] DOCUMENTS_OPEN = "{\"documents\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = {'}'};

    private final DocumentService documents;
    private final AuthService auth;
    private final long maxRequestBytes;
    private final ResponseCache responses = new ResponseCache(8L * 1024 * 1024);

    public RestApi(DocumentService documents, AuthService auth, long maxRequestBytes) {
        this.documents = documents;
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
        route(config, HandlerType.GET, "/v1/documents/{slug}", this::get);
        route(config, HandlerType.PUT, "/v1/documents/{slug}", this::put);
        route(config, HandlerType.DELETE, "/v1/documents/{slug}", this::delete);
        route(config, HandlerType.POST, "/v1/documents/{slug}/read", this::markRead);
        route(config, HandlerType.POST, "/v1/documents/{slug}/unread", this::markUnread);
        route(config, HandlerType.GET, "/v1/documents/{slug}/revisions", this::revisions);
        route(config, HandlerType.GET, "/v1/documents/{slug}/revisions/{revision}", this::revision);
        route(config, HandlerType.GET, "/v1/documents/{slug}/diff", this::diff);
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
                result.changed()));
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

    /** A push's answer: the document as every surface shows it, and whether a revision was stored. */
    private record PushAnswer(@JsonUnwrapped DocumentView document, boolean changed) {
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
