package net.metacircular.mcq.devidp;

import net.metacircular.mcq.text.Rfc3339;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON endpoints MCQ's server calls: login, logout and token validation, with the status codes
 * and bodies of the MCIAS contract. Counts its login and validate requests so tests can tell
 * whether MCQ cached a validation or called through.
 */
final class AuthApi {
    private static final Logger log = LoggerFactory.getLogger(AuthApi.class);

    private final AccountDirectory accounts;
    private final TokenIssuer tokens;
    private final RevocationList revoked;
    private final AtomicLong loginCalls = new AtomicLong();
    private final AtomicLong validateCalls = new AtomicLong();

    AuthApi(AccountDirectory accounts, TokenIssuer tokens, RevocationList revoked) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.revoked = revoked;
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/auth/login", this::login);
        routes.post("/v1/auth/logout", this::logout);
        routes.post("/v1/token/validate", this::validate);
    }

    long loginCalls() {
        return loginCalls.get();
    }

    long validateCalls() {
        return validateCalls.get();
    }

    /** A token that is signed by us, unexpired and not logged out. */
    Optional<TokenClaims> currentClaims(String token) {
        return tokens.verify(token).filter(c -> !revoked.isRevoked(c));
    }

    // The request's "tags" are accepted and ignored: the real MCIAS records them for audit only.
    private void login(Context ctx) {
        loginCalls.incrementAndGet();
        JsonNode body = JsonIo.object(ctx);
        String username = JsonIo.text(body, "username");
        String service = JsonIo.text(body, "service_name");
        AccountDirectory.LoginCheck check = accounts.check(
                username, JsonIo.text(body, "password"), JsonIo.text(body, "totp_code"), service);
        switch (check.outcome()) {
            case BAD_CREDENTIALS -> {
                log.info("login refused: bad credentials for user {}", LogText.quoted(username));
                JsonIo.error(ctx, 401, "invalid credentials");
            }
            case DENIED -> {
                log.info("login denied: user {} may not use service {}", LogText.quoted(username),
                        LogText.quoted(service));
                JsonIo.error(ctx, 403, "login not permitted for this service");
            }
            case OK -> {
                TokenIssuer.Issued issued = tokens.issue(check.account());
                log.info("login: user {} for service {}", LogText.quoted(username), LogText.quoted(service));
                JsonIo.respond(ctx, 200, Map.of(
                        "token", issued.token(),
                        "expires_at", Rfc3339.format(issued.expiresAt())));
            }
        }
    }

    private void logout(Context ctx) {
        String header = ctx.header("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip() : null;
        Optional<TokenClaims> claims = currentClaims(token);
        if (claims.isEmpty()) {
            JsonIo.error(ctx, 401, "invalid or missing bearer token");
            return;
        }
        revoked.revoke(claims.get());
        log.info("logout: user {}", LogText.quoted(claims.get().username()));
        ctx.status(204);
    }

    private void validate(Context ctx) {
        validateCalls.incrementAndGet();
        JsonNode body = JsonIo.object(ctx);
        Optional<TokenClaims> claims = currentClaims(JsonIo.text(body, "token"));
        if (claims.isEmpty()) {
            JsonIo.respond(ctx, 200, Map.of("valid", false));
            return;
        }
        TokenClaims c = claims.get();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("valid", true);
        out.put("sub", c.subject());
        out.put("username", c.username());
        out.put("account_type", c.accountType().wireName());
        out.put("roles", c.roles());
        out.put("expires_at", Rfc3339.format(c.expiresAt()));
        JsonIo.respond(ctx, 200, out);
    }
}
