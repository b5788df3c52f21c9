package net.metacircular.mcq.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.ServiceException.Kind;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The MCIAS wire format, isolated here so it can be adjusted in one place.
 *
 * <p>Maps MCIAS answers to {@link ServiceException}s: 401 is "wrong
 * credentials", 403 is "not allowed to sign in to this service", and anything
 * that prevents an answer (connection refused, timeout, 5xx) is UNAVAILABLE.
 */
public final class MciasClient {

    /** The client id MCQ is registered under for SSO. */
    public static final String SSO_CLIENT_ID = "mcq";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final String serverUrl;
    private final String serviceName;
    private final List<String> tags;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MciasClient.class);

    /**
     * @param tls the TLS context trusting MCIAS's certificate (the system's CAs plus
     *            the operator's private CA), or null for the JVM's default
     */
    public MciasClient(String serverUrl, SSLContext tls, String serviceName, List<String> tags) {
        this.serverUrl = serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl;
        this.serviceName = serviceName;
        this.tags = List.copyOf(tags);
        // HTTP/1.1: the MCIAS contract is plain JSON over HTTP, and the default
        // cleartext HTTP/2 upgrade attempt only adds a way for calls to fail.
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
    }

    public String serverUrl() {
        return serverUrl;
    }

    /** Signs in with MCIAS; {@code service_name} and {@code tags} let it apply per-service policy. */
    public LoginResult login(String username, String password, String totpCode) {
        ObjectNode body = json.createObjectNode()
                .put("username", username)
                .put("password", password)
                .put("service_name", serviceName);
        if (totpCode != null && !totpCode.isEmpty()) {
            body.put("totp_code", totpCode);
        }
        body.putArray("tags").addAll(tags.stream().map(json.getNodeFactory()::textNode).toList());
        HttpResponse<String> response = send(post("/v1/auth/login", body));
        return switch (response.statusCode()) {
            case 200 -> tokenFrom(response);
            case 401 -> throw new ServiceException(Kind.UNAUTHENTICATED, "wrong username, password or TOTP code");
            case 403 -> throw new ServiceException(Kind.PERMISSION_DENIED,
                    "this account is not allowed to sign in to this service (" + serviceName + ")");
            case 400 -> throw ServiceException.invalid("the identity service rejected the request: " + errorOf(response));
            default -> throw unexpected(response);
        };
    }

    /** Revokes a token at MCIAS. */
    public void logout(String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(serverUrl + "/v1/auth/logout"))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response = send(request);
        int status = response.statusCode();
        // 401: the token was already invalid, which is what logout wants.
        if (status != 200 && status != 204 && status != 401) {
            throw unexpected(response);
        }
    }

    /** Validates a token; empty when MCIAS says it is not valid. */
    public Optional<Caller> validate(String token) {
        HttpResponse<String> response = send(post("/v1/token/validate", json.createObjectNode().put("token", token)));
        if (response.statusCode() == 401) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw unexpected(response);
        }
        JsonNode node = parse(response);
        if (!node.path("valid").asBoolean(false)) {
            return Optional.empty();
        }
        List<String> roles = new ArrayList<>();
        node.path("roles").forEach(role -> roles.add(role.asText()));
        return Optional.of(new Caller(
                node.path("sub").asText(),
                node.path("username").asText(),
                node.path("account_type").asText("human"),
                roles,
                instant(node.path("expires_at"))));
    }

    /** The browser address that starts SSO sign-in at MCIAS. */
    public URI ssoAuthorizeUri(String redirectUri, String state) {
        return URI.create(serverUrl + "/sso/authorize?client_id=" + encode(SSO_CLIENT_ID)
                + "&redirect_uri=" + encode(redirectUri) + "&state=" + encode(state));
    }

    /** Exchanges an SSO authorization code for a token, server to server. */
    public LoginResult exchangeSsoCode(String code, String redirectUri) {
        ObjectNode body = json.createObjectNode()
                .put("code", code)
                .put("client_id", SSO_CLIENT_ID)
                .put("redirect_uri", redirectUri);
        HttpResponse<String> response = send(post("/v1/sso/token", body));
        return switch (response.statusCode()) {
            case 200 -> tokenFrom(response);
            case 400, 401, 403 -> throw new ServiceException(Kind.UNAUTHENTICATED,
                    "the sign-in code was not accepted; please sign in again");
            default -> throw unexpected(response);
        };
    }

    private HttpRequest post(String path, JsonNode body) {
        return HttpRequest.newBuilder(URI.create(serverUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (e instanceof java.net.http.HttpTimeoutException || e instanceof java.net.ConnectException) {
                    throw e;
                }
                // A kept-alive connection the server closed just as it was
                // reused fails at once; a fresh connection is worth one retry.
                log.debug("MCIAS request {} failed on a reused connection, retrying: {}",
                        request.uri().getPath(), e.toString());
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            }
        } catch (IOException e) {
            log.warn("MCIAS request {} failed: {}", request.uri().getPath(), e.toString());
            throw ServiceException.unavailable(
                    "the identity service (MCIAS) at " + serverUrl + " is unreachable; try again shortly", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ServiceException.unavailable("interrupted while waiting for the identity service", e);
        }
    }

    private LoginResult tokenFrom(HttpResponse<String> response) {
        JsonNode node = parse(response);
        String token = node.path("token").asText("");
        if (token.isEmpty()) {
            throw unexpected(response);
        }
        return new LoginResult(token, instant(node.path("expires_at")));
    }

    private JsonNode parse(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw unexpected(response);
        }
    }

    private String errorOf(HttpResponse<String> response) {
        try {
            return json.readTree(response.body()).path("error").asText("status " + response.statusCode());
        } catch (IOException e) {
            return "status " + response.statusCode();
        }
    }

    private ServiceException unexpected(HttpResponse<String> response) {
        return ServiceException.unavailable("the identity service (MCIAS) answered "
                + response.request().uri().getPath() + " with status " + response.statusCode()
                + "; try again shortly", null);
    }

    private static Instant instant(JsonNode node) {
        if (node.isNumber()) {
            return Instant.ofEpochSecond(node.asLong());
        }
        String text = node.asText("");
        return text.isEmpty() ? null : Instant.parse(text);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
