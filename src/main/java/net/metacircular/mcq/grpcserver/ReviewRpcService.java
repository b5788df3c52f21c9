package net.metacircular.mcq.grpcserver;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.auth.Caller;
import net.metacircular.mcq.documents.ReviewStatus;
import net.metacircular.mcq.grpc.v1.AddCommentRequest;
import net.metacircular.mcq.grpc.v1.DeleteCommentRequest;
import net.metacircular.mcq.grpc.v1.DeleteCommentResponse;
import net.metacircular.mcq.grpc.v1.Feedback;
import net.metacircular.mcq.grpc.v1.GetFeedbackRequest;
import net.metacircular.mcq.grpc.v1.ListCommentsRequest;
import net.metacircular.mcq.grpc.v1.ListCommentsResponse;
import net.metacircular.mcq.grpc.v1.ReopenCommentRequest;
import net.metacircular.mcq.grpc.v1.ReplyToCommentRequest;
import net.metacircular.mcq.grpc.v1.ResolveCommentRequest;
import net.metacircular.mcq.grpc.v1.ReviewRequest;
import net.metacircular.mcq.grpc.v1.ReviewServiceGrpc;
import net.metacircular.mcq.grpc.v1.WaitForFeedbackRequest;
import net.metacircular.mcq.grpc.v1.WatchFeedbackRequest;
import net.metacircular.mcq.reviews.Anchor;
import net.metacircular.mcq.reviews.CommentKind;
import net.metacircular.mcq.reviews.NewComment;
import net.metacircular.mcq.reviews.ReviewService;
import net.metacircular.mcq.reviews.VerdictKind;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static net.metacircular.mcq.grpcserver.CallerContext.caller;

/**
 * {@code mcq.v1.ReviewService}: translates between protobuf and
 * {@link ReviewService}, which decides who may do what. The waits hold no
 * thread: they complete from the service's future.
 */
public final class ReviewRpcService extends ReviewServiceGrpc.ReviewServiceImplBase {

    private final ReviewService reviews;

    public ReviewRpcService(ReviewService reviews) {
        this.reviews = reviews;
    }

    @Override
    public void getFeedback(GetFeedbackRequest request, StreamObserver<Feedback> response) {
        Rpc.answer(ReviewServiceGrpc.getGetFeedbackMethod(), response, () -> ReviewMessages.feedback(
                reviews.feedback(caller(), request.getSlug(), request.hasRevision() ? request.getRevision() : null)));
    }

    @Override
    public void waitForFeedback(WaitForFeedbackRequest request, StreamObserver<Feedback> response) {
        String method = ReviewServiceGrpc.getWaitForFeedbackMethod().getFullMethodName();
        CompletableFuture<net.metacircular.mcq.reviews.Feedback> wait;
        try {
            Duration timeout = request.hasTimeoutSeconds() ? timeout(request.getTimeoutSeconds()) : null;
            wait = reviews.waitForFeedback(caller(), request.getSlug(),
                    request.hasRevision() ? request.getRevision() : null, timeout);
        } catch (RuntimeException e) {
            response.onError(GrpcStatuses.toStatus(e, method).asRuntimeException());
            return;
        }
        if (response instanceof ServerCallStreamObserver<Feedback> call) {
            call.setOnCancelHandler(() -> wait.cancel(false));
        }
        wait.whenComplete((feedback, failure) -> {
            if (failure != null) {
                if (!wait.isCancelled()) {
                    response.onError(GrpcStatuses.toStatus(unwrap(failure), method).asRuntimeException());
                }
                return;
            }
            response.onNext(ReviewMessages.feedback(feedback));
            response.onCompleted();
        });
    }

    @Override
    public void watchFeedback(WatchFeedbackRequest request, StreamObserver<Feedback> response) {
        Caller caller = caller();
        Long revision = request.hasRevision() ? request.getRevision() : null;
        FeedbackWatch watch = new FeedbackWatch(reviews, caller, request.getSlug(), revision,
                (ServerCallStreamObserver<Feedback>) response,
                ReviewServiceGrpc.getWatchFeedbackMethod().getFullMethodName());
        watch.start();
    }

    @Override
    public void listComments(ListCommentsRequest request, StreamObserver<ListCommentsResponse> response) {
        Rpc.answer(ReviewServiceGrpc.getListCommentsMethod(), response, () -> {
            ListCommentsResponse.Builder list = ListCommentsResponse.newBuilder();
            reviews.comments(caller(), request.getSlug(), request.hasRevision() ? request.getRevision() : null)
                    .forEach(comment -> list.addComments(ReviewMessages.comment(comment)));
            return list.build();
        });
    }

    @Override
    public void addComment(AddCommentRequest request,
                           StreamObserver<net.metacircular.mcq.grpc.v1.Comment> response) {
        Rpc.answer(ReviewServiceGrpc.getAddCommentMethod(), response, () -> {
            CommentKind kind = CommentKind.fromWireName(request.getKind());
            // The same rules as the REST handler: a passage needs its quote and both lines.
            Anchor anchor = null;
            if (request.hasQuote() || request.hasStartLine() || request.hasEndLine()) {
                if (!request.hasQuote() || !request.hasStartLine() || !request.hasEndLine()) {
                    throw ServiceException.invalid("an anchored comment needs quote, start_line and end_line");
                }
                anchor = new Anchor(request.getQuote(), request.hasPrefix() ? request.getPrefix() : null,
                        request.hasSuffix() ? request.getSuffix() : null,
                        lineNumber(request.getStartLine()), lineNumber(request.getEndLine()));
            } else if (request.hasPrefix() || request.hasSuffix()) {
                throw ServiceException.invalid("prefix and suffix belong to a quote");
            }
            NewComment comment = new NewComment(request.hasRevision() ? request.getRevision() : null, kind,
                    anchor, request.getText(), request.hasReplacement() ? request.getReplacement() : null);
            return ReviewMessages.comment(reviews.addComment(caller(), request.getSlug(), comment));
        });
    }

    @Override
    public void replyToComment(ReplyToCommentRequest request,
                               StreamObserver<net.metacircular.mcq.grpc.v1.Reply> response) {
        Rpc.answer(ReviewServiceGrpc.getReplyToCommentMethod(), response, () -> ReviewMessages.reply(
                reviews.reply(caller(), request.getSlug(), request.getCommentId(), request.getText())));
    }

    @Override
    public void resolveComment(ResolveCommentRequest request,
                               StreamObserver<net.metacircular.mcq.grpc.v1.Comment> response) {
        Rpc.answer(ReviewServiceGrpc.getResolveCommentMethod(), response, () -> ReviewMessages.comment(
                reviews.resolve(caller(), request.getSlug(), request.getCommentId())));
    }

    @Override
    public void reopenComment(ReopenCommentRequest request,
                              StreamObserver<net.metacircular.mcq.grpc.v1.Comment> response) {
        Rpc.answer(ReviewServiceGrpc.getReopenCommentMethod(), response, () -> ReviewMessages.comment(
                reviews.reopen(caller(), request.getSlug(), request.getCommentId())));
    }

    @Override
    public void deleteComment(DeleteCommentRequest request, StreamObserver<DeleteCommentResponse> response) {
        Rpc.answer(ReviewServiceGrpc.getDeleteCommentMethod(), response, () -> {
            reviews.deleteComment(caller(), request.getSlug(), request.getCommentId());
            return DeleteCommentResponse.getDefaultInstance();
        });
    }

    @Override
    public void review(ReviewRequest request, StreamObserver<net.metacircular.mcq.grpc.v1.Verdict> response) {
        Rpc.answer(ReviewServiceGrpc.getReviewMethod(), response, () -> {
            VerdictKind kind = VerdictKind.fromWireName(request.getVerdict());
            return ReviewMessages.verdict(reviews.review(caller(), request.getSlug(),
                    request.hasRevision() ? request.getRevision() : null, kind,
                    request.hasSummary() ? request.getSummary() : null));
        });
    }

    /** A wait of 1 to 300 seconds, as REST's {@code wait} parameter takes. */
    static Duration timeout(long seconds) {
        if (seconds < 1 || seconds > ReviewService.MAX_WAIT.toSeconds()) {
            throw ServiceException.invalid("timeout_seconds must be between 1 and "
                    + ReviewService.MAX_WAIT.toSeconds());
        }
        return Duration.ofSeconds(seconds);
    }

    static boolean approved(net.metacircular.mcq.reviews.Feedback feedback) {
        return feedback.status() == ReviewStatus.APPROVED;
    }

    static Throwable unwrap(Throwable failure) {
        return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
    }

    private static int lineNumber(long line) {
        if (line < 1 || line > Integer.MAX_VALUE) {
            throw ServiceException.invalid("start_line and end_line must be line numbers from 1");
        }
        return (int) line;
    }

}
