package net.metacircular.mcq.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.metacircular.mcq.cli.Application;
import net.metacircular.mcq.config.Config;
import net.metacircular.mcq.config.ConfigLoader;
import net.metacircular.mcq.devidp.DevIdentityProvider;
import net.metacircular.mcq.devidp.DevIdpConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A real MCQ for tests: the development identity provider on a loopback
 * port as MCIAS, and the full application on another, with its SQLite file
 * in a temporary folder. Nothing is mocked; requests travel over HTTP.
 */
public final class TestMcq implements AutoCloseable {

    public static final String ALICE = "alice";
    public static final String ALICE_PASSWORD = "alice-dev-password";
    public static final String SYSTEM_ACCOUNT = "ci-bot";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Null when started without an identity provider. */
    public final DevIdentityProvider idp;
    public final Application app;
    public final Path dir;
    public final Path configFile;
    public final MutableClock clock;
    /** Kept, so that the address stays known after {@link #stop()}. */
    private final int httpPort;
    /** The application was closed ({@link #stop()}, or a restart that replaced it). */
    private boolean stopped;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestMcq(DevIdentityProvider idp, Application app, Path dir, Path configFile, MutableClock clock) {
        this.idp = idp;
        this.app = app;
        this.dir = dir;
        this.configFile = configFile;
        this.clock = clock;
        this.httpPort = app.httpPort();
    }

    public static TestMcq start(Path dir) {
        return start(dir, "");
    }

    /** @param extraToml TOML appended to the generated configuration, e.g. a [limits] section */
    public static TestMcq start(Path dir, String extraToml) {
        MutableClock clock = MutableClock.startingNow();
        DevIdentityProvider idp = new DevIdentityProvider(
                DevIdpConfig.defaults("http://127.0.0.1:1/sso/callback"), clock).start();
        try {
            return start(dir, configToml(dir, idp.baseUrl(), null, null, true) + extraToml, idp, clock);
        } catch (RuntimeException e) {
            idp.stop();
            throw e;
        }
    }

    /**
     * Like {@link #start(Path, String)}, with {@code serverKeys} (TOML lines,
     * e.g. {@code public_url = "…"}) added to the {@code [server]} section.
     */
    public static TestMcq startWithServerKeys(Path dir, String serverKeys, String extraToml) {
        MutableClock clock = MutableClock.startingNow();
        DevIdentityProvider idp = new DevIdentityProvider(
                DevIdpConfig.defaults("http://127.0.0.1:1/sso/callback"), clock).start();
        try {
            String toml = configToml(dir, idp.baseUrl(), null, null, true)
                    .replace("[database]", serverKeys.strip() + "\n\n[database]");
            return start(dir, toml + extraToml, idp, clock);
        } catch (RuntimeException e) {
            idp.stop();
            throw e;
        }
    }

    /**
     * Like {@link #start(Path)}, with {@code [sso] redirect_uri} set: the web UI
     * signs in through the provider's authorize page. MCQ's port is chosen
     * first, because the provider must know the callback address up front.
     */
    public static TestMcq startWithSso(Path dir) {
        // The port is free when chosen but may be taken before MCQ binds it;
        // then another port is tried.
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            String callback = "http://127.0.0.1:" + port + "/sso/callback";
            MutableClock clock = MutableClock.startingNow();
            DevIdentityProvider idp = new DevIdentityProvider(DevIdpConfig.defaults(callback), clock).start();
            try {
                String toml = configToml(dir, idp.baseUrl(), null, null, true)
                        .replace("listen_addr = \"127.0.0.1:0\"", "listen_addr = \"127.0.0.1:" + port + "\"")
                        + "\n[sso]\nredirect_uri = \"" + callback + "\"\n";
                return start(dir, toml, idp, clock);
            } catch (RuntimeException e) {
                idp.stop();
                if (attempt >= 5 || !(e instanceof io.javalin.util.JavalinBindException)) {
                    throw e;
                }
            }
        }
    }

    /**
     * A free loopback port below the kernel's ephemeral range, so that the
     * ephemeral ports handed to other listeners and to outgoing connections
     * in the meantime cannot take it.
     */
    private static int freePort() {
        java.util.Random random = new java.util.Random();
        for (int tries = 0; tries < 100; tries++) {
            int port = 20000 + random.nextInt(12000);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                // In use: try another.
            }
        }
        throw new IllegalStateException("no free loopback port between 20000 and 32000");
    }

    /**
     * MCQ without an identity provider of its own: {@code mciasUrl} may name
     * an address where nothing listens, for tests that need no sign-in.
     *
     * @param tlsCert the certificate to serve (with {@code tlsKey}), or null for plain listeners
     */
    public static TestMcq startWithoutIdentityProvider(Path dir, String mciasUrl, Path tlsCert, Path tlsKey,
                                                       String extraToml) {
        return startWithoutIdentityProvider(dir, mciasUrl, tlsCert, tlsKey, true, extraToml);
    }

    /** @param httpTls false keeps the HTTP listener plain while gRPC serves TLS ({@code [server] http_tls}) */
    public static TestMcq startWithoutIdentityProvider(Path dir, String mciasUrl, Path tlsCert, Path tlsKey,
                                                       boolean httpTls, String extraToml) {
        return start(dir, configToml(dir, mciasUrl, tlsCert, tlsKey, httpTls) + extraToml, null,
                MutableClock.startingNow());
    }

    private static TestMcq start(Path dir, String toml, DevIdentityProvider idp, MutableClock clock) {
        try {
            Path configFile = dir.resolve("mcq.toml");
            Files.writeString(configFile, toml);
            // An empty environment: $PORT or MCQ_* on the test machine must not move the listeners.
            Config config = new ConfigLoader(Map.of()).loadToml(toml, configFile.toString());
            return new TestMcq(idp, Application.start(config, clock), dir, configFile, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops this MCQ and starts it again on the same HTTP port, data and
     * identity provider, as an operator's restart does (browsers reconnect to
     * the same address). Close only the returned instance afterwards.
     */
    public TestMcq restartedOnSamePort() {
        int port = httpPort;
        if (!stopped) {
            app.close();
            stopped = true;
        }
        try {
            String toml = Files.readString(configFile)
                    .replace("listen_addr = \"127.0.0.1:0\"", "listen_addr = \"127.0.0.1:" + port + "\"");
            return start(dir, toml, idp, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops this MCQ as a server that went down does: its address answers
     * nothing until {@link #restartedOnSamePort()}; the identity provider keeps
     * running. {@link #close()} afterwards stops only the provider.
     */
    public void stop() {
        if (!stopped) {
            stopped = true;
            app.close();
        }
    }

    /** A configuration on ephemeral loopback ports (HTTP and gRPC) with the given MCIAS. */
    public static String configToml(Path dir, String mciasUrl) {
        return configToml(dir, mciasUrl, null, null, true);
    }

    private static String configToml(Path dir, String mciasUrl, Path tlsCert, Path tlsKey, boolean httpTls) {
        return """
                [server]
                listen_addr = "127.0.0.1:0"
                grpc_addr = "127.0.0.1:0"
                tls_cert = "%s"
                tls_key = "%s"
                http_tls = %s

                [database]
                path = "%s"

                [mcias]
                server_url = "%s"
                service_name = "mcq"
                tags = ["env:test"]

                [web]
                cookie_secure = false

                [log]
                level = "info"
                """.formatted(tlsCert == null ? "" : tlsCert, tlsKey == null ? "" : tlsKey, httpTls,
                dir.resolve("mcq.db"), mciasUrl);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Signs in over the REST API and returns the bearer token. */
    public String login(String username, String password) {
        HttpResponse<String> response = send("POST", "/v1/auth/login", null, "application/json",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login failed: " + response.statusCode() + " " + response.body());
        }
        return json(response).path("token").asText();
    }

    public String aliceToken() {
        return login(ALICE, ALICE_PASSWORD);
    }

    /** The long-lived token of the development system account. */
    public String systemToken() {
        return idp.systemToken(SYSTEM_ACCOUNT);
    }

    public HttpResponse<String> get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    public HttpResponse<String> put(String path, String token, String jsonBody) {
        return send("PUT", path, token, "application/json", jsonBody);
    }

    /** Pushes a document over REST; the title and body are JSON-encoded properly. */
    public HttpResponse<String> push(String slug, String title, String body, String token) {
        return put("/v1/documents/" + slug, token,
                JSON.createObjectNode().put("title", title).put("body", body).toString());
    }

    public HttpResponse<String> send(String method, String path, String token, String contentType, String body) {
        return sendBytes(method, path, token, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> sendBytes(String method, String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return exchange(http, request.build());
    }

    /** A GET whose answer is kept as bytes (an attached file). */
    public HttpResponse<byte[]> getBytes(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code request} and reads the answer as UTF-8 text; I/O failures are unchecked. */
    public static HttpResponse<String> exchange(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            if (idp != null) {
                idp.stop();
            }
        }
    }
}
