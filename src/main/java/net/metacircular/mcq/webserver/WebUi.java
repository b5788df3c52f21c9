package net.metacircular.mcq.webserver;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.attachments.AttachmentService;
import net.metacircular.mcq.auth.AuthService;
import net.metacircular.mcq.config.Config;
import net.metacircular.mcq.documents.DocumentService;
import net.metacircular.mcq.reviews.ReviewService;
import net.metacircular.mcq.search.SearchService;
import net.metacircular.mcq.render.ChangesRenderer;
import net.metacircular.mcq.render.MarkdownRenderer;
import net.metacircular.mcq.render.RenderCache;
import net.metacircular.mcq.http.HttpServer;
import net.metacircular.mcq.http.HttpStatuses;
import net.metacircular.mcq.http.Json;
import net.metacircular.mcq.http.HttpSurface;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * The reviewer's web UI: server-rendered pages for the queue and the reader,
 * sign-in (password form or MCIAS SSO) and sign-out. Access to every route
 * is decided in one place, {@link WebAccess} with {@link WebAccessTable}.
 */
public final class WebUi implements HttpSurface {

    private final WebAccess access;
    private final Pages pages;
    private final StaticAssets assets;
    private final SignIn signIn;
    private final SsoFlow sso;
    private final DocumentPages documentPages;
    private final RevisionPages revisionPages;
    private final FilePages filePages;
    private final ReviewPages reviewPages;
    private final SearchPages searchPages;
    private final LiveEvents liveEvents;
    /** Comments and verdicts (spec §15), for the review UI. */
    private final ReviewService reviews;

    public WebUi(Config config, DocumentService documents, ReviewService reviews, AttachmentService attachments,
                 SearchService search, AuthService auth, RenderCache renderer, Clock clock) {
        this.reviews = reviews;
        SecureRandom random = new SecureRandom();
        Cookies cookies = new Cookies(config.web().cookieSecure());
        Session session = new Session(cookies, clock);
        Csrf csrf = new Csrf(random, cookies);
        boolean ssoEnabled = config.sso().enabled();
        this.assets = new StaticAssets();
        this.pages = new Pages(assets,
                new PageHeaders(ssoEnabled ? PageHeaders.originOf(config.mcias().serverUrl()) : null), csrf);
        this.access = new WebAccess(auth, session, csrf, pages);
        this.signIn = new SignIn(auth, session, csrf, pages, ssoEnabled);
        this.sso = ssoEnabled
                ? new SsoFlow(auth, config.sso().redirectUri(), session, cookies, signIn, random)
                : null;
        RelativeTime time = new RelativeTime(clock);
        this.reviewPages = new ReviewPages(reviews, time, assets.url(StaticAssets.REVIEW_SCRIPT));
        this.filePages = new FilePages(attachments);
        this.documentPages = new DocumentPages(documents, renderer, time, pages, reviewPages, filePages);
        this.searchPages = new SearchPages(search, documentPages, pages);
        this.liveEvents = new LiveEvents(documents, config.limits().maxLiveStreamsPerAccount(),
                config.limits().maxLiveStreams());
        // The changes view renders block by block with the reader's renderer and limits.
        this.revisionPages = new RevisionPages(documents, renderer, new ChangesRenderer(new MarkdownRenderer()),
                time, pages, reviewPages, filePages);
    }

    @Override
    public void register(JavalinConfig config) {
        config.routes.beforeMatched(access::check);
        route(config, HandlerType.GET, "/", documentPages::queue);
        route(config, HandlerType.GET, "/search", searchPages::search);
        route(config, HandlerType.GET, "/events", liveEvents::open);
        // Open streams would otherwise hold the listener's drain for its whole timeout.
        config.events.serverStopping(liveEvents::close);
        route(config, HandlerType.GET, "/d/{slug}", documentPages::reader);
        route(config, HandlerType.GET, "/d/{slug}/delete", documentPages::confirmDelete);
        route(config, HandlerType.GET, "/d/{slug}/changes", revisionPages::changes);
        route(config, HandlerType.GET, "/d/{slug}/history", revisionPages::history);
        route(config, HandlerType.GET, "/d/{slug}/r/{revision}", revisionPages::revision);
        route(config, HandlerType.GET, "/d/{slug}/files/<name>", filePages::file);
        route(config, HandlerType.GET, "/d/{slug}/r/{revision}/files/<name>", filePages::revisionFile);
        route(config, HandlerType.POST, "/d/{slug}/read", documentPages::markRead);
        route(config, HandlerType.POST, "/d/{slug}/unread", documentPages::markUnread);
        route(config, HandlerType.POST, "/d/{slug}/delete", documentPages::delete);
        route(config, HandlerType.POST, "/d/{slug}/comments", reviewPages::addComment);
        route(config, HandlerType.POST, "/d/{slug}/comments/{id}/replies", reviewPages::reply);
        route(config, HandlerType.POST, "/d/{slug}/comments/{id}/resolve", reviewPages::resolve);
        route(config, HandlerType.POST, "/d/{slug}/comments/{id}/reopen", reviewPages::reopen);
        route(config, HandlerType.POST, "/d/{slug}/comments/{id}/delete", reviewPages::delete);
        route(config, HandlerType.POST, "/d/{slug}/review", reviewPages::review);
        route(config, HandlerType.GET, "/login", signIn::page);
        if (sso == null) {
            route(config, HandlerType.POST, "/login", signIn::submit);
        } else {
            route(config, HandlerType.GET, "/sso/redirect", sso::start);
            route(config, HandlerType.GET, "/sso/callback", sso::callback);
        }
        route(config, HandlerType.GET, "/logout", signIn::confirmPage);
        route(config, HandlerType.POST, "/logout", signIn::signOut);
        route(config, HandlerType.GET, "/static/{name}", this::staticAsset);
        route(config, HandlerType.GET, "/static/vendor/{name}", this::vendorAsset);
        // The installable web app: both at fixed root addresses (the worker's scope is the folder it is in).
        route(config, HandlerType.GET, StaticAssets.MANIFEST_PATH, assets::serveAtRoot);
        route(config, HandlerType.GET, StaticAssets.SERVICE_WORKER_PATH, assets::serveAtRoot);
        // Unknown addresses asked for by a browser get a page; API clients keep the JSON error.
        config.routes.error(404, "html", this::notFound);
        config.routes.error(405, "html", this::methodNotAllowed);
    }

    private void route(JavalinConfig config, HandlerType method, String path, Handler handler) {
        config.routes.addEndpoint(new Endpoint(method, path, page(handler)));
    }

    /** Service failures become error pages with the matching status, never a stack trace. */
    private Handler page(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (ServiceException e) {
                if (ReviewPages.wantsJson(ctx)) {
                    // The review forms' script asked for JSON: it shows the message beside the form.
                    Json.error(ctx, HttpStatuses.of(e.kind()), e.getMessage());
                } else {
                    pages.error(ctx, e);
                }
            }
        };
    }

    private void staticAsset(Context ctx) {
        if (!assets.serve(ctx, ctx.pathParam("name"))) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("no such file");
        }
    }

    private void vendorAsset(Context ctx) {
        if (!assets.serve(ctx, "vendor/" + ctx.pathParam("name"))) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("no such file");
        }
    }

    /** A browser that asks for a page with the wrong method (say, GET of a form's address). */
    private void methodNotAllowed(Context ctx) {
        if (WebAccess.isWebPath(ctx.path())) {
            pages.error(ctx, 405, "Not here", "This address takes a form, not a visit. Go back to the queue.");
            ctx.attribute(HttpServer.ERROR_PAGE_WRITTEN, true);
        }
    }

    /** Only for addresses no route matched: a page handler's own 404 page stays as it is. */
    private void notFound(Context ctx) {
        if (ctx.endpoints().matchedHttpEndpoint() == null && WebAccess.isWebPath(ctx.path())) {
            pages.notFound(ctx);
            ctx.attribute(HttpServer.ERROR_PAGE_WRITTEN, true);
        }
    }

    /** The live-update streams, for tests that publish events faster than pushes can. */
    LiveEvents liveEvents() {
        return liveEvents;
    }
}
