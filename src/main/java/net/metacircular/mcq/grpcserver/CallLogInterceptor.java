package net.metacircular.mcq.grpcserver;

import io.grpc.ForwardingServerCall;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per RPC, like the HTTP request log: method, status, time and
 * peer. It never logs metadata or messages, so tokens and passwords stay out
 * of the log.
 */
final class CallLogInterceptor implements ServerInterceptor {

    private static final Logger requestLog = LoggerFactory.getLogger("mcq.request");

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                        ServerCallHandler<Q, R> next) {
        long started = System.nanoTime();
        return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                requestLog.atInfo()
                        .addKeyValue("rpc", call.getMethodDescriptor().getFullMethodName())
                        .addKeyValue("status", status.getCode())
                        .addKeyValue("ms", String.format("%.1f", (System.nanoTime() - started) / 1e6))
                        .addKeyValue("remote", call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR))
                        .log("rpc");
                super.close(status, trailers);
            }
        }, headers);
    }
}
