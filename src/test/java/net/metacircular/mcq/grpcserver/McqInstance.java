package net.metacircular.mcq.grpcserver;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import net.metacircular.mcq.Application;
import net.metacircular.mcq.config.Config;
import net.metacircular.mcq.config.ConfigLoader;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real MCQ for a test: the Application with a SQLite file in a temp
 * folder, HTTP and gRPC on ephemeral loopback ports, and small limits so
 * over-size requests are cheap to build.
 */
final class McqInstance implements AutoCloseable {

    /** max_document_bytes in these tests; max_request_bytes is derived (6x + 64 KiB). */
    static final int MAX_DOCUMENT_BYTES = 1024;

    final Application app;
    private ManagedChannel channel;

    private McqInstance(Application app) {
        this.app = app;
    }

    static McqInstance start(Path dir, String mciasUrl) {
        return start(dir, mciasUrl, null);
    }

    /** @param tls the certificate to serve, or null for plain HTTP and plaintext gRPC */
    static McqInstance start(Path dir, String mciasUrl, TestCertificates tls) {
        return new McqInstance(Application.start(config(dir, mciasUrl, tls)));
    }

    static Config config(Path dir, String mciasUrl, TestCertificates tls) {
        String toml = """
                [server]
                listen_addr = "127.0.0.1:0"
                grpc_addr = "127.0.0.1:0"
                tls_cert = "%s"
                tls_key = "%s"

                [database]
                path = "%s"

                [mcias]
                server_url = "%s"
                service_name = "mcq"

                [limits]
                max_document_bytes = %d
                """.formatted(
                tls == null ? "" : tls.serverCertFile, tls == null ? "" : tls.serverKeyFile,
                dir.resolve("mcq.db"), mciasUrl, MAX_DOCUMENT_BYTES);
        // An empty environment: $PORT or MCQ_* on the test machine must not move the listeners.
        return new ConfigLoader(Map.of()).loadToml(toml, "test config");
    }

    /** A plaintext channel to the gRPC listener, shared by the test and closed with it. */
    ManagedChannel channel() {
        if (channel == null) {
            channel = NettyChannelBuilder.forAddress("127.0.0.1", app.grpcPort()).usePlaintext().build();
        }
        return channel;
    }

    String httpBase() {
        return "http://127.0.0.1:" + app.httpPort();
    }

    @Override
    public void close() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        app.close();
    }
}
