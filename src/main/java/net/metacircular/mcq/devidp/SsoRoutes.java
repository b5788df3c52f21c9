package net.metacircular.mcq.devidp;

import net.metacircular.mcq.text.Rfc3339;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser sign-in (authorization code flow): GET /sso/authorize shows the form, its POST
 * checks the login and redirects back to the client with a code, and POST /v1/sso/token trades
 * the code for a token.
 *
 * <p>The form has no CSRF token, and needs none here. The provider keeps no session or cookie, so
 * a forged cross-site POST carries nothing ambient: it succeeds only with a password the forger
 * already knows. What remains is "login CSRF" (signing the victim in as the forger), and the
 * client defeats that by checking the {@code state} it bound to the browser before redirecting,
 * which is why {@code state} is mandatory here.
 */
final class SsoRoutes {
    private static final Logger log = LoggerFactory.getLogger(SsoRoutes.class);

    private final Map<String, DevIdpConfig.SsoClient> clients = new LinkedHashMap<>();
    private final AccountDirectory accounts;
    private final TokenIssuer tokens;
    private final SsoCodes codes;

    SsoRoutes(List<DevIdpConfig.SsoClient> clients, AccountDirectory accounts, TokenIssuer tokens, SsoCodes codes) {
        clients.forEach(c -> this.clients.put(c.clientId(), c));
        this.accounts = accounts;
        this.tokens = tokens;
        this.codes = codes;
    }

    void register(RoutesConfig routes) {
        routes.get("/sso/authorize", this::showForm);
        routes.post("/sso/authorize", this::submitForm);
        routes.post("/v1/sso/token", this::exchange);
    }

    private void showForm(Context ctx) {
        String clientId = ctx.queryParam("client_id");
        String redirectUri = ctx.queryParam("redirect_uri");
        String state = ctx.queryParam("state");
        Optional<String> problem = problemWith(clientId, redirectUri, state);
        if (problem.isPresent()) {
            html(ctx, 400, SignInPage.rejected(problem.get()));
            return;
        }
        html(ctx, 200, SignInPage.form(clientId, redirectUri, state, "", null));
    }

    private void submitForm(Context ctx) {
        String clientId = ctx.formParam("client_id");
        String redirectUri = ctx.formParam("redirect_uri");
        String state = ctx.formParam("state");
        // Checked again: the hidden fields come back from the browser and could have been edited.
        Optional<String> problem = problemWith(clientId, redirectUri, state);
        if (problem.isPresent()) {
            html(ctx, 400, SignInPage.rejected(problem.get()));
            return;
        }
        String username = ctx.formParam("username");
        AccountDirectory.LoginCheck check = accounts.check(
                username, ctx.formParam("password"), ctx.formParam("totp_code"), clientId);
        switch (check.outcome()) {
            case BAD_CREDENTIALS -> {
                log.info("SSO sign-in refused: bad credentials for user {}", LogText.quoted(username));
                html(ctx, 401, SignInPage.form(clientId, redirectUri, state, username,
                        "Wrong username, password or TOTP code."));
            }
            case DENIED -> {
                log.info("SSO sign-in denied: user {} may not use {}", LogText.quoted(username),
                        LogText.quoted(clientId));
                html(ctx, 403, SignInPage.form(clientId, redirectUri, state, username,
                        "This account may not sign in to " + clientId + "."));
            }
            case OK -> {
                String code = codes.issue(check.account().username(), clientId, redirectUri);
                log.info("SSO sign-in: user {} for {}", LogText.quoted(username), LogText.quoted(clientId));
                ctx.header("Cache-Control", "no-store");
                ctx.redirect(redirectUri + (redirectUri.contains("?") ? "&" : "?")
                        + "code=" + urlEncode(code) + "&state=" + urlEncode(state), HttpStatus.FOUND);
            }
        }
    }

    private void exchange(Context ctx) {
        JsonNode body = JsonIo.object(ctx);
        String code = JsonIo.text(body, "code");
        String clientId = JsonIo.text(body, "client_id");
        String redirectUri = JsonIo.text(body, "redirect_uri");
        if (code == null || clientId == null || redirectUri == null) {
            JsonIo.error(ctx, 400, "code, client_id and redirect_uri are required");
            return;
        }
        if (!clients.containsKey(clientId)) {
            JsonIo.error(ctx, 401, "unknown client");
            return;
        }
        Optional<DevAccount> account = codes.redeem(code, clientId, redirectUri).flatMap(accounts::find);
        if (account.isEmpty()) {
            JsonIo.error(ctx, 401, "invalid, expired or already used code");
            return;
        }
        TokenIssuer.Issued issued = tokens.issue(account.get());
        JsonIo.respond(ctx, 200, Map.of(
                "token", issued.token(),
                "expires_at", Rfc3339.format(issued.expiresAt())));
    }

    /** Why the request must be refused without a redirect, if it must. */
    private Optional<String> problemWith(String clientId, String redirectUri, String state) {
        DevIdpConfig.SsoClient client = clientId == null ? null : clients.get(clientId);
        if (client == null) {
            return Optional.of("Unknown client_id.");
        }
        // Exact comparison: any looser match lets an attacker pick where the code is sent.
        if (!client.redirectUri().equals(redirectUri)) {
            return Optional.of("redirect_uri is not the one registered for this client.");
        }
        if (state == null || state.isEmpty()) {
            return Optional.of("state is required.");
        }
        return Optional.empty();
    }

    private static void html(Context ctx, int status, String page) {
        ctx.status(status)
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", SignInPage.CONTENT_SECURITY_POLICY)
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .contentType(ContentType.TEXT_HTML.getMimeType() + "; charset=utf-8")
                .result(page);
    }

    private static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
