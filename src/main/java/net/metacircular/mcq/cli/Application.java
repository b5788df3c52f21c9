package net.metacircular.mcq.cli;

import net.metacircular.mcq.DaemonThreads;
import net.metacircular.mcq.attachments.AttachmentRules;
import net.metacircular.mcq.attachments.AttachmentService;
import net.metacircular.mcq.auth.AuthService;
import net.metacircular.mcq.auth.LoginThrottle;
import net.metacircular.mcq.auth.MciasClient;
import net.metacircular.mcq.auth.TokenCache;
import net.metacircular.mcq.config.Config;
import net.metacircular.mcq.db.Database;
import net.metacircular.mcq.db.DatabaseLock;
import net.metacircular.mcq.db.SqliteAttachmentStore;
import net.metacircular.mcq.db.SqliteDocumentStore;
import net.metacircular.mcq.db.SqliteSearchIndex;
import net.metacircular.mcq.search.SearchService;
import net.metacircular.mcq.db.SqliteReviewStore;
import net.metacircular.mcq.documents.DocumentRules;
import net.metacircular.mcq.documents.DocumentService;
import net.metacircular.mcq.documents.WebLinks;
import net.metacircular.mcq.grpcserver.AccessInterceptor;
import net.metacircular.mcq.grpcserver.AdminRpcService;
import net.metacircular.mcq.grpcserver.AuthRpcService;
import net.metacircular.mcq.grpcserver.DocumentRpcService;
import net.metacircular.mcq.grpcserver.FileRpcService;
import net.metacircular.mcq.grpcserver.GrpcAccessTable;
import net.metacircular.mcq.grpcserver.GrpcServer;
import net.metacircular.mcq.grpcserver.ReviewRpcService;
import net.metacircular.mcq.mcp.McpSurface;
import net.metacircular.mcq.notify.Notifier;
import net.metacircular.mcq.render.MarkdownRenderer;
import net.metacircular.mcq.render.RenderCache;
import net.metacircular.mcq.http.HttpServer;
import net.metacircular.mcq.reviews.ReviewRules;
import net.metacircular.mcq.reviews.ReviewService;
import net.metacircular.mcq.server.RestApi;
import net.metacircular.mcq.http.TlsContexts;
import net.metacircular.mcq.webserver.WebUi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The running service: one database, one set of application services, and
 * the listeners that expose them. Built with plain constructors from a
 * validated {@link Config}; {@code mcq server}, {@code mcq devserver} and the
 * tests all start MCQ through here.
 */
public final class Application implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Application.class);

    /** Held while running: keeps a second server and {@code mcq restore} off this database. */
    private final DatabaseLock databaseLock;
    private final Database database;
    private final AuthService auth;
    private final DocumentService documents;
    private final ReviewService reviews;
    private final AttachmentService attachments;
    private final SearchService search;
    /** Wait timeouts and the answers of ended waits, for every surface's feedback waits. */
    private final ScheduledExecutorService reviewScheduler;
    private final HttpServer http;
    private final WebUi web;
    /** Null when {@code server.grpc_addr} is not set. */
    private final GrpcServer grpc;
    /** Null when {@code [notify]} has no targets. */
    private final Notifier notifier;

    private Application(DatabaseLock databaseLock, Database database, AuthService auth,
                        DocumentService documents, ReviewService reviews, AttachmentService attachments,
                        SearchService search, ScheduledExecutorService reviewScheduler, HttpServer http,
                        WebUi web, GrpcServer grpc, Notifier notifier) {
        this.web = web;
        this.databaseLock = databaseLock;
        this.database = database;
        this.auth = auth;
        this.documents = documents;
        this.reviews = reviews;
        this.attachments = attachments;
        this.search = search;
        this.reviewScheduler = reviewScheduler;
        this.http = http;
        this.grpc = grpc;
        this.notifier = notifier;
    }

    public static Application start(Config config) {
        return start(config, Clock.systemUTC());
    }

    public static Application start(Config config, Clock clock) {
        DatabaseLock databaseLock = DatabaseLock.acquire(config.database().path(), "server");
        Database database;
        try {
            database = Database.open(config.database().path());
        } catch (RuntimeException e) {
            databaseLock.close();
            throw e;
        }
        HttpServer http = null;
        SearchService search = null;
        Notifier notifier = null;
        ScheduledExecutorService reviewScheduler = reviewScheduler();
        try {
            MciasClient mcias = new MciasClient(config.mcias().serverUrl(), mciasTls(config.mcias().caCert()),
                    config.mcias().serviceName(), config.mcias().tags());
            AuthService auth = new AuthService(mcias,
                    new TokenCache(config.limits().tokenCacheEntries(), TokenCache.DEFAULT_TTL, clock),
                    new LoginThrottle(clock));
            SqliteDocumentStore documentStore = new SqliteDocumentStore(database);
            DocumentService documents = new DocumentService(documentStore,
                    new DocumentRules(config.limits().maxDocumentBytes(), config.limits().maxRevisions()), clock,
                    new WebLinks(config.server().publicUrl()));
            ReviewService reviews = new ReviewService(new SqliteReviewStore(database, documentStore), documents,
                    new ReviewRules(config.limits().maxCommentBytes(), config.limits().maxCommentsPerDocument()),
                    clock, reviewScheduler);

            AttachmentService attachments = new AttachmentService(new SqliteAttachmentStore(database, documentStore),
                    new AttachmentRules(config.limits().maxFileBytes(), config.limits().maxFilesBytesPerDocument()),
                    clock);
            documents.onRevisionPushed(document -> attachments.documentChanged(document.slug()));
            search = new SearchService(SqliteSearchIndex.open(database), documents);
            reviews.onCommentsChanged(search::changed);
            if (!config.notifications().targets().isEmpty()) {
                notifier = Notifier.start(config.notifications(), documents.links());
                documents.onRevisionPushed(notifier::pushed);
                reviews.onReply(notifier::replied);
            }

            SSLContext tls = config.server().httpTlsEnabled()
                    ? TlsContexts.serverContext(config.server().tlsCert(), config.server().tlsKey())
                    : null;
            RestApi rest = new RestApi(documents, reviews, attachments, search, auth,
                    config.limits().maxRequestBytes());
            WebUi web = new WebUi(config, documents, reviews, attachments, search, auth,
                    new RenderCache(new MarkdownRenderer(), RenderCache.DEFAULT_MAX_BYTES), clock);
            McpSurface mcp = new McpSurface(documents, reviews, attachments, search, auth,
                    config.limits().maxRequestBytes());
            http = new HttpServer(config.server().listenAddr(), tls, config.limits(), List.of(rest, web, mcp)).start();
            log.atInfo()
                    .addKeyValue("addr", config.server().listenAddr().host() + ":" + http.port())
                    .addKeyValue("tls", tls != null ? "TLS 1.3 only"
                            : config.server().tlsEnabled() ? "off (plain HTTP: http_tls = false, TLS ends at the proxy)"
                            : "off (plain HTTP)")
                    .log("HTTP listener started");
            GrpcServer grpc = startGrpc(config, auth, documents, reviews, attachments, search);
            return new Application(databaseLock, database, auth, documents, reviews, attachments, search,
                    reviewScheduler, http, web, grpc, notifier);
        } catch (RuntimeException e) {
            if (http != null) {
                http.stop();
            }
            if (notifier != null) {
                notifier.close();
            }
            reviewScheduler.shutdownNow();
            if (search != null) {
                search.close();
            }
            database.close();
            databaseLock.close();
            throw e;
        }
    }

    /** The system's trusted CAs plus the operator's private CA for MCIAS; null when none is configured. */
    private static SSLContext mciasTls(Path caCert) {
        if (caCert == null) {
            return null;
        }
        try {
            return TlsContexts.clientContextTrusting(caCert);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot load [mcias] ca_cert " + caCert + ": "
                    + e.getCause().getMessage(), e);
        }
    }

    /**
     * Two daemon threads: timers are cheap, and composing the answer of an
     * ended wait is a short read, so two keep up with hundreds of waiters.
     */
    private static ScheduledExecutorService reviewScheduler() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2,
                DaemonThreads.numbered("mcq-review-waits"));
        // A verdict cancels its waiters' timeouts; drop them at once rather than at their due time.
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }

    private static GrpcServer startGrpc(Config config, AuthService auth, DocumentService documents,
                                        ReviewService reviews, AttachmentService attachments, SearchService search) {
        if (!config.server().grpcEnabled()) {
            log.info("gRPC listener off: server.grpc_addr is not set");
            return null;
        }
        KeyManagerFactory tlsKeys = config.server().tlsEnabled()
                ? TlsContexts.keyManagers(config.server().tlsCert(), config.server().tlsKey())
                : null;
        // A message carries a document push or one file with its envelope.
        long maxMessageBytes = Math.max(config.limits().maxRequestBytes(), config.limits().maxFileBytes() + 64 * 1024);
        GrpcServer grpc = new GrpcServer(config.server().grpcAddr(), tlsKeys, maxMessageBytes,
                new AccessInterceptor(auth, GrpcAccessTable.MCQ),
                List.of(new DocumentRpcService(documents, search), new AuthRpcService(auth), new AdminRpcService(documents),
                        new ReviewRpcService(reviews), new FileRpcService(attachments)))
                .start();
        log.atInfo()
                .addKeyValue("addr", config.server().grpcAddr().host() + ":" + grpc.port())
                .addKeyValue("tls", tlsKeys == null ? "off (plaintext gRPC)" : "TLS 1.3 only")
                .log("gRPC listener started");
        return grpc;
    }

    public int httpPort() {
        return http.port();
    }

    /** Body bytes not held by HTTP requests in flight at the moment (diagnostics; tests wait on it). */
    public long bodyBytesAvailable() {
        return http.bodyBytesAvailable();
    }

    /** The bound gRPC port, or -1 when gRPC is off. */
    public int grpcPort() {
        return grpc == null ? -1 : grpc.port();
    }

    public HttpServer httpServer() {
        return http;
    }

    public Database database() {
        return database;
    }

    public DocumentService documents() {
        return documents;
    }

    public ReviewService reviews() {
        return reviews;
    }

    public AttachmentService attachments() {
        return attachments;
    }

    public SearchService search() {
        return search;
    }

    public WebUi web() {
        return web;
    }

    public AuthService auth() {
        return auth;
    }

    /** Stops accepting, drains in-flight requests, then closes the database. */
    @Override
    public void close() {
        try {
            // Both listeners stop accepting first, then both drain; open waits are
            // answered first so that draining does not sit out their timeouts.
            if (grpc != null) {
                grpc.shutdown();
            }
            reviews.endWaits();
            try {
                http.stop();
            } finally {
                if (grpc != null) {
                    grpc.awaitDrained();
                }
                reviewScheduler.shutdownNow();
                // After the listeners: a push that was in flight still queues its notification.
                if (notifier != null) {
                    notifier.close();
                }
            }
        } finally {
            try {
                search.close();
                database.close();
            } finally {
                databaseLock.close();
            }
        }
        log.info("stopped");
    }
}
