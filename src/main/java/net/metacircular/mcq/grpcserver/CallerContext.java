package net.metacircular.mcq.grpcserver;

import io.grpc.Context;
import net.metacircular.mcq.auth.Caller;

/**
 * What {@link AccessInterceptor} learnt about the caller of an RPC, handed to
 * the service implementations through the gRPC {@link Context}.
 */
final class CallerContext {

    /** The authenticated caller; absent on public methods. */
    static final Context.Key<Caller> CALLER = Context.key("mcq.caller");
    /** The caller's bearer token, needed by Logout to revoke it. Never logged. */
    static final Context.Key<String> TOKEN = Context.key("mcq.token");

    /** The client's IP address as the transport saw it, for sign-in throttling; set on every call. */
    static final Context.Key<String> CLIENT_ADDRESS = Context.key("mcq.client-address");

    private CallerContext() {
    }

    /** The IP address of a call's peer, or null when the transport gives none. */
    static String clientAddress(io.grpc.ServerCall<?, ?> call) {
        java.net.SocketAddress remote = call.getAttributes().get(io.grpc.Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        return remote instanceof java.net.InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : null;
    }

    static String clientAddress() {
        return CLIENT_ADDRESS.get();
    }

    /** The caller of the current RPC; only called from methods the access table marks authenticated. */
    static Caller caller() {
        Caller caller = CALLER.get();
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller: the method is missing from the "
                    + "authenticated or admin map of GrpcAccessTable");
        }
        return caller;
    }

    static String token() {
        return TOKEN.get();
    }
}
