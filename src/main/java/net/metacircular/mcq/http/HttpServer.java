package net.metacircular.mcq.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import net.metacircular.mcq.auth.Caller;
import net.metacircular.mcq.config.Config;
import net.metacircular.mcq.config.ListenAddress;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The main HTTP listener, shared by the REST API, the web UI and MCP.
 *
 * <p>It owns what every surface has in common: the connector (TLS 1.3 only
 * when TLS is configured), timeouts, the guards that keep one client from
 * taking the server down (method hygiene, per-route body limits, the shared
 * budget of body bytes in flight, bodies read before a thread is used, a
 * minimum body data rate, a cap on connections per client address),
 * security headers, a request log line per request, and errors for
 * unmatched routes. It never logs query strings,
 * headers or bodies, so tokens, cookies, SSO codes and passwords stay out of
 * the log.
 */
public final class HttpServer {

    /** Time allowed to read a request or write a response while one is in progress. */
    public static final Duration READ_WRITE_TIMEOUT = Duration.ofSeconds(30);
    /** Time an idle keep-alive connection is kept open. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(120);
    /**
     * Connections the kernel holds for the acceptor. The JDK's default of 50
     * overflows when a few hundred agents connect at once: the kernel then
     * answers with SYN cookies and drops completed handshakes, and some
     * clients see their connection closed before any response. The kernel
     * caps it at {@code net.core.somaxconn} (4096 on current Linux).
     */
    static final int ACCEPT_QUEUE = 1024;
    /** Time in-flight requests get to finish on shutdown. */
    public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
    /** Longest wait for a share of the body budget before 503 with Retry-After. */
    public static final Duration ADMISSION_WAIT = Duration.ofSeconds(3);
    /** Requests that may wait for the body budget at once; beyond, 503 at once. */
    static final int MAX_WAITING_REQUESTS = 1000;
    /**
     * Slowest request body accepted, in bytes per second over the whole body:
     * a client that trickles its body (a byte every second or two) is cut
     * off at its next byte instead of holding its connection and its share
     * of the body budget for minutes. Any real network is far faster.
     */
    public static final long MIN_BODY_BYTES_PER_SECOND = 1024;
    /** Largest request line plus headers; beyond, 431. Jetty's default, stated. */
    public static final int MAX_REQUEST_HEADER_BYTES = 8 * 1024;

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    private static final Logger requestLog = LoggerFactory.getLogger("mcq.request");

    /**
     * Request attribute a surface's error handler sets when it has answered an
     * unmatched request itself, so the JSON "no such endpoint" does not replace it.
     */
    public static final String ERROR_PAGE_WRITTEN = "mcq.error-page-written";

    private final Javalin app;
    /** Body bytes the requests in flight may hold in all ({@code [limits] in_flight_body_bytes}). */
    private final ByteBudget bodyBudget;
    /** Every route the surfaces registered, in order, as Javalin announced them. */
    private final List<Route> routes = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param tls the server's TLS context, or null for plain HTTP (behind a
     *            TLS-terminating proxy, or for local development)
     */
    public HttpServer(ListenAddress address, SSLContext tls, Config.Limits limits, List<HttpSurface> surfaces) {
        this.bodyBudget = new ByteBudget(limits.inFlightBodyBytes(), MAX_WAITING_REQUESTS);
        this.app = Javalin.create(config -> {
            // Before any route is added, so that none is missed.
            config.events.handlerAdded(added -> routes.add(new Route(added.getHttpMethod(), added.getPath())));
            configure(config, address, tls, limits, bodyBudget, surfaces);
        });
    }

    private static void configure(JavalinConfig config, ListenAddress address, SSLContext tls,
                                  Config.Limits limits, ByteBudget bodyBudget, List<HttpSurface> surfaces) {
        config.startup.showJavalinBanner = false;
        config.http.prefer405over404 = true;
        config.jetty.threadPool = threadPool();
        config.jetty.modifyServer(server -> {
            server.setStopTimeout(DRAIN_TIMEOUT.toMillis());
            server.setErrorHandler(new JsonErrorHandler());
            server.setHandler(guards(limits, bodyBudget));
        });
        ConnectionsPerAddress perAddress = new ConnectionsPerAddress(limits.maxConnectionsPerAddress());
        config.jetty.addConnector((server, httpConfig) -> {
            ServerConnector connector = connector(server, httpConfig, address, tls);
            connector.addEventListener(perAddress);
            return connector;
        });
        config.requestLogger.http(HttpServer::logRequest);
        config.routes.before(HttpServer::securityHeaders);
        for (HttpSurface surface : surfaces) {
            surface.register(config);
        }
        // Only for requests no route matched; a handler's own 404 keeps its body,
        // and so does a page a surface's error handler wrote (the web UI's, for browsers).
        config.routes.error(404, ctx -> {
            if (ctx.endpoints().matchedHttpEndpoint() == null && ctx.attribute(ERROR_PAGE_WRITTEN) == null) {
                replaceWithError(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path());
            }
        });
        config.routes.error(405, ctx -> {
            if (ctx.attribute(ERROR_PAGE_WRITTEN) == null) {
                replaceWithError(ctx, 405, "method " + ctx.method() + " is not allowed here");
            }
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            log.error("unhandled error in {} {}", ctx.method(), ctx.path(), e);
            Json.error(ctx, 500, "internal error");
        });
    }

    /**
     * Replaces the result Javalin set for an unmatched request ("Endpoint GET
     * /x not found"): writing to the output stream would put the JSON before
     * that text instead of replacing it.
     */
    private static void replaceWithError(Context ctx, int status, String message) {
        ctx.status(status).contentType("application/json").result(JettyResponses.errorJson(message));
    }

    /**
     * The handlers in front of every surface (REST, web UI and the MCP
     * servlet alike), outermost first: method hygiene; per-route body limits
     * and the shared body budget; the minimum body data rate; then the body
     * read in full, asynchronously, before Javalin's handler (attached inside
     * the innermost wrapper) gets a worker thread.
     */
    private static MethodGate guards(Config.Limits limits, ByteBudget bodyBudget) {
        BodyLimits bodyLimits = new BodyLimits(limits.maxRequestBytes(), limits.maxFileBytes());
        MethodGate methods = new MethodGate();
        RequestAdmission admission = new RequestAdmission(bodyLimits, bodyBudget, ADMISSION_WAIT);
        MinimumDataRateHandler rate = new MinimumDataRateHandler(MIN_BODY_BYTES_PER_SECOND, 0);
        EagerContentHandler eager = new EagerContentHandler(new LimitedContentLoaderFactory(bodyLimits));
        methods.setHandler(admission);
        admission.setHandler(rate);
        rate.setHandler(eager);
        return methods;
    }

    private static QueuedThreadPool threadPool() {
        QueuedThreadPool pool = new QueuedThreadPool(64, 8, (int) Duration.ofMinutes(1).toMillis());
        pool.setName("mcq-http");
        return pool;
    }

    private static ServerConnector connector(Server server, HttpConfiguration httpConfig, ListenAddress address,
                                             SSLContext tls) {
        httpConfig.setIdleTimeout(READ_WRITE_TIMEOUT.toMillis());
        httpConfig.setSendServerVersion(false);
        httpConfig.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
        ServerConnector connector;
        if (tls == null) {
            connector = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
        } else {
            httpConfig.addCustomizer(new SecureRequestCustomizer());
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setSslContext(tls);
            ssl.setIncludeProtocols("TLSv1.3");
            connector = new ServerConnector(server, ssl, new HttpConnectionFactory(httpConfig));
        }
        connector.setHost(address.host());
        connector.setPort(address.port());
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        return connector;
    }

    /** Body bytes not held by requests in flight at the moment (diagnostics; tests wait on it). */
    public long bodyBytesAvailable() {
        return bodyBudget.available();
    }

    /**
     * Defaults for every response; the web UI replaces the CSP with its page
     * policy. Servlets mounted beside Javalin (MCP) apply them themselves.
     */
    public static final Map<String, String> DEFAULT_HEADERS = defaultHeaders();

    private static Map<String, String> defaultHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        headers.put("Cache-Control", "no-store");
        return Collections.unmodifiableMap(headers);
    }

    private static void securityHeaders(Context ctx) {
        DEFAULT_HEADERS.forEach(ctx::header);
    }

    private static void logRequest(Context ctx, Float millis) {
        Caller caller = Callers.of(ctx);
        logRequest(String.valueOf(ctx.method()), ctx.path(), ctx.statusCode(), millis, ctx.ip(),
                caller == null ? null : caller.username());
    }

    /**
     * The request log line; servlets mounted beside Javalin (MCP) write it
     * too. Never takes headers, query strings or bodies.
     *
     * @param user the authenticated account, or null
     */
    public static void logRequest(String method, String path, int status, double millis, String remote, String user) {
        requestLog.atInfo()
                .addKeyValue("method", method)
                .addKeyValue("path", path)
                .addKeyValue("status", status)
                .addKeyValue("ms", tenths(millis))
                .addKeyValue("remote", remote)
                .addKeyValue("user", user == null ? "-" : user)
                .log("request");
    }

    /**
     * Milliseconds with one decimal, as {@code String.format("%.1f")} writes
     * them but without its parser and formatter on every request.
     */
    static String tenths(double millis) {
        if (!(millis >= 0) || millis >= Long.MAX_VALUE / 10.0) {
            return String.format("%.1f", millis);
        }
        long tenths = Math.round(millis * 10);
        return (tenths / 10) + "." + (tenths % 10);
    }

    public HttpServer start() {
        app.start();
        return this;
    }

    /** Stops accepting connections and lets in-flight requests finish. */
    public void stop() {
        try {
            app.stop();
        } catch (RuntimeException e) {
            // Jetty gave up waiting for some connection after the drain
            // timeout; it has closed it anyway, so stopping goes on.
            log.warn("HTTP listener stopped after the {} s drain timeout: {}", DRAIN_TIMEOUT.toSeconds(), e.toString());
        }
    }

    /** The bound port (useful when configured with port 0). */
    public int port() {
        return app.port();
    }

    /**
     * Every route registered (HTTP methods and before/after hooks alike), so
     * that a check can hold each one against its access table.
     */
    public List<Route> routes() {
        return List.copyOf(routes);
    }
}
