package net.metacircular.mcq.grpcserver;

import io.grpc.MethodDescriptor;
import io.javalin.http.HandlerType;
import net.metacircular.mcq.grpc.v1.AdminServiceGrpc;
import net.metacircular.mcq.grpc.v1.AuthServiceGrpc;
import net.metacircular.mcq.grpc.v1.DocumentServiceGrpc;
import net.metacircular.mcq.grpc.v1.FileServiceGrpc;
import net.metacircular.mcq.grpc.v1.ReviewServiceGrpc;
import net.metacircular.mcq.http.Route;

import java.util.List;

/**
 * Every REST endpoint and its RPC twin. Tests check this table against the
 * REST router and the generated gRPC services, so an endpoint added on one
 * side only fails the build; ARCHITECTURE.md shows the same table.
 */
public final class ApiParity {

    /** A REST route and the RPC that does the same thing. */
    public record Pair(Route rest, MethodDescriptor<?, ?> rpc) {
    }

    public static final List<Pair> TABLE = List.of(
            pair(HandlerType.GET, "/v1/health", AdminServiceGrpc.getHealthMethod()),
            pair(HandlerType.POST, "/v1/auth/login", AuthServiceGrpc.getLoginMethod()),
            pair(HandlerType.POST, "/v1/auth/logout", AuthServiceGrpc.getLogoutMethod()),
            pair(HandlerType.GET, "/v1/documents", DocumentServiceGrpc.getListDocumentsMethod()),
            pair(HandlerType.GET, "/v1/search", DocumentServiceGrpc.getSearchDocumentsMethod()),
            pair(HandlerType.GET, "/v1/documents/{slug}", DocumentServiceGrpc.getGetDocumentMethod()),
            pair(HandlerType.PUT, "/v1/documents/{slug}", DocumentServiceGrpc.getPutDocumentMethod()),
            pair(HandlerType.DELETE, "/v1/documents/{slug}", DocumentServiceGrpc.getDeleteDocumentMethod()),
            pair(HandlerType.POST, "/v1/documents/{slug}/read", DocumentServiceGrpc.getMarkReadMethod()),
            pair(HandlerType.POST, "/v1/documents/{slug}/unread", DocumentServiceGrpc.getMarkUnreadMethod()),
            pair(HandlerType.GET, "/v1/documents/{slug}/revisions", DocumentServiceGrpc.getListRevisionsMethod()),
            pair(HandlerType.GET, "/v1/documents/{slug}/revisions/{revision}",
                    DocumentServiceGrpc.getGetRevisionMethod()),
            pair(HandlerType.GET, "/v1/documents/{slug}/diff", DocumentServiceGrpc.getDiffRevisionsMethod()),
            pair(HandlerType.GET, "/v1/documents/{slug}/files", FileServiceGrpc.getListFilesMethod()),
            pair(HandlerType.GET, "/v1/documents/{slug}/files/<name>", FileServiceGrpc.getGetFileMethod()),
            pair(HandlerType.PUT, "/v1/documents/{slug}/files/<name>", FileServiceGrpc.getPutFileMethod()),
            pair(HandlerType.DELETE, "/v1/documents/{slug}/files/<name>", FileServiceGrpc.getDeleteFileMethod()),
            pair(HandlerType.GET, "/v1/documents/{slug}/feedback", ReviewServiceGrpc.getGetFeedbackMethod()),
            // REST waits on the same route with ?wait=; gRPC has a method for the wait and one for a stream.
            pair(HandlerType.GET, "/v1/documents/{slug}/feedback", ReviewServiceGrpc.getWaitForFeedbackMethod()),
            pair(HandlerType.GET, "/v1/documents/{slug}/feedback", ReviewServiceGrpc.getWatchFeedbackMethod()),
            pair(HandlerType.GET, "/v1/documents/{slug}/comments", ReviewServiceGrpc.getListCommentsMethod()),
            pair(HandlerType.POST, "/v1/documents/{slug}/comments", ReviewServiceGrpc.getAddCommentMethod()),
            pair(HandlerType.POST, "/v1/documents/{slug}/comments/{id}/replies",
                    ReviewServiceGrpc.getReplyToCommentMethod()),
            pair(HandlerType.POST, "/v1/documents/{slug}/comments/{id}/resolve",
                    ReviewServiceGrpc.getResolveCommentMethod()),
            pair(HandlerType.POST, "/v1/documents/{slug}/comments/{id}/reopen",
                    ReviewServiceGrpc.getReopenCommentMethod()),
            pair(HandlerType.DELETE, "/v1/documents/{slug}/comments/{id}", ReviewServiceGrpc.getDeleteCommentMethod()),
            pair(HandlerType.POST, "/v1/documents/{slug}/review", ReviewServiceGrpc.getReviewMethod()));

    private ApiParity() {
    }

    /** The table as Markdown, as it appears in ARCHITECTURE.md. */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder("| REST | gRPC |\n| --- | --- |\n");
        for (Pair pair : TABLE) {
            table.append("| `").append(pair.rest()).append("` | `").append(pair.rpc().getFullMethodName())
                    .append("` |\n");
        }
        return table.toString();
    }

    private static Pair pair(HandlerType method, String path, MethodDescriptor<?, ?> rpc) {
        return new Pair(new Route(method, path), rpc);
    }
}
