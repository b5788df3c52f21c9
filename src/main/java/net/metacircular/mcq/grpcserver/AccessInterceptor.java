package net.metacircular.mcq.grpcserver;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import net.metacircular.mcq.auth.AuthService;
import net.metacircular.mcq.auth.Caller;
import net.metacircular.mcq.http.Access;
import net.metacircular.mcq.http.AccessTable;
import net.metacircular.mcq.http.BearerToken;

import java.util.Optional;

/**
 * Enforces {@link GrpcAccessTable} on every call before its handler runs.
 * Authenticated methods need {@code authorization: Bearer <token>} metadata,
 * checked by {@link AuthService#authenticate} exactly as the REST API checks
 * its header; the caller and token then travel in the gRPC {@link Context}.
 * A method without an access rule is refused.
 */
public final class AccessInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final AuthService auth;
    private final AccessTable<String> table;

    public AccessInterceptor(AuthService auth, AccessTable<String> table) {
        this.auth = auth;
        this.table = table;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                        ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        Optional<Access> access = table.lookup(method);
        if (access.isEmpty()) {
            return refuse(call, Status.PERMISSION_DENIED.withDescription("this method has no access rule"));
        }
        String clientAddress = CallerContext.clientAddress(call);
        if (!access.get().needsCaller()) {
            return Contexts.interceptCall(Context.current().withValue(CallerContext.CLIENT_ADDRESS, clientAddress),
                    call, headers, next);
        }
        String token = bearerToken(headers);
        Caller caller;
        try {
            caller = auth.authenticate(token);
        } catch (RuntimeException e) {
            return refuse(call, GrpcStatuses.toStatus(e, method));
        }
        try {
            access.get().check(caller);
        } catch (RuntimeException e) {
            return refuse(call, GrpcStatuses.toStatus(e, method));
        }
        Context context = Context.current()
                .withValue(CallerContext.CALLER, caller)
                .withValue(CallerContext.TOKEN, token)
                .withValue(CallerContext.CLIENT_ADDRESS, clientAddress);
        return Contexts.interceptCall(context, call, headers, next);
    }

    /** The token from {@code authorization: Bearer <token>}, or null. */
    static String bearerToken(Metadata headers) {
        return BearerToken.from(headers.get(AUTHORIZATION));
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
