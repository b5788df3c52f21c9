package net.metacircular.mcq.grpcserver;

import io.grpc.Status;
import net.metacircular.mcq.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC status for each kind of service failure: the one place where the
 * gRPC API turns a {@link ServiceException} into what the client sees, as
 * {@code server.HttpStatuses} does for HTTP.
 */
public final class GrpcStatuses {

    private static final Logger log = LoggerFactory.getLogger(GrpcStatuses.class);

    private GrpcStatuses() {
    }

    public static Status.Code of(ServiceException.Kind kind) {
        return switch (kind) {
            case INVALID_INPUT -> Status.Code.INVALID_ARGUMENT;
            case UNAUTHENTICATED -> Status.Code.UNAUTHENTICATED;
            case PERMISSION_DENIED -> Status.Code.PERMISSION_DENIED;
            case NOT_FOUND -> Status.Code.NOT_FOUND;
            case TOO_LARGE -> Status.Code.RESOURCE_EXHAUSTED;
            case UNSUPPORTED_TYPE -> Status.Code.INVALID_ARGUMENT;
            case UNAVAILABLE -> Status.Code.UNAVAILABLE;
            case RATE_LIMITED -> Status.Code.RESOURCE_EXHAUSTED;
        };
    }

    /**
     * The status for a failure while serving {@code method}. Service failures
     * carry their message, which is written for the caller; anything else is
     * a bug, logged here with its stack trace and answered INTERNAL without
     * details, so no internals reach the client.
     */
    public static Status toStatus(Throwable failure, String method) {
        if (failure instanceof ServiceException e) {
            return Status.fromCode(of(e.kind())).withDescription(e.getMessage());
        }
        log.error("unhandled error in {}", method, failure);
        return Status.INTERNAL.withDescription("internal error");
    }
}
