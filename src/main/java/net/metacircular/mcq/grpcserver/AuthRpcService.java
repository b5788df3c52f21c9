package net.metacircular.mcq.grpcserver;

import io.grpc.stub.StreamObserver;
import net.metacircular.mcq.auth.AuthService;
import net.metacircular.mcq.auth.LoginResult;
import net.metacircular.mcq.grpc.v1.AuthServiceGrpc;
import net.metacircular.mcq.grpc.v1.LoginRequest;
import net.metacircular.mcq.grpc.v1.LoginResponse;
import net.metacircular.mcq.grpc.v1.LogoutRequest;
import net.metacircular.mcq.grpc.v1.LogoutResponse;

/** {@code mcq.v1.AuthService}: sign-in and sign-out through {@link AuthService}, i.e. MCIAS. */
public final class AuthRpcService extends AuthServiceGrpc.AuthServiceImplBase {

    private final AuthService auth;

    public AuthRpcService(AuthService auth) {
        this.auth = auth;
    }

    @Override
    public void login(LoginRequest request, StreamObserver<LoginResponse> response) {
        Rpc.answer(AuthServiceGrpc.getLoginMethod(), response, () -> {
            // proto3 has no absent strings: an empty totp_code means none, as MciasClient treats it.
            LoginResult result = auth.login(request.getUsername(), request.getPassword(), request.getTotpCode(),
                    CallerContext.clientAddress());
            return LoginResponse.newBuilder()
                    .setToken(result.token())
                    .setExpiresAt(ProtoMessages.timestamp(result.expiresAt()))
                    .build();
        });
    }

    /** Revokes the token the call was authenticated with. */
    @Override
    public void logout(LogoutRequest request, StreamObserver<LogoutResponse> response) {
        Rpc.answer(AuthServiceGrpc.getLogoutMethod(), response, () -> {
            auth.logout(CallerContext.token());
            return LogoutResponse.getDefaultInstance();
        });
    }
}
