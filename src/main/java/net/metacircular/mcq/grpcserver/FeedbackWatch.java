package net.metacircular.mcq.grpcserver;

import io.grpc.stub.ServerCallStreamObserver;
import net.metacircular.mcq.auth.Caller;
import net.metacircular.mcq.reviews.Feedback;
import net.metacircular.mcq.reviews.ReviewService;
import net.metacircular.mcq.reviews.Verdict;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One {@code WatchFeedback} stream: sends the feedback now, then again each
 * time a new verdict lands on the revision, and ends after an approval or
 * when the client cancels. Between events it holds no thread: each step is a
 * callback on {@link ReviewService#waitForFeedback}'s future.
 *
 * <p>That wait completes at once while a verdict already exists, so after a
 * "changes requested" the watch looks again after {@link #RECHECK} (on the
 * common delayed executor, still without a thread of its own) for a verdict
 * that differs from the one it sent.
 */
final class FeedbackWatch {

    static final Duration RECHECK = Duration.ofSeconds(2);

    private final ReviewService reviews;
    private final Caller caller;
    private final String slug;
    private final Long revision;
    private final ServerCallStreamObserver<net.metacircular.mcq.grpc.v1.Feedback> stream;
    private final String method;
    private volatile boolean cancelled;
    private volatile CompletableFuture<Feedback> waiting;
    private Verdict sent;

    FeedbackWatch(ReviewService reviews, Caller caller, String slug, Long revision,
                  ServerCallStreamObserver<net.metacircular.mcq.grpc.v1.Feedback> stream, String method) {
        this.reviews = reviews;
        this.caller = caller;
        this.slug = slug;
        this.revision = revision;
        this.stream = stream;
        this.method = method;
    }

    void start() {
        stream.setOnCancelHandler(() -> {
            cancelled = true;
            CompletableFuture<Feedback> wait = waiting;
            if (wait != null) {
                wait.cancel(false);
            }
        });
        Feedback first;
        try {
            first = reviews.feedback(caller, slug, revision);
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        send(first);
        if (ReviewRpcService.approved(first)) {
            stream.onCompleted();
            return;
        }
        waitForVerdict();
    }

    private void waitForVerdict() {
        if (cancelled) {
            return;
        }
        CompletableFuture<Feedback> wait;
        try {
            wait = reviews.waitForFeedback(caller, slug, revision, ReviewService.MAX_WAIT);
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        waiting = wait;
        wait.whenComplete((feedback, failure) -> {
            if (cancelled) {
                return;
            }
            if (failure != null) {
                fail(ReviewRpcService.unwrap(failure));
                return;
            }
            if (feedback.verdict() == null) {
                waitForVerdict();
            } else if (Objects.equals(feedback.verdict(), sent)) {
                CompletableFuture.runAsync(this::waitForVerdict,
                        CompletableFuture.delayedExecutor(RECHECK.toMillis(), TimeUnit.MILLISECONDS));
            } else {
                send(feedback);
                if (ReviewRpcService.approved(feedback)) {
                    stream.onCompleted();
                } else {
                    waitForVerdict();
                }
            }
        });
    }

    private void send(Feedback feedback) {
        sent = feedback.verdict();
        stream.onNext(ReviewMessages.feedback(feedback));
    }

    private void fail(Throwable failure) {
        if (!cancelled) {
            stream.onError(GrpcStatuses.toStatus(failure, method).asRuntimeException());
        }
    }
}
