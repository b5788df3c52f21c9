package net.metacircular.mcq;

import net.metacircular.mcq.auth.AuthService;
import net.metacircular.mcq.auth.MciasClient;
import net.metacircular.mcq.auth.TokenCache;
import net.metacircular.mcq.config.Config;
import net.metacircular.mcq.db.Database;
import net.metacircular.mcq.db.DocumentStore;
import net.metacircular.mcq.documents.DocumentRules;
import net.metacircular.mcq.documents.DocumentService;
import net.metacircular.mcq.mcp.McpSurface;
import net.metacircular.mcq.server.HttpServer;
import net.metacircular.mcq.server.RestApi;
import net.metacircular.mcq.server.TlsContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.time.Clock;
import java.util.List;

/**
 * The running service: one database, one set of application services, and
 * the listeners that expose them. Built with plain constructors from a
 * validated {@link Config}; {@code mcq server}, {@code mcq devserver} and the
 * tests all start MCQ through here.
 */
public final class Application implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Application.class);

    private final Database database;
    private final AuthService auth;
    private final DocumentService documents;
    private final HttpServer http;

    private Application(Database database, AuthService auth, DocumentService documents, HttpServer http) {
        this.database = database;
        this.auth = auth;
        this.documents = documents;
        this.http = http;
    }

    public static Application start(Config config) {
        return start(config, Clock.systemUTC());
    }

    public static Application start(Config config, Clock clock) {
        Database database = Database.open(config.database().path());
        try {
            MciasClient mcias = new MciasClient(config.mcias().serverUrl(), config.mcias().caCert(),
                    config.mcias().serviceName(), config.mcias().tags());
            AuthService auth = new AuthService(mcias,
                    new TokenCache(config.limits().tokenCacheEntries(), TokenCache.DEFAULT_TTL, clock));
            DocumentService documents = new DocumentService(new DocumentStore(database),
                    new DocumentRules(config.limits().maxDocumentBytes()), clock);

            SSLContext tls = config.server().tlsEnabled()
                    ? TlsContexts.serverContext(config.server().tlsCert(), config.server().tlsKey())
                    : null;
            RestApi rest = new RestApi(documents, auth, database, config.limits().maxRequestBytes());
            McpSurface mcp = new McpSurface(documents, auth, config.limits().maxRequestBytes());
            HttpServer http = new HttpServer(config.server().listenAddr(), tls, List.of(rest, mcp)).start();
            log.atInfo()
                    .addKeyValue("addr", config.server().listenAddr().host() + ":" + http.port())
                    .addKeyValue("tls", tls == null ? "off (plain HTTP)" : "TLS 1.3 only")
                    .log("HTTP listener started");
            return new Application(database, auth, documents, http);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public int httpPort() {
        return http.port();
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

    public AuthService auth() {
        return auth;
    }

    /** Stops accepting, drains in-flight requests, then closes the database. */
    @Override
    public void close() {
        try {
            http.stop();
        } finally {
            database.close();
        }
        log.info("stopped");
    }
}
