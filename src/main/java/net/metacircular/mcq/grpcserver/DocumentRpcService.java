package net.metacircular.mcq.grpcserver;

import net.metacircular.mcq.grpc.v1.SearchDocumentsRequest;
import net.metacircular.mcq.grpc.v1.SearchDocumentsResponse;
import net.metacircular.mcq.search.SearchService;
import io.grpc.stub.StreamObserver;
import net.metacircular.mcq.documents.DocumentService;
import net.metacircular.mcq.documents.PutResult;
import net.metacircular.mcq.grpc.v1.DeleteDocumentRequest;
import net.metacircular.mcq.grpc.v1.DiffRevisionsRequest;
import net.metacircular.mcq.grpc.v1.DeleteDocumentResponse;
import net.metacircular.mcq.grpc.v1.Document;
import net.metacircular.mcq.grpc.v1.DocumentServiceGrpc;
import net.metacircular.mcq.grpc.v1.GetDocumentRequest;
import net.metacircular.mcq.grpc.v1.ListDocumentsRequest;
import net.metacircular.mcq.grpc.v1.ListDocumentsResponse;
import net.metacircular.mcq.grpc.v1.GetRevisionRequest;
import net.metacircular.mcq.grpc.v1.ListRevisionsRequest;
import net.metacircular.mcq.grpc.v1.ListRevisionsResponse;
import net.metacircular.mcq.grpc.v1.MarkReadRequest;
import net.metacircular.mcq.grpc.v1.MarkUnreadRequest;
import net.metacircular.mcq.grpc.v1.PutDocumentRequest;
import net.metacircular.mcq.grpc.v1.PutDocumentResponse;
import net.metacircular.mcq.grpc.v1.Revision;
import net.metacircular.mcq.grpc.v1.RevisionDiff;

import static net.metacircular.mcq.grpcserver.CallerContext.caller;

/**
 * {@code mcq.v1.DocumentService}: translates between protobuf and
 * {@link DocumentService}, which holds every document rule. Access is
 * checked before these methods run, by {@link AccessInterceptor}.
 */
public final class DocumentRpcService extends DocumentServiceGrpc.DocumentServiceImplBase {

    private final DocumentService documents;
    private final SearchService search;

    public DocumentRpcService(DocumentService documents, SearchService search) {
        this.documents = documents;
        this.search = search;
    }

    @Override
    public void searchDocuments(SearchDocumentsRequest request, StreamObserver<SearchDocumentsResponse> response) {
        Rpc.answer(DocumentServiceGrpc.getSearchDocumentsMethod(), response, () -> {
            int page = request.getPage() == 0 ? 1 : request.getPage();
            return ProtoMessages.searchResults(request.getQuery(), page,
                    search.search(caller(), request.getQuery(), page));
        });
    }

    @Override
    public void listDocuments(ListDocumentsRequest request, StreamObserver<ListDocumentsResponse> response) {
        Rpc.answer(DocumentServiceGrpc.getListDocumentsMethod(), response, () -> {
            ListDocumentsResponse.Builder list = ListDocumentsResponse.newBuilder();
            documents.list(caller()).forEach(summary -> list.addDocuments(ProtoMessages.summary(summary)));
            return list.build();
        });
    }

    @Override
    public void getDocument(GetDocumentRequest request, StreamObserver<Document> response) {
        Rpc.answer(DocumentServiceGrpc.getGetDocumentMethod(), response,
                () -> ProtoMessages.document(documents.get(caller(), request.getSlug())));
    }

    @Override
    public void putDocument(PutDocumentRequest request, StreamObserver<PutDocumentResponse> response) {
        Rpc.answer(DocumentServiceGrpc.getPutDocumentMethod(), response, () -> {
            PutResult result = documents.put(caller(), request.getSlug(), request.getTitle(), request.getBody());
            PutDocumentResponse.Builder answer = PutDocumentResponse.newBuilder()
                    .setDocument(ProtoMessages.document(result.document()))
                    .setCreated(result.created())
                    .setChanged(result.changed());
            if (result.webUrl() != null) {
                answer.setWebUrl(result.webUrl());
            }
            return answer.build();
        });
    }

    @Override
    public void deleteDocument(DeleteDocumentRequest request, StreamObserver<DeleteDocumentResponse> response) {
        Rpc.answer(DocumentServiceGrpc.getDeleteDocumentMethod(), response, () -> {
            documents.delete(caller(), request.getSlug());
            return DeleteDocumentResponse.getDefaultInstance();
        });
    }

    @Override
    public void markRead(MarkReadRequest request, StreamObserver<Document> response) {
        Rpc.answer(DocumentServiceGrpc.getMarkReadMethod(), response,
                () -> ProtoMessages.document(documents.markRead(caller(), request.getSlug())));
    }

    @Override
    public void markUnread(MarkUnreadRequest request, StreamObserver<Document> response) {
        Rpc.answer(DocumentServiceGrpc.getMarkUnreadMethod(), response,
                () -> ProtoMessages.document(documents.markUnread(caller(), request.getSlug())));
    }

    @Override
    public void listRevisions(ListRevisionsRequest request, StreamObserver<ListRevisionsResponse> response) {
        Rpc.answer(DocumentServiceGrpc.getListRevisionsMethod(), response, () -> {
            ListRevisionsResponse.Builder list = ListRevisionsResponse.newBuilder();
            documents.revisions(caller(), request.getSlug())
                    .forEach(info -> list.addRevisions(ProtoMessages.revisionInfo(info)));
            return list.build();
        });
    }

    @Override
    public void getRevision(GetRevisionRequest request, StreamObserver<Revision> response) {
        Rpc.answer(DocumentServiceGrpc.getGetRevisionMethod(), response, () -> ProtoMessages.revision(
                documents.revision(caller(), request.getSlug(), request.getRevision())));
    }

    @Override
    public void diffRevisions(DiffRevisionsRequest request, StreamObserver<RevisionDiff> response) {
        // An unset from/to means "the default", as an absent query parameter does in REST.
        Rpc.answer(DocumentServiceGrpc.getDiffRevisionsMethod(), response, () -> ProtoMessages.diff(
                documents.diff(caller(), request.getSlug(),
                        request.hasFrom() ? request.getFrom() : null,
                        request.hasTo() ? request.getTo() : null)));
    }
}
