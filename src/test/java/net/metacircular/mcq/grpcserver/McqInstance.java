package net.metacircular.mcq.grpcserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import net.metacircular.mcq.Application;
import net.metacircular.mcq.config.Config;
import net.metacircular.mcq.config.ConfigLoader;
import net.metacircular.mcq.devidp.DevIdentityProvider;
import net.metacircular.mcq.devidp.DevIdpConfig;
import net.metacircular.mcq.grpc.v1.AuthServiceGrpc;
import net.metacircular.mcq.grpc.v1.DocumentServiceGrpc;
import net.metacircular.mcq.grpc.v1.LoginRequest;
import net.metacircular.mcq.testing.MutableClock;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real MCQ for a test: the Application with a SQLite file in a temp
 * folder, HTTP and gRPC on ephemeral loopback ports, small limits so
 * over-size requests are cheap to build, and (optionally) the development
 * identity provider over HTTP as MCIAS.
 */
final class McqInstance implements AutoCloseable {

    /** max_document_bytes in these tests. */
    static final int MAX_DOCUMENT_BYTES = 1024;
    /** max_request_bytes in these tests, well above a full document in JSON. */
    static final int MAX_REQUEST_BYTES = 16 * 1024;

    static final String ALICE = "alice";
    static final String ALICE_PASSWORD = "alice-dev-password";
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-dev-password";

    static final ObjectMapper JSON = new ObjectMapper();

    final Application app;
    /** Null when started without an identity provider. */
    final DevIdentityProvider idp;
    final MutableClock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ManagedChannel channel;

    private McqInstance(Application app, DevIdentityProvider idp, MutableClock clock) {
        this.app = app;
        this.idp = idp;
        this.clock = clock;
    }

    /** MCQ with the development identity provider as MCIAS. */
    static McqInstance withIdentityProvider(Path dir) {
        MutableClock clock = MutableClock.startingNow();
        DevIdentityProvider idp = new DevIdentityProvider(
                DevIdpConfig.defaults("http://127.0.0.1:1/sso/callback"), clock).start();
        try {
            return new McqInstance(Application.start(config(dir, idp.baseUrl(), null), clock), idp, clock);
        } catch (RuntimeException e) {
            idp.stop();
            throw e;
        }
    }

    static McqInstance start(Path dir, String mciasUrl) {
        return start(dir, mciasUrl, null);
    }

    /** @param tls the certificate to serve, or null for plain HTTP and plaintext gRPC */
    static McqInstance start(Path dir, String mciasUrl, TestCertificates tls) {
        return new McqInstance(Application.start(config(dir, mciasUrl, tls)), null, null);
    }

    static Config config(Path dir, String mciasUrl, TestCertificates tls) {
        String toml = """
                [server]
                listen_addr = "127.0.0.1:0"
                grpc_addr = "127.0.0.1:0"
                tls_cert = "%s"
                tls_key = "%s"

                [database]
                path = "%s"

                [mcias]
                server_url = "%s"
                service_name = "mcq"

                [limits]
                max_document_bytes = %d
                max_request_bytes = %d
                """.formatted(
                tls == null ? "" : tls.serverCertFile, tls == null ? "" : tls.serverKeyFile,
                dir.resolve("mcq.db"), mciasUrl, MAX_DOCUMENT_BYTES, MAX_REQUEST_BYTES);
        // An empty environment: $PORT or MCQ_* on the test machine must not move the listeners.
        return new ConfigLoader(Map.of()).loadToml(toml, "test config");
    }

    /** A plaintext channel to the gRPC listener, shared by the test and closed with it. */
    ManagedChannel channel() {
        if (channel == null) {
            channel = NettyChannelBuilder.forAddress("127.0.0.1", app.grpcPort()).usePlaintext().build();
        }
        return channel;
    }

    /** Sends {@code authorization: Bearer <token>} with every call. */
    static ClientInterceptor bearer(String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    DocumentServiceGrpc.DocumentServiceBlockingStub documents(String token) {
        return DocumentServiceGrpc.newBlockingStub(channel())
                .withInterceptors(bearer(token))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    /** Signs in over gRPC. */
    String login(String username, String password) {
        return AuthServiceGrpc.newBlockingStub(channel()).withDeadlineAfter(10, TimeUnit.SECONDS)
                .login(LoginRequest.newBuilder().setUsername(username).setPassword(password).build())
                .getToken();
    }

    /**
     * Calls any unary RPC with its empty request message; {@code token} may
     * be null (no credentials).
     */
    @SuppressWarnings("unchecked")
    Object callWithEmptyRequest(MethodDescriptor<?, ?> method, String token) {
        Object request = ((MethodDescriptor.PrototypeMarshaller<?>) method.getRequestMarshaller()).getMessagePrototype();
        Channel target = token == null ? channel() : ClientInterceptors.intercept(channel(), bearer(token));
        return ClientCalls.blockingUnaryCall(target, (MethodDescriptor<Object, Object>) method,
                CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), request);
    }

    /** A REST request over real HTTP; {@code json} is the body (sent as application/json) or null. */
    HttpResponse<String> rest(String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(httpBase() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Pushes over REST with a properly encoded JSON body. */
    HttpResponse<String> restPush(String slug, String title, String body, String token) {
        return rest("PUT", "/v1/documents/" + slug, token,
                JSON.createObjectNode().put("title", title).put("body", body).toString());
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    String httpBase() {
        return "http://127.0.0.1:" + app.httpPort();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            if (channel != null) {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            app.close();
        } finally {
            if (idp != null) {
                idp.stop();
            }
        }
    }
}
