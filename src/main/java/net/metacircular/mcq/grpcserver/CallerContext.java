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

    private CallerContext() {
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
