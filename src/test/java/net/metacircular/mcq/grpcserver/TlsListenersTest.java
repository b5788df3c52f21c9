package net.metacircular.mcq.grpcserver;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import net.metacircular.mcq.cli.Application;
import net.metacircular.mcq.config.ConfigException;
import net.metacircular.mcq.config.ConfigLoader;
import net.metacircular.mcq.grpc.v1.AdminServiceGrpc;
import net.metacircular.mcq.grpc.v1.HealthRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Both listeners serve TLS 1.3 only when a certificate is configured, plain
 * HTTP and plaintext gRPC when none is, and refuse to start half-configured.
 */
class TlsListenersTest {

    /** Health needs no identity service; nothing listens here. */
    private static final String NO_MCIAS = "http://127.0.0.1:9";

    @TempDir
    Path dir;

    @Test
    void tlsListenersAcceptTls13AndRefuseTls12OnBothPorts() throws Exception {
        TestCertificates certs = TestCertificates.create(dir);
        try (McqInstance mcq = McqInstance.start(dir, NO_MCIAS, certs)) {
            int httpPort = mcq.app.httpPort();
            int grpcPort = mcq.app.grpcPort();

            for (int port : List.of(httpPort, grpcPort)) {
                assertThatThrownBy(() -> handshake(certs.clientContext("TLSv1.2"), port, "TLSv1.2"))
                        .as("TLS 1.2 handshake on port %d", port)
                        .isInstanceOf(SSLException.class);
                assertThat(handshake(certs.clientContext("TLSv1.3"), port, "TLSv1.3"))
                        .as("TLS 1.3 handshake on port %d", port)
                        .isEqualTo("TLSv1.3");
            }

            HttpClient https = HttpClient.newBuilder().sslContext(certs.clientContext("TLSv1.3")).build();
            HttpResponse<String> health = https.send(
                    HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + httpPort + "/v1/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"ok\"");
            assertThat(health.sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.3");

            ManagedChannel tls13 = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort)
                    .sslContext(GrpcSslContexts.forClient().trustManager(certs.caCertFile.toFile()).build())
                    .build();
            ManagedChannel tls12 = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort)
                    .sslContext(GrpcSslContexts.forClient().protocols("TLSv1.2")
                            .trustManager(certs.caCertFile.toFile()).build())
                    .build();
            ManagedChannel plaintext = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
            try {
                assertThat(AdminServiceGrpc.newBlockingStub(tls13)
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .health(HealthRequest.getDefaultInstance()).getStatus()).isEqualTo("ok");
                assertUnavailable(tls12);
                assertUnavailable(plaintext);
            } finally {
                for (ManagedChannel channel : List.of(tls13, tls12, plaintext)) {
                    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** The platform's l7 + l4 deployment: mc-proxy ends TLS for HTTP, MCQ ends it for gRPC. */
    @Test
    void httpTlsOffKeepsTheHttpListenerPlainWhileGrpcServesTls13() throws Exception {
        TestCertificates certs = TestCertificates.create(dir);
        ListAppender<ILoggingEvent> startLog = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(Application.class);
        startLog.start();
        logger.addAppender(startLog);
        try (McqInstance mcq = McqInstance.start(dir, NO_MCIAS, certs, false)) {
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(mcq.httpBase() + "/v1/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);

            int grpcPort = mcq.app.grpcPort();
            assertThatThrownBy(() -> handshake(certs.clientContext("TLSv1.2"), grpcPort, "TLSv1.2"))
                    .isInstanceOf(SSLException.class);
            assertThat(handshake(certs.clientContext("TLSv1.3"), grpcPort, "TLSv1.3")).isEqualTo("TLSv1.3");
            assertThat(startLog.list).extracting(ILoggingEvent::getMessage, TlsListenersTest::tlsValue)
                    .contains(
                            org.assertj.core.groups.Tuple.tuple("HTTP listener started",
                                    "off (plain HTTP: http_tls = false, TLS ends at the proxy)"),
                            org.assertj.core.groups.Tuple.tuple("gRPC listener started", "TLS 1.3 only"));
        } finally {
            logger.detachAppender(startLog);
        }
    }

    @Test
    void withoutCertificateBothListenersServePlaintextAndSaySo() throws Exception {
        ListAppender<ILoggingEvent> startLog = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(Application.class);
        startLog.start();
        logger.addAppender(startLog);
        try (McqInstance mcq = McqInstance.start(dir, NO_MCIAS)) {
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(mcq.httpBase() + "/v1/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(AdminServiceGrpc.newBlockingStub(mcq.channel())
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .health(HealthRequest.getDefaultInstance()).getStatus()).isEqualTo("ok");

            assertThat(startLog.list).extracting(ILoggingEvent::getMessage, TlsListenersTest::tlsValue)
                    .contains(
                            org.assertj.core.groups.Tuple.tuple("HTTP listener started", "off (plain HTTP)"),
                            org.assertj.core.groups.Tuple.tuple("gRPC listener started", "off (plaintext gRPC)"));
        } finally {
            logger.detachAppender(startLog);
        }
    }

    @Test
    void halfConfiguredTlsRefusesToStart() throws Exception {
        TestCertificates certs = TestCertificates.create(dir);
        for (String server : List.of(
                "tls_cert = \"" + certs.serverCertFile + "\"",
                "tls_key = \"" + certs.serverKeyFile + "\"")) {
            String toml = """
                    [server]
                    listen_addr = "127.0.0.1:0"
                    %s
                    [database]
                    path = "%s"
                    [mcias]
                    server_url = "%s"
                    service_name = "mcq"
                    """.formatted(server, dir.resolve("mcq.db"), NO_MCIAS);
            assertThatThrownBy(() -> new ConfigLoader(Map.of()).loadToml(toml, "mcq.toml"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("tls_cert and tls_key must be set together");
        }
    }

    /** Completes a TLS handshake restricted to {@code protocol}; returns the negotiated version. */
    private static String handshake(SSLContext context, int port, String protocol) throws Exception {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.setEnabledProtocols(new String[]{protocol});
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(new String[]{"h2", "http/1.1"});
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket.getSession().getProtocol();
        }
    }

    private static void assertUnavailable(ManagedChannel channel) {
        assertThatThrownBy(() -> AdminServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .health(HealthRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    }

    private static Object tlsValue(ILoggingEvent event) {
        List<KeyValuePair> pairs = event.getKeyValuePairs() == null ? List.of() : event.getKeyValuePairs();
        return pairs.stream().collect(Collectors.toMap(p -> p.key, p -> String.valueOf(p.value), (a, b) -> a))
                .get("tls");
    }
}
