package net.metacircular.mcq.notify;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A notification receiver for tests: a real HTTP server on a loopback port
 * that records every request. It can answer with a chosen status, or hold
 * every request until {@link #release()} (a receiver that never answers).
 */
final class Receiver implements AutoCloseable {

    /** One request as it arrived. */
    record Received(String method, String pathAndQuery, Headers headers, String body) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "test-receiver");
        thread.setDaemon(true);
        return thread;
    });
    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicInteger status = new AtomicInteger(200);
    /** Statuses for the next requests, in turn, before {@link #status}. */
    private final LinkedBlockingQueue<Integer> script = new LinkedBlockingQueue<>();
    private final CountDownLatch released;
    /** Requests answered so far. */
    final AtomicInteger answered = new AtomicInteger();
    /** Counted down when a held request has arrived. */
    final CountDownLatch holding = new CountDownLatch(1);

    private Receiver(int port, boolean hold) {
        this.released = new CountDownLatch(hold ? 1 : 0);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
                    exchange.getRequestHeaders(), body));
            if (released.getCount() > 0) {
                holding.countDown();
                try {
                    released.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Integer scripted = script.poll();
            exchange.sendResponseHeaders(scripted != null ? scripted : status.get(), -1);
            exchange.close();
            answered.incrementAndGet();
        });
        server.start();
    }

    /** On an ephemeral loopback port. */
    static Receiver start() {
        return new Receiver(0, false);
    }

    /** On {@code port}, e.g. one that was down while MCQ pushed. */
    static Receiver startOn(int port) {
        return new Receiver(port, false);
    }

    /** One that holds every request until {@link #release()}. */
    static Receiver holding() {
        return new Receiver(0, true);
    }

    /** A loopback port where nothing listens (for now). */
    static int unusedPort() {
        Receiver probe = start();
        int port = probe.port();
        probe.close();
        return port;
    }

    int port() {
        return server.getAddress().getPort();
    }

    String base() {
        return "http://127.0.0.1:" + port();
    }

    void answer(int status) {
        this.status.set(status);
    }

    /** Answers the next requests with these statuses, one each, then with {@link #answer}'s. */
    void answerInTurn(int... statuses) {
        for (int next : statuses) {
            script.add(next);
        }
    }

    void release() {
        released.countDown();
    }

    /** The next request, waiting at most {@code timeout}; fails when none comes. */
    Received next(Duration timeout) {
        try {
            Received next = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                throw new AssertionError("no notification arrived within " + timeout);
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next {@code count} requests, each within {@code timeout}. */
    List<Received> next(int count, Duration timeout) {
        List<Received> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(next(timeout));
        }
        return all;
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }
}
