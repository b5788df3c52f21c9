package net.metacircular.mcq.http;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Admits a request's body before any of it is read: the route's size limit
 * first (413 on the declared {@code Content-Length}), then a share of the
 * {@link ByteBudget} for the declared size, or for the route's limit when
 * the body is chunked. The share is given back when the request ends.
 *
 * <p>When the budget is taken the request waits, without a thread, for at
 * most {@code maxWait}, and then gets 503 with {@code Retry-After}: the
 * server stays up and says when to come back, instead of reading bodies it
 * has no heap for. Requests without a body (every GET, health included)
 * never wait.
 */
final class RequestAdmission extends Handler.Wrapper {

    /** Over-limit bodies up to this size are read and discarded after the 413 is sent (see {@link #tooLarge}). */
    static final long DRAIN_LIMIT_BYTES = 2L * 1024 * 1024;

    /** Seconds a refused client is asked to wait before it tries again. */
    static final int RETRY_AFTER_SECONDS = 2;

    private final BodyLimits limits;
    private final ByteBudget budget;
    private final Duration maxWait;

    RequestAdmission(BodyLimits limits, ByteBudget budget, Duration maxWait) {
        this.limits = limits;
        this.budget = budget;
        this.maxWait = maxWait;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long declared = declaredLength(request);
        if (declared == 0) {
            return super.handle(request, response, callback);
        }
        long limit = limits.limitFor(request.getMethod(), Request.getPathInContext(request));
        if (declared > limit) {
            tooLarge(request, response, callback, limit, declared);
            return true;
        }
        long share = budget.shareOf(declared > 0 ? declared : limit);
        if (budget.tryTake(share)) {
            return handleAdmitted(request, response, callback, share);
        }
        Waiting waiting = new Waiting(request, response, callback, share);
        if (!budget.enqueue(waiting)) {
            busy(response, callback);
            return true;
        }
        waiting.startTimer(request.getComponents().getScheduler());
        return true;
    }

    /**
     * The declared body length: {@code Content-Length}, -1 for a chunked
     * body (its length is known only at its end), 0 for none.
     */
    static long declaredLength(Request request) {
        long length = 0;
        for (HttpField field : request.getHeaders()) {
            if (field.getHeader() == HttpHeader.CONTENT_LENGTH) {
                length = field.getLongValue();
            } else if (field.getHeader() == HttpHeader.TRANSFER_ENCODING
                    && field.contains(HttpHeaderValue.CHUNKED.asString())) {
                return -1;
            }
        }
        return length;
    }

    private boolean handleAdmitted(Request request, Response response, Callback callback, long share) {
        Callback releasing = new Releasing(callback, share);
        try {
            if (super.handle(request, response, releasing)) {
                return true;
            }
        } catch (Throwable t) {
            budget.release(share);
            throw t instanceof RuntimeException r ? r : new IllegalStateException(t);
        }
        budget.release(share);
        return false;
    }

    private static void tooLarge(Request request, Response response, Callback callback, long limit, long declared) {
        String path = Request.getPathInContext(request);
        String message = "request body is larger than " + limit + " bytes"
                + (BodyLimits.isApiPath(path) && limit > BodyLimits.SMALL_BODY_BYTES
                ? " (a document of up to the document limit, JSON-encoded)" : "");
        if (declared > DRAIN_LIMIT_BYTES) {
            // The body is never read: Jetty discards what has already arrived
            // and closes the connection if more is still coming.
            JettyResponses.closeAfter(response);
            JettyResponses.error(response, callback, 413, message);
            return;
        }
        // The answer goes out at once, without reading the body; a modest body
        // is then read and discarded (no thread, nothing kept) before the
        // exchange ends. Closing a connection with unread data makes TCP reset
        // it, and a reset can destroy the 413 before the client has read it.
        Callback drainThenEnd = Callback.from(
                () -> Content.Source.consumeAll(request, Callback.from(callback::succeeded, failed -> callback.succeeded())),
                callback::failed);
        JettyResponses.error(response, drainThenEnd, 413, message);
    }

    private static void busy(Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
        // Only requests with a body wait for the budget, and that body is never read.
        JettyResponses.closeAfter(response);
        JettyResponses.error(response, callback, 503,
                "the server is busy with other uploads; try again in " + RETRY_AFTER_SECONDS + " seconds");
    }

    /** Gives the request's share back exactly once, however the request ends. */
    private final class Releasing extends Callback.Nested {
        private final long share;
        private final AtomicBoolean released = new AtomicBoolean();

        Releasing(Callback callback, long share) {
            super(callback);
            this.share = share;
        }

        private void release() {
            if (released.compareAndSet(false, true)) {
                budget.release(share);
            }
        }

        @Override
        public void succeeded() {
            release();
            super.succeeded();
        }

        @Override
        public void failed(Throwable x) {
            release();
            super.failed(x);
        }
    }

    /** A request queued for the budget; either admitted or refused, never both. */
    private final class Waiting implements ByteBudget.Waiter {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final long share;
        private final AtomicBoolean settled = new AtomicBoolean();
        private volatile Scheduler.Task timer;

        Waiting(Request request, Response response, Callback callback, long share) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.share = share;
        }

        void startTimer(Scheduler scheduler) {
            timer = scheduler.schedule(this::giveUp, maxWait.toMillis(), TimeUnit.MILLISECONDS);
            if (settled.get()) {
                timer.cancel();
            }
        }

        @Override
        public long bytes() {
            return share;
        }

        @Override
        public void admitted() {
            if (!settled.compareAndSet(false, true)) {
                budget.release(share);
                return;
            }
            Scheduler.Task task = timer;
            if (task != null) {
                task.cancel();
            }
            request.getContext().execute(() -> {
                try {
                    if (!handleAdmitted(request, response, callback, share)) {
                        JettyResponses.error(response, callback, 404, "no such endpoint");
                    }
                } catch (Throwable t) {
                    Response.writeError(request, response, callback, t);
                }
            });
        }

        private void giveUp() {
            if (budget.withdraw(this) && settled.compareAndSet(false, true)) {
                busy(response, callback);
            }
        }
    }
}
