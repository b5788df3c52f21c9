package net.metacircular.mcq.webserver;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * One open event stream, written without ever blocking: text waits in the
 * stream's own queue and goes out only when the connection can take it
 * (the servlet's non-blocking output). A browser that stops reading
 * therefore holds up no other stream and no thread; once its backlog passes
 * {@code maxQueuedBytes} the stream is ended, as a dropped connection would
 * be, and a browser that is merely slow reconnects and catches up.
 *
 * <p>Text offered before {@link #start} waits until the request has gone
 * asynchronous, which the non-blocking output requires.
 */
final class EventStream implements WriteListener {

    private final ServletOutputStream out;
    private final int maxQueuedBytes;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    /** Guarded by this, like every field below. */
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private int queuedBytes;
    private boolean started;
    private boolean unflushed;

    EventStream(ServletOutputStream out, int maxQueuedBytes) {
        this.out = out;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    /** Completes when the stream ends, however it ends; the request ends with it. */
    CompletableFuture<Void> ended() {
        return ended;
    }

    /** Queues {@code text} and writes what the connection takes now; never blocks. */
    synchronized void offer(String text) {
        if (ended.isDone()) {
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (queuedBytes + bytes.length > maxQueuedBytes) {
            end();
            return;
        }
        queue.add(bytes);
        queuedBytes += bytes.length;
        if (started) {
            drain();
        }
    }

    /** Switches to non-blocking output, once the request is asynchronous; the container then calls {@link #onWritePossible}. */
    synchronized void start() {
        started = true;
        out.setWriteListener(this);
    }

    @Override
    public synchronized void onWritePossible() {
        drain();
    }

    @Override
    public void onError(Throwable failure) {
        end();
    }

    void end() {
        ended.complete(null);
    }

    /** Writes queued text while the connection is ready, then flushes; holds this. */
    private void drain() {
        try {
            while (!ended.isDone() && out.isReady()) {
                byte[] next = queue.poll();
                if (next == null) {
                    if (!unflushed) {
                        return;
                    }
                    unflushed = false;
                    out.flush();
                    continue;
                }
                queuedBytes -= next.length;
                out.write(next);
                unflushed = true;
            }
        } catch (IOException | RuntimeException e) {
            // The browser left, or the server is stopping: end the request.
            end();
        }
    }
}
