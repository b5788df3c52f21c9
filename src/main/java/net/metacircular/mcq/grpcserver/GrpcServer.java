package net.metacircular.mcq.grpcserver;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import net.metacircular.mcq.config.ListenAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC listener ({@code server.grpc_addr}): the {@code mcq.v1} services
 * behind {@link AccessInterceptor}, TLS 1.3 only when TLS is configured and
 * plaintext otherwise (behind a TLS-terminating proxy, or for development).
 *
 * <p>Its limits mirror the HTTP listener's: the largest inbound message is
 * {@code limits.max_request_bytes} (a larger one is refused with
 * RESOURCE_EXHAUSTED before it is parsed), idle connections close after 120 s,
 * and a peer gets 30 s for the TLS handshake and for answering a keepalive ping.
 */
public final class GrpcServer {

    /** An idle connection is closed after this long, as HTTP's idle timeout. */
    public static final Duration MAX_CONNECTION_IDLE = Duration.ofSeconds(120);
    /** Time allowed to complete the TLS handshake (or the HTTP/2 preface), as HTTP's read timeout. */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);
    /** A connection with calls in flight is pinged when silent this long... */
    static final Duration KEEPALIVE_TIME = Duration.ofSeconds(60);
    /** ...and closed when the ping is not answered within this. */
    static final Duration KEEPALIVE_TIMEOUT = Duration.ofSeconds(30);
    /** How often a client may ping; clients that keep connections warm commonly use 30 s. */
    static final Duration PERMIT_KEEPALIVE_TIME = Duration.ofSeconds(30);
    /** Time in-flight calls get to finish on shutdown, as HTTP's. */
    public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(GrpcServer.class);

    private final ListenAddress address;
    private final Server server;

    /**
     * @param tlsKeys         the server's certificate and key, or null for plaintext
     * @param maxRequestBytes the largest message a client may send
     */
    public GrpcServer(ListenAddress address, KeyManagerFactory tlsKeys, long maxRequestBytes,
                      AccessInterceptor access, List<BindableService> services) {
        this.address = address;
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(address.host(), address.port()))
                .maxInboundMessageSize((int) Math.min(maxRequestBytes, Integer.MAX_VALUE))
                .maxConnectionIdle(MAX_CONNECTION_IDLE.toSeconds(), TimeUnit.SECONDS)
                .handshakeTimeout(HANDSHAKE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .keepAliveTime(KEEPALIVE_TIME.toSeconds(), TimeUnit.SECONDS)
                .keepAliveTimeout(KEEPALIVE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .permitKeepAliveTime(PERMIT_KEEPALIVE_TIME.toSeconds(), TimeUnit.SECONDS);
        if (tlsKeys != null) {
            builder.sslContext(tls13(tlsKeys));
        }
        // A request that does not parse is INVALID_ARGUMENT, not UNKNOWN with a stack trace.
        services.forEach(service -> builder.addService(MalformedRequests.guard(service.bindService())));
        // Interceptors added later run first: the log line also covers refused calls.
        builder.intercept(access);
        builder.intercept(new CallLogInterceptor());
        this.server = builder.build();
    }

    /**
     * TLS 1.3 from the JDK, as on the HTTP listener: the jar leaves out
     * Netty's native BoringSSL, so tests use the same provider as the jar.
     */
    private static SslContext tls13(KeyManagerFactory keys) {
        try {
            return GrpcSslContexts.configure(SslContextBuilder.forServer(keys), SslProvider.JDK)
                    .protocols("TLSv1.3").build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS 1.3 for gRPC: " + e.getMessage(), e);
        }
    }

    public GrpcServer start() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for gRPC on " + address + ": " + e.getMessage(), e);
        }
        return this;
    }

    /** Stops accepting new calls; in-flight calls go on until {@link #awaitDrained()}. */
    public void shutdown() {
        server.shutdown();
    }

    /** Waits for in-flight calls to finish, then cuts off whatever is left. */
    public void awaitDrained() {
        try {
            if (!server.awaitTermination(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("gRPC calls still running after {} s; cancelling them", DRAIN_TIMEOUT.toSeconds());
                server.shutdownNow().awaitTermination(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Stops accepting and drains: {@link #shutdown()} then {@link #awaitDrained()}. */
    public void stop() {
        shutdown();
        awaitDrained();
    }

    /** The bound port (useful when configured with port 0). */
    public int port() {
        return server.getPort();
    }
}
