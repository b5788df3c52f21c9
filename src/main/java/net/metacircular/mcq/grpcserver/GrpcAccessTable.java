package net.metacircular.mcq.grpcserver;

import io.grpc.MethodDescriptor;
import net.metacircular.mcq.grpc.v1.AdminServiceGrpc;
import net.metacircular.mcq.grpc.v1.AuthServiceGrpc;
import net.metacircular.mcq.grpc.v1.DocumentServiceGrpc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Access control for the gRPC API, in three maps keyed by full method name
 * ({@code mcq.v1.DocumentService/PutDocument}). {@link AccessInterceptor}
 * looks every call up here; a method in no map is refused, and a test fails
 * when a method of the generated services is in no map or in more than one.
 */
public final class GrpcAccessTable {

    /** Who may call a method. */
    public enum Access {
        /** Anyone, without credentials. */
        PUBLIC,
        /** Any account with a valid MCIAS bearer token, system accounts included. */
        AUTHENTICATED,
        /** An account holding the MCIAS admin role. */
        ADMIN
    }

    /** Callable without credentials. */
    public static final Map<String, MethodDescriptor<?, ?>> PUBLIC = methods(
            AdminServiceGrpc.getHealthMethod(),
            AuthServiceGrpc.getLoginMethod());

    /** Callable with a valid bearer token. */
    public static final Map<String, MethodDescriptor<?, ?>> AUTH_REQUIRED = methods(
            AuthServiceGrpc.getLogoutMethod(),
            DocumentServiceGrpc.getListDocumentsMethod(),
            DocumentServiceGrpc.getGetDocumentMethod(),
            DocumentServiceGrpc.getPutDocumentMethod(),
            DocumentServiceGrpc.getDeleteDocumentMethod(),
            DocumentServiceGrpc.getMarkReadMethod(),
            DocumentServiceGrpc.getMarkUnreadMethod());

    /** Callable with a valid bearer token of an admin; no method needs it yet. */
    public static final Map<String, MethodDescriptor<?, ?>> ADMIN_REQUIRED = methods();

    private GrpcAccessTable() {
    }

    /**
     * The access rule for a method, or empty when it has none. A method in
     * several maps gets the strictest rule, though the tests keep that from
     * happening.
     */
    public static Optional<Access> lookup(String fullMethodName) {
        if (ADMIN_REQUIRED.containsKey(fullMethodName)) {
            return Optional.of(Access.ADMIN);
        }
        if (AUTH_REQUIRED.containsKey(fullMethodName)) {
            return Optional.of(Access.AUTHENTICATED);
        }
        if (PUBLIC.containsKey(fullMethodName)) {
            return Optional.of(Access.PUBLIC);
        }
        return Optional.empty();
    }

    private static Map<String, MethodDescriptor<?, ?>> methods(MethodDescriptor<?, ?>... methods) {
        Map<String, MethodDescriptor<?, ?>> map = new LinkedHashMap<>();
        for (MethodDescriptor<?, ?> method : methods) {
            map.put(method.getFullMethodName(), method);
        }
        return Collections.unmodifiableMap(map);
    }
}
