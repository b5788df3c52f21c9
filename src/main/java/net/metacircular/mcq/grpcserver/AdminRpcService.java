package net.metacircular.mcq.grpcserver;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import net.metacircular.mcq.documents.DocumentService;
import net.metacircular.mcq.grpc.v1.AdminServiceGrpc;
import net.metacircular.mcq.grpc.v1.HealthRequest;
import net.metacircular.mcq.grpc.v1.HealthResponse;

/** {@code mcq.v1.AdminService}: health, answered like {@code GET /v1/health}. */
public final class AdminRpcService extends AdminServiceGrpc.AdminServiceImplBase {

    private final DocumentService documents;

    public AdminRpcService(DocumentService documents) {
        this.documents = documents;
    }

    @Override
    public void health(HealthRequest request, StreamObserver<HealthResponse> response) {
        if (documents.isHealthy()) {
            response.onNext(HealthResponse.newBuilder().setStatus("ok").build());
            response.onCompleted();
        } else {
            response.onError(Status.UNAVAILABLE.withDescription("the database is not usable").asRuntimeException());
        }
    }
}
