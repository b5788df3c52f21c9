package net.metacircular.mcq.grpcserver;

import com.fasterxml.jackson.databind.JsonNode;
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
import net.metacircular.mcq.cli.Application;
import net.metacircular.mcq.devidp.DevIdentityProvider;
import net.metacircular.mcq.grpc.v1.AuthServiceGrpc;
import net.metacircular.mcq.grpc.v1.DocumentServiceGrpc;
import net.metacircular.mcq.grpc.v1.FileServiceGrpc;
import net.metacircular.mcq.grpc.v1.LoginRequest;
import net.metacircular.mcq.testing.MutableClock;
import net.metacircular.mcq.testing.TestMcq;

import java.net.http.HttpResponse;
import java.nio.file.Path;
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

    /** The [limits] of these tests. */
    static final String LIMITS = """
            [limits]
            max_document_bytes = %d
            max_request_bytes = %d
            """.formatted(MAX_DOCUMENT_BYTES, MAX_REQUEST_BYTES);

    final TestMcq mcq;
    final Application app;
    /** Null when started without an identity provider. */
    final DevIdentityProvider idp;
    final MutableClock clock;
    private ManagedChannel channel;

    private McqInstance(TestMcq mcq) {
        this.mcq = mcq;
        this.app = mcq.app;
        this.idp = mcq.idp;
        this.clock = mcq.clock;
    }

    /** MCQ with the development identity provider as MCIAS. */
    static McqInstance withIdentityProvider(Path dir) {
        return new McqInstance(TestMcq.start(dir, LIMITS));
    }

    /** MCQ with the development identity provider as MCIAS and {@code [server] public_url}. */
    static McqInstance withIdentityProvider(Path dir, String publicUrl) {
        return new McqInstance(TestMcq.startWithServerKeys(dir, "public_url = \"" + publicUrl + "\"", LIMITS));
    }

    static McqInstance start(Path dir, String mciasUrl) {
        return start(dir, mciasUrl, null);
    }

    /** @param tls the certificate to serve, or null for plain HTTP and plaintext gRPC */
    static McqInstance start(Path dir, String mciasUrl, TestCertificates tls) {
        return start(dir, mciasUrl, tls, true);
    }

    /** @param httpTls false: plain HTTP listener, TLS on gRPC only ({@code [server] http_tls = false}) */
    static McqInstance start(Path dir, String mciasUrl, TestCertificates tls, boolean httpTls) {
        return new McqInstance(TestMcq.startWithoutIdentityProvider(dir, mciasUrl,
                tls == null ? null : tls.serverCertFile, tls == null ? null : tls.serverKeyFile, httpTls, LIMITS));
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

    FileServiceGrpc.FileServiceBlockingStub files(String token) {
        return FileServiceGrpc.newBlockingStub(channel())
                .withInterceptors(bearer(token))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    /** The underlying MCQ, for REST calls with raw bodies. */
    TestMcq testMcq() {
        return mcq;
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
        return mcq.send(method, path, token, json == null ? null : "application/json", json);
    }

    /** Pushes over REST with a properly encoded JSON body. */
    HttpResponse<String> restPush(String slug, String title, String body, String token) {
        return mcq.push(slug, title, body, token);
    }

    static JsonNode json(HttpResponse<String> response) {
        return TestMcq.json(response);
    }

    String httpBase() {
        return mcq.baseUrl();
    }

    @Override
    public void close() {
        try {
            if (channel != null) {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            // Closing goes on; the caller still sees that it was interrupted.
            Thread.currentThread().interrupt();
        } finally {
            mcq.close();
        }
    }
}
