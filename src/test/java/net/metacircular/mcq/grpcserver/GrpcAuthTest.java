package net.metacircular.mcq.grpcserver;

import net.metacircular.mcq.http.AccessTable;
import net.metacircular.mcq.http.Access;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import net.metacircular.mcq.config.ListenAddress;
import net.metacircular.mcq.grpc.v1.AdminServiceGrpc;
import net.metacircular.mcq.grpc.v1.AuthServiceGrpc;
import net.metacircular.mcq.grpc.v1.DocumentServiceGrpc;
import net.metacircular.mcq.grpc.v1.HealthRequest;
import net.metacircular.mcq.grpc.v1.ListDocumentsRequest;
import net.metacircular.mcq.grpc.v1.LoginRequest;
import net.metacircular.mcq.grpc.v1.LoginResponse;
import net.metacircular.mcq.grpc.v1.LogoutRequest;
import net.metacircular.mcq.grpc.v1.PutDocumentRequest;
import net.metacircular.mcq.grpc.v1.PutDocumentResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static net.metacircular.mcq.grpcserver.GrpcRestParityTest.statusOf;
import static org.assertj.core.api.Assertions.assertThat;

/** Authentication and access over gRPC, against the development identity provider as MCIAS. */
class GrpcAuthTest {

    @TempDir
    Path dir;

    private McqInstance mcq;

    @BeforeEach
    void start() {
        mcq = McqInstance.withIdentityProvider(dir);
    }

    @AfterEach
    void stop() throws InterruptedException {
        mcq.close();
    }

    @Test
    void everyAuthRequiredRpcRefusesMissingAndInvalidTokensLikeItsRestTwin() {
        List<MethodDescriptor<?, ?>> authRequired = GrpcAccessTableTest.allRpcs().stream()
                .filter(m -> GrpcAccessTable.MCQ.lookup(m.getFullMethodName()).orElseThrow().needsCaller())
                .toList();
        assertThat(authRequired).hasSizeGreaterThan(5);
        List<String> problems = new ArrayList<>();
        for (MethodDescriptor<?, ?> method : authRequired) {
            for (String token : new String[]{null, "not-a-valid-token", ""}) {
                Status status = statusOf(() -> mcq.callWithEmptyRequest(method, token));
                if (status.getCode() != Status.Code.UNAUTHENTICATED) {
                    problems.add(method.getFullMethodName() + " with token " + token + ": " + status);
                }
            }
            ApiParity.Pair twin = ApiParity.TABLE.stream()
                    .filter(pair -> pair.rpc().equals(method)).findFirst().orElseThrow();
            String path = twin.rest().path().replace("{slug}", "some-doc").replace("{revision}", "1")
                    .replace("{id}", "1").replace("<name>", "img/plan.png");
            String body = twin.rest().method().toString().equals("PUT") ? "{\"title\":\"t\",\"body\":\"b\"}" : null;
            for (String token : new String[]{null, "not-a-valid-token"}) {
                HttpResponse<String> rest = mcq.rest(twin.rest().method().toString(), path, token, body);
                if (rest.statusCode() != 401) {
                    problems.add(twin.rest() + " with token " + token + ": HTTP " + rest.statusCode());
                }
            }
        }
        assertThat(problems).isEmpty();
        // The refused PutDocument calls stored nothing.
        String token = mcq.login(McqInstance.ALICE, McqInstance.ALICE_PASSWORD);
        assertThat(mcq.documents(token).listDocuments(ListDocumentsRequest.getDefaultInstance()).getDocumentsCount())
                .isZero();
    }

    @Test
    void anAuthorizationValueThatIsNotABearerTokenIsUnauthenticated() {
        String token = mcq.login(McqInstance.ALICE, McqInstance.ALICE_PASSWORD);
        io.grpc.Metadata headers = new io.grpc.Metadata();
        headers.put(AccessInterceptor.AUTHORIZATION, "Basic " + token);
        Status status = statusOf(() -> DocumentServiceGrpc.newBlockingStub(mcq.channel())
                .withInterceptors(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers))
                .listDocuments(ListDocumentsRequest.getDefaultInstance()));
        assertThat(status.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(status.getDescription()).startsWith("missing bearer token");
    }

    @Test
    void publicRpcsNeedNoToken() {
        assertThat(AdminServiceGrpc.newBlockingStub(mcq.channel()).withDeadlineAfter(10, TimeUnit.SECONDS)
                .health(HealthRequest.getDefaultInstance()).getStatus()).isEqualTo("ok");

        LoginResponse login = AuthServiceGrpc.newBlockingStub(mcq.channel()).withDeadlineAfter(10, TimeUnit.SECONDS)
                .login(LoginRequest.newBuilder().setUsername(McqInstance.ALICE)
                        .setPassword(McqInstance.ALICE_PASSWORD).build());
        assertThat(login.getToken()).isNotEmpty();
        assertThat(GrpcRestParityTest.instant(login.getExpiresAt())).isAfter(Instant.now());
        assertThat(mcq.documents(login.getToken()).listDocuments(ListDocumentsRequest.getDefaultInstance())
                .getDocumentsCount()).isZero();
    }

    @Test
    void badSignInsGetTheSameAnswerAsOverRest() {
        Status wrongPassword = statusOf(() -> mcq.login(McqInstance.ALICE, "wrong-password"));
        HttpResponse<String> restWrong = mcq.rest("POST", "/v1/auth/login", null,
                "{\"username\":\"alice\",\"password\":\"wrong-password\"}");
        assertThat(wrongPassword.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(restWrong.statusCode()).isEqualTo(401);
        assertThat(McqInstance.json(restWrong).path("error").asText()).isEqualTo(wrongPassword.getDescription());

        Status noUsername = statusOf(() -> mcq.login("", "x"));
        HttpResponse<String> restNoUsername = mcq.rest("POST", "/v1/auth/login", null,
                "{\"username\":\"\",\"password\":\"x\"}");
        assertThat(noUsername.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(restNoUsername.statusCode()).isEqualTo(400);
        assertThat(McqInstance.json(restNoUsername).path("error").asText()).isEqualTo(noUsername.getDescription());
    }

    @Test
    void aSystemAccountPushesWithItsToken() {
        PutDocumentResponse pushed = mcq.documents(mcq.idp.systemToken("ci-bot")).putDocument(
                PutDocumentRequest.newBuilder().setSlug("from-ci").setTitle("Build 42").setBody("green").build());
        assertThat(pushed.getDocument().getPushedBy()).isEqualTo("ci-bot");
    }

    @Test
    void logoutRevokesTheTokenTheCallWasMadeWith() {
        String token = mcq.login(McqInstance.ALICE, McqInstance.ALICE_PASSWORD);
        String other = mcq.login(McqInstance.ALICE, McqInstance.ALICE_PASSWORD);
        mcq.documents(token).listDocuments(ListDocumentsRequest.getDefaultInstance());

        AuthServiceGrpc.newBlockingStub(mcq.channel()).withInterceptors(McqInstance.bearer(token))
                .withDeadlineAfter(10, TimeUnit.SECONDS).logout(LogoutRequest.getDefaultInstance());

        assertThat(statusOf(() -> mcq.documents(token).listDocuments(ListDocumentsRequest.getDefaultInstance()))
                .getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(mcq.rest("GET", "/v1/documents", token, null).statusCode()).isEqualTo(401);
        // Only that token: another session of the same account goes on.
        assertThat(mcq.documents(other).listDocuments(ListDocumentsRequest.getDefaultInstance())
                .getDocumentsCount()).isZero();
    }

    @Test
    void mciasDownIsUnavailableOnBothApis() {
        String token = mcq.login(McqInstance.ALICE, McqInstance.ALICE_PASSWORD);
        mcq.idp.stop();

        Status list = statusOf(() -> mcq.documents(token).listDocuments(ListDocumentsRequest.getDefaultInstance()));
        assertThat(list.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(mcq.rest("PUT", "/v1/documents/while-down", token, "{\"title\":\"T\",\"body\":\"b\"}")
                .statusCode()).isEqualTo(503);
        Status login = statusOf(() -> mcq.login(McqInstance.ALICE, McqInstance.ALICE_PASSWORD));
        assertThat(login.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(login.getDescription()).doesNotContain(McqInstance.ALICE_PASSWORD);
    }

    @Test
    void databaseDownIsUnavailableOnBothApis() {
        String token = mcq.login(McqInstance.ALICE, McqInstance.ALICE_PASSWORD);
        mcq.documents(token).listDocuments(ListDocumentsRequest.getDefaultInstance());
        mcq.app.database().close();

        // Writes always reach the database (reads may be answered from the document cache).
        assertThat(statusOf(() -> mcq.documents(token).putDocument(PutDocumentRequest.newBuilder()
                .setSlug("while-down").setTitle("T").setBody("b").build()))
                .getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(statusOf(() -> AdminServiceGrpc.newBlockingStub(mcq.channel())
                .withDeadlineAfter(10, TimeUnit.SECONDS).health(HealthRequest.getDefaultInstance()))
                .getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(mcq.rest("PUT", "/v1/documents/while-down", token, "{\"title\":\"T\",\"body\":\"b\"}")
                .statusCode()).isEqualTo(503);
        assertThat(mcq.rest("GET", "/v1/health", null, null).statusCode()).isEqualTo(503);
    }

    @Test
    void theAdminMapIsEnforced() throws Exception {
        MethodDescriptor<?, ?> list = DocumentServiceGrpc.getListDocumentsMethod();
        AccessTable<String> adminOnly = GrpcAccessTable.rules().add(list, Access.ADMIN).build();
        GrpcServer server = new GrpcServer(new ListenAddress("127.0.0.1", 0), null, 1 << 20,
                new AccessInterceptor(mcq.app.auth(), adminOnly),
                List.of(new DocumentRpcService(mcq.app.documents(), mcq.app.search()))).start();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        try {
            String alice = mcq.login(McqInstance.ALICE, McqInstance.ALICE_PASSWORD);
            String admin = mcq.login(McqInstance.ADMIN, McqInstance.ADMIN_PASSWORD);
            Status denied = statusOf(() -> DocumentServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(McqInstance.bearer(alice)).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .listDocuments(ListDocumentsRequest.getDefaultInstance()));
            assertThat(denied.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(DocumentServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(McqInstance.bearer(admin)).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .listDocuments(ListDocumentsRequest.getDefaultInstance()).getDocumentsCount()).isZero();
            // No token at all is still UNAUTHENTICATED, not PERMISSION_DENIED.
            assertThat(statusOf(() -> DocumentServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .listDocuments(ListDocumentsRequest.getDefaultInstance())).getCode())
                    .isEqualTo(Status.Code.UNAUTHENTICATED);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.stop();
        }
    }
}
