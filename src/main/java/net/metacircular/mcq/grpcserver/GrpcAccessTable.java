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
 * ({@code mcq.v1.DocumentService/PutDocument}): public, auth-required and
 * admin-required. {@link AccessInterceptor} looks every call up here; a
 * method in no map is refused, and a test fails when a method of the
 * generated services is in no map or in more than one.
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

    /** MCQ's access rules. */
    public static final GrpcAccessTable MCQ = new GrpcAccessTable(
            methods(
                    AdminServiceGrpc.getHealthMethod(),
                    AuthServiceGrpc.getLoginMethod()),
            methods(
                    AuthServiceGrpc.getLogoutMethod(),
                    DocumentServiceGrpc.getListDocumentsMethod(),
                    DocumentServiceGrpc.getGetDocumentMethod(),
                    DocumentServiceGrpc.getPutDocumentMethod(),
                    DocumentServiceGrpc.getDeleteDocumentMethod(),
                    DocumentServiceGrpc.getMarkReadMethod(),
                    DocumentServiceGrpc.getMarkUnreadMethod()),
            // No method needs the admin role yet; the map is enforced all the same.
            methods());

    private final Map<String, MethodDescriptor<?, ?>> publicMethods;
    private final Map<String, MethodDescriptor<?, ?>> authRequired;
    private final Map<String, MethodDescriptor<?, ?>> adminRequired;

    public GrpcAccessTable(Map<String, MethodDescriptor<?, ?>> publicMethods,
                           Map<String, MethodDescriptor<?, ?>> authRequired,
                           Map<String, MethodDescriptor<?, ?>> adminRequired) {
        this.publicMethods = Map.copyOf(publicMethods);
        this.authRequired = Map.copyOf(authRequired);
        this.adminRequired = Map.copyOf(adminRequired);
    }

    /** Callable without credentials. */
    public Map<String, MethodDescriptor<?, ?>> publicMethods() {
        return publicMethods;
    }

    /** Callable with a valid bearer token. */
    public Map<String, MethodDescriptor<?, ?>> authRequired() {
        return authRequired;
    }

    /** Callable with a valid bearer token of an account with the admin role. */
    public Map<String, MethodDescriptor<?, ?>> adminRequired() {
        return adminRequired;
    }

    /**
     * The access rule for a method, or empty when it has none. A method in
     * several maps gets the strictest rule, though the tests keep that from
     * happening.
     */
    public Optional<Access> lookup(String fullMethodName) {
        if (adminRequired.containsKey(fullMethodName)) {
            return Optional.of(Access.ADMIN);
        }
        if (authRequired.containsKey(fullMethodName)) {
            return Optional.of(Access.AUTHENTICATED);
        }
        if (publicMethods.containsKey(fullMethodName)) {
            return Optional.of(Access.PUBLIC);
        }
        return Optional.empty();
    }

    /** A map of the given methods keyed by full method name. */
    public static Map<String, MethodDescriptor<?, ?>> methods(MethodDescriptor<?, ?>... methods) {
        Map<String, MethodDescriptor<?, ?>> map = new LinkedHashMap<>();
        for (MethodDescriptor<?, ?> method : methods) {
            if (map.put(method.getFullMethodName(), method) != null) {
                throw new IllegalArgumentException(method.getFullMethodName() + " is listed twice");
            }
        }
        return Collections.unmodifiableMap(map);
    }
}
