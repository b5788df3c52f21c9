package net.metacircular.mcq.grpcserver;
import net.metacircular.mcq.db.SqliteDocumentStore;
import net.metacircular.mcq.documents.DocumentRules;
import net.metacircular.mcq.documents.DocumentService;
import net.metacircular.mcq.http.AccessTable;
import net.metacircular.mcq.http.Access;

import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import net.metacircular.mcq.auth.AuthService;
import net.metacircular.mcq.auth.MciasClient;
import net.metacircular.mcq.auth.TokenCache;
import net.metacircular.mcq.config.ListenAddress;
import net.metacircular.mcq.db.Database;
import net.metacircular.mcq.grpc.v1.AdminServiceGrpc;
import net.metacircular.mcq.grpc.v1.AuthServiceGrpc;
import net.metacircular.mcq.grpc.v1.DocumentServiceGrpc;
import net.metacircular.mcq.grpc.v1.FileServiceGrpc;
import net.metacircular.mcq.grpc.v1.HealthRequest;
import net.metacircular.mcq.grpc.v1.McqProto;
import net.metacircular.mcq.grpc.v1.ReviewProto;
import net.metacircular.mcq.grpc.v1.ReviewServiceGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every RPC has exactly one access rule, and a method without one is refused. */
class GrpcAccessTableTest {

    private static final AccessTable<String> TABLE = GrpcAccessTable.MCQ;

    /** Every method the API defines, from the generated service descriptors. */
    static List<MethodDescriptor<?, ?>> allRpcs() {
        List<MethodDescriptor<?, ?>> methods = new ArrayList<>();
        for (ServiceDescriptor service : List.of(DocumentServiceGrpc.getServiceDescriptor(),
                AuthServiceGrpc.getServiceDescriptor(), AdminServiceGrpc.getServiceDescriptor(),
                ReviewServiceGrpc.getServiceDescriptor(), FileServiceGrpc.getServiceDescriptor())) {
            methods.addAll(service.getMethods());
        }
        return methods;
    }

    @Test
    void theServiceListCoversEveryServiceInTheProto() {
        Set<String> inProto = java.util.stream.Stream.of(McqProto.getDescriptor(), ReviewProto.getDescriptor())
                .flatMap(file -> file.getServices().stream())
                .flatMap(service -> service.getMethods().stream())
                .map(method -> method.getService().getFullName() + "/" + method.getName())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> listed = allRpcs().stream().map(MethodDescriptor::getFullMethodName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(listed).isEqualTo(inProto);
    }

    @Test
    void theTableListsEveryRpcAndNothingElse() {
        Set<String> existing = allRpcs().stream().map(MethodDescriptor::getFullMethodName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(new TreeSet<>(TABLE.operations())).as("RPCs with an access rule").isEqualTo(existing);
    }

    @Test
    void theRulesAreTheOnesTheSpecGives() {
        assertThat(TABLE.rules()).containsEntry("mcq.v1.AdminService/Health", Access.PUBLIC)
                .containsEntry("mcq.v1.AuthService/Login", Access.PUBLIC)
                .containsEntry("mcq.v1.AuthService/Logout", Access.AUTHENTICATED);
        for (MethodDescriptor<?, ?> method : DocumentServiceGrpc.getServiceDescriptor().getMethods()) {
            assertThat(TABLE.lookup(method.getFullMethodName())).contains(Access.AUTHENTICATED);
        }
    }

    @Test
    void aMethodInNoMapIsRefusedBeforeItsHandlerRuns(@TempDir Path dir) throws Exception {
        AccessTable<String> empty = AccessTable.<String>builder().build();
        AuthService auth = new AuthService(new MciasClient("http://127.0.0.1:9", null, "mcq", List.of()),
                new TokenCache(10, TokenCache.DEFAULT_TTL, Clock.systemUTC()));
        try (Database database = Database.open(dir.resolve("mcq.db"))) {
            GrpcServer server = new GrpcServer(new ListenAddress("127.0.0.1", 0), null, 1 << 20,
                    new AccessInterceptor(auth, empty), List.of(new AdminRpcService(new DocumentService(
                            new SqliteDocumentStore(database), new DocumentRules(1 << 20), Clock.systemUTC())))).start();
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
            try {
                assertThatThrownBy(() -> AdminServiceGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .health(HealthRequest.getDefaultInstance()))
                        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                            assertThat(e.getStatus().getDescription()).isEqualTo("this method has no access rule");
                        });
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                server.stop();
            }
        }
    }

    @Test
    void aMethodCannotBeListedTwice() {
        assertThatThrownBy(() -> GrpcAccessTable.rules().add(AdminServiceGrpc.getHealthMethod(), Access.PUBLIC)
                .add(AdminServiceGrpc.getHealthMethod(), Access.AUTHENTICATED))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
