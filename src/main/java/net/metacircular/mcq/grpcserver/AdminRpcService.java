package net.metacircular.mcq.grpcserver;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import net.metacircular.mcq.db.Database;
import net.metacircular.mcq.grpc.v1.AdminServiceGrpc;
import net.metacircular.mcq.grpc.v1.HealthRequest;
import net.metacircular.mcq.grpc.v1.HealthResponse;

/** {@code mcq.v1.AdminService}: health, answered like {@code GET /v1/health}. */
public final class AdminRpcService extends AdminServiceGrpc.AdminServiceImplBase {

    private final Database database;

    public AdminRpcService(Database database) {
        this.database = database;
    }

    @Override
    public void health(HealthRequest request, StreamObserver<HealthResponse> response) {
        if (database.isUsable()) {
            response.onNext(HealthResponse.newBuilder().setStatus("ok").build());
            response.onCompleted();
        } else {
            response.onError(Status.UNAVAILABLE.withDescription("the database is not usable").asRuntimeException());
        }
    }
}
