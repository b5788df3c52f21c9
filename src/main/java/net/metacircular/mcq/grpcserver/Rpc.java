package net.metacircular.mcq.grpcserver;

import io.grpc.MethodDescriptor;
import io.grpc.stub.StreamObserver;

import java.util.function.Supplier;

/**
 * Runs one unary RPC: sends the answer, or the failure as the matching
 * status from {@link GrpcStatuses}. Every handler goes through here, so no
 * exception escapes to gRPC as an UNKNOWN status with its message.
 */
final class Rpc {

    private Rpc() {
    }

    static <T> void answer(MethodDescriptor<?, T> method, StreamObserver<T> response, Supplier<T> work) {
        T value;
        try {
            value = work.get();
        } catch (RuntimeException e) {
            response.onError(GrpcStatuses.toStatus(e, method.getFullMethodName()).asRuntimeException());
            return;
        }
        response.onNext(value);
        response.onCompleted();
    }
}
