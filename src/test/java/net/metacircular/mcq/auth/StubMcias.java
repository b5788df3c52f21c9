package net.metacircular.mcq.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on a loopback port answering MCIAS's token validation,
 * with the answers and timing a test needs: it counts validate requests,
 * can hold them until the test opens a gate, and can play an outage (503).
 */
public final class StubMcias implements AutoCloseable {

    /** Every token whose text starts with this is valid; any other is not. */
    public static final String VALID_PREFIX = "valid-";

    private final HttpServer server;
    private final AtomicInteger validateCalls = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile boolean down;
    private volatile Instant tokenExpiry;

    public StubMcias(Instant tokenExpiry) throws IOException {
        this.tokenExpiry = tokenExpiry;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/token/validate", this::validate);
        server.start();
    }

    MciasClient client() {
        return new MciasClient(url(), null, "mcq", List.of());
    }

    /** The base URL to configure as MCIAS's {@code server_url}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int validateCalls() {
        return validateCalls.get();
    }

    /** Holds every validate request until {@link #open()}. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    public void open() {
        gate.countDown();
    }

    void setDown(boolean down) {
        this.down = down;
    }

    void setTokenExpiry(Instant expiry) {
        this.tokenExpiry = expiry;
    }

    private void validate(HttpExchange exchange) throws IOException {
        validateCalls.incrementAndGet();
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String request = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!gate.await(10, TimeUnit.SECONDS)) {
                respond(exchange, 500, "{}");
                return;
            }
            if (down) {
                respond(exchange, 503, "{\"error\":\"down\"}");
            } else if (request.contains("\"" + VALID_PREFIX)) {
                respond(exchange, 200, "{\"valid\":true,\"sub\":\"u-1\",\"username\":\"alice\","
                        + "\"account_type\":\"human\",\"roles\":[],\"expires_at\":"
                        + tokenExpiry.getEpochSecond() + "}");
            } else {
                respond(exchange, 200, "{\"valid\":false}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        open();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
