package net.metacircular.mcq.grpcserver;

import io.grpc.Status;
import net.metacircular.mcq.ServiceException;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GrpcStatusesTest {

    @Test
    void eachKindHasItsStatusAndKeepsItsMessage() {
        Map<ServiceException.Kind, Status.Code> expected = new EnumMap<>(Map.of(
                ServiceException.Kind.INVALID_INPUT, Status.Code.INVALID_ARGUMENT,
                ServiceException.Kind.UNAUTHENTICATED, Status.Code.UNAUTHENTICATED,
                ServiceException.Kind.PERMISSION_DENIED, Status.Code.PERMISSION_DENIED,
                ServiceException.Kind.NOT_FOUND, Status.Code.NOT_FOUND,
                ServiceException.Kind.TOO_LARGE, Status.Code.RESOURCE_EXHAUSTED,
                ServiceException.Kind.UNSUPPORTED_TYPE, Status.Code.INVALID_ARGUMENT,
                ServiceException.Kind.UNAVAILABLE, Status.Code.UNAVAILABLE,
                ServiceException.Kind.RATE_LIMITED, Status.Code.RESOURCE_EXHAUSTED));
        assertThat(expected.keySet()).containsExactly(ServiceException.Kind.values());
        expected.forEach((kind, code) -> {
            Status status = GrpcStatuses.toStatus(new ServiceException(kind, "what to fix"), "m");
            assertThat(status.getCode()).isEqualTo(code);
            assertThat(status.getDescription()).isEqualTo("what to fix");
        });
    }

    @Test
    void anUnexpectedFailureIsInternalWithoutDetails() {
        Status status = GrpcStatuses.toStatus(
                new IllegalStateException("SQLITE_CORRUPT at /var/lib/mcq/mcq.db"), "mcq.v1.DocumentService/GetDocument");
        assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(status.getDescription()).isEqualTo("internal error");
        assertThat(status.getCause()).isNull();
    }
}
