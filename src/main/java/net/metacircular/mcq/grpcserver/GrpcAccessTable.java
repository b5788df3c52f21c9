package net.metacircular.mcq.grpcserver;

import io.grpc.MethodDescriptor;
import net.metacircular.mcq.grpc.v1.AdminServiceGrpc;
import net.metacircular.mcq.grpc.v1.AuthServiceGrpc;
import net.metacircular.mcq.grpc.v1.DocumentServiceGrpc;
import net.metacircular.mcq.grpc.v1.FileServiceGrpc;
import net.metacircular.mcq.grpc.v1.ReviewServiceGrpc;
import net.metacircular.mcq.http.Access;
import net.metacircular.mcq.http.AccessTable;

/**
 * Access control for the gRPC API, in one table keyed by full method name
 * ({@code mcq.v1.DocumentService/PutDocument}). {@link AccessInterceptor}
 * looks every call up here; a method missing from the table is refused, and
 * a test fails when a method of the generated services is not listed.
 */
public final class GrpcAccessTable {

    /** MCQ's access rules. */
    public static final AccessTable<String> MCQ = rules()
            .add(AdminServiceGrpc.getHealthMethod(), Access.PUBLIC)
            .add(AuthServiceGrpc.getLoginMethod(), Access.PUBLIC)
            .add(AuthServiceGrpc.getLogoutMethod(), Access.AUTHENTICATED)
            .add(DocumentServiceGrpc.getListDocumentsMethod(), Access.AUTHENTICATED)
            .add(DocumentServiceGrpc.getSearchDocumentsMethod(), Access.AUTHENTICATED)
            .add(DocumentServiceGrpc.getGetDocumentMethod(), Access.AUTHENTICATED)
            .add(DocumentServiceGrpc.getPutDocumentMethod(), Access.AUTHENTICATED)
            .add(DocumentServiceGrpc.getDeleteDocumentMethod(), Access.AUTHENTICATED)
            .add(DocumentServiceGrpc.getMarkReadMethod(), Access.AUTHENTICATED)
            .add(DocumentServiceGrpc.getMarkUnreadMethod(), Access.AUTHENTICATED)
            .add(DocumentServiceGrpc.getListRevisionsMethod(), Access.AUTHENTICATED)
            .add(DocumentServiceGrpc.getGetRevisionMethod(), Access.AUTHENTICATED)
            .add(DocumentServiceGrpc.getDiffRevisionsMethod(), Access.AUTHENTICATED)
            // Files: who may push may upload and delete, who may read may read (AttachmentService).
            .add(FileServiceGrpc.getPutFileMethod(), Access.AUTHENTICATED)
            .add(FileServiceGrpc.getListFilesMethod(), Access.AUTHENTICATED)
            .add(FileServiceGrpc.getGetFileMethod(), Access.AUTHENTICATED)
            .add(FileServiceGrpc.getDeleteFileMethod(), Access.AUTHENTICATED)
            // Reviews: who may comment, resolve or give a verdict is decided by ReviewService.
            .add(ReviewServiceGrpc.getGetFeedbackMethod(), Access.AUTHENTICATED)
            .add(ReviewServiceGrpc.getWaitForFeedbackMethod(), Access.AUTHENTICATED)
            .add(ReviewServiceGrpc.getWatchFeedbackMethod(), Access.AUTHENTICATED)
            .add(ReviewServiceGrpc.getListCommentsMethod(), Access.AUTHENTICATED)
            .add(ReviewServiceGrpc.getAddCommentMethod(), Access.AUTHENTICATED)
            .add(ReviewServiceGrpc.getReplyToCommentMethod(), Access.AUTHENTICATED)
            .add(ReviewServiceGrpc.getResolveCommentMethod(), Access.AUTHENTICATED)
            .add(ReviewServiceGrpc.getReopenCommentMethod(), Access.AUTHENTICATED)
            .add(ReviewServiceGrpc.getDeleteCommentMethod(), Access.AUTHENTICATED)
            .add(ReviewServiceGrpc.getReviewMethod(), Access.AUTHENTICATED)
            .build();

    private GrpcAccessTable() {
    }

    /** A table builder that takes method descriptors, so a method name is never typed by hand. */
    public static Rules rules() {
        return new Rules();
    }

    /** Rows of (method, access). */
    public static final class Rules {
        private final AccessTable.Builder<String> table = AccessTable.builder();

        private Rules() {
        }

        public Rules add(MethodDescriptor<?, ?> method, Access access) {
            table.add(method.getFullMethodName(), access);
            return this;
        }

        public AccessTable<String> build() {
            return table.build();
        }
    }
}
