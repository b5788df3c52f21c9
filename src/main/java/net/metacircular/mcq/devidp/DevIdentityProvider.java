package net.metacircular.mcq.devidp;

import io.javalin.Javalin;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small MCIAS-compatible identity provider for development and tests. MCQ keeps no user
 * database and sends every login and token check to MCIAS; on a laptop or in CI there is no
 * MCIAS, so tests and {@code mcq devserver} run this one over real HTTP in its place. It speaks
 * the MCIAS contract MCQ's client is written against: /v1/auth/login, /v1/auth/logout,
 * /v1/token/validate, /sso/authorize and /v1/sso/token.
 *
 * <p>Each instance has its own Ed25519 key pair, revocation list and SSO codes, all in memory.
 * {@link #stop()} makes it unreachable (to test MCQ during an MCIAS outage); a later
 * {@link #start()} listens on the same port again with the same keys, so earlier tokens still
 * validate, as they would after a real MCIAS outage.
 *
 * <p>It is not a security boundary: passwords are printed by devserver and the system token is
 * written to a file. It must never be used in production.
 */
public final class DevIdentityProvider implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DevIdentityProvider.class);

    private final AccountDirectory accounts;
    private final TokenIssuer tokens;
    private final AuthApi authApi;
    private final SsoRoutes ssoRoutes;
    private final Map<String, String> systemTokens = new LinkedHashMap<>();
    private BindAddress bind;
    private Javalin app;

    /**
     * Hashes the configured passwords and generates the signing key; the configuration itself is
     * not kept, so its plaintext passwords do not live as long as the provider.
     */
    public DevIdentityProvider(DevIdpConfig config, Clock clock) {
        this.bind = BindAddress.parse(config.bindAddress());
        this.accounts = new AccountDirectory(config, clock);
        this.tokens = new TokenIssuer(Ed25519Keys.generate(), clock);
        this.authApi = new AuthApi(accounts, tokens, new RevocationList(clock));
        this.ssoRoutes = new SsoRoutes(config.ssoClients(), accounts, tokens, new SsoCodes(clock));
    }

    /** Starts listening; on first start, also mints each system account's long-lived token. */
    public synchronized DevIdentityProvider start() {
        if (app != null) {
            throw new IllegalStateException("already started");
        }
        if (systemTokens.isEmpty()) {
            for (DevAccount account : accounts.systemAccounts()) {
                systemTokens.put(account.username(), tokens.issue(account).token());
            }
        }
        Javalin created = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            authApi.register(cfg.routes);
            ssoRoutes.register(cfg.routes);
            cfg.routes.exception(JsonIo.MalformedRequest.class,
                    (e, ctx) -> JsonIo.error(ctx, 400, e.getMessage()));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                log.error("development identity provider failed on {} {}", ctx.method(), ctx.path(), e);
                JsonIo.error(ctx, 500, "internal error");
            });
        });
        created.start(bind.host(), bind.port());
        app = created;
        // Later starts reuse the port, so a client configured with baseUrl() finds it again.
        bind = bind.withPort(created.port());
        log.warn("!!! DEVELOPMENT-ONLY identity provider listening on {} !!! It imitates MCIAS with "
                + "well-known passwords and in-memory keys. NEVER use it in production.", baseUrl());
        return this;
    }

    public synchronized void stop() {
        if (app != null) {
            app.stop();
            app = null;
            log.info("development identity provider stopped");
        }
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return app != null;
    }

    /** The port it listens on (or last listened on); 0 before the first start with port 0. */
    public synchronized int port() {
        return bind.port();
    }

    /** For example {@code http://127.0.0.1:41234}; what MCQ is configured with as its MCIAS URL. */
    public synchronized String baseUrl() {
        if (bind.port() == 0) {
            throw new IllegalStateException("not started yet, the port is not known");
        }
        return "http://" + bind.urlHost() + ":" + bind.port();
    }

    /**
     * The token minted at first start for a system account, for devserver to print and write to
     * a file. Valid for the account's token TTL.
     *
     * @throws IllegalArgumentException if there is no such system account
     * @throws IllegalStateException before the first start
     */
    public synchronized String systemToken(String username) {
        if (systemTokens.isEmpty() && !accounts.systemAccounts().isEmpty()) {
            throw new IllegalStateException("system tokens are minted at start");
        }
        String token = systemTokens.get(username);
        if (token == null) {
            throw new IllegalArgumentException("no system account named " + username);
        }
        return token;
    }

    /** All minted system tokens by username, in configuration order. */
    public synchronized Map<String, String> systemTokens() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(systemTokens));
    }

    /** The key that verifies every token of this instance (Ed25519). */
    public PublicKey publicKey() {
        return tokens.publicKey();
    }

    /** The number of POST /v1/token/validate requests served, valid or not. */
    public long validateCalls() {
        return authApi.validateCalls();
    }

    /** The number of POST /v1/auth/login requests served, successful or not (SSO sign-ins are not counted). */
    public long loginCalls() {
        return authApi.loginCalls();
    }
}
