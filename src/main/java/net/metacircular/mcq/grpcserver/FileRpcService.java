package net.metacircular.mcq.grpcserver;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import net.metacircular.mcq.attachments.Attachment;
import net.metacircular.mcq.attachments.AttachmentContent;
import net.metacircular.mcq.attachments.AttachmentService;
import net.metacircular.mcq.attachments.StoredUpload;
import net.metacircular.mcq.grpc.v1.DeleteFileRequest;
import net.metacircular.mcq.grpc.v1.DeleteFileResponse;
import net.metacircular.mcq.grpc.v1.File;
import net.metacircular.mcq.grpc.v1.FileInfo;
import net.metacircular.mcq.grpc.v1.FileServiceGrpc;
import net.metacircular.mcq.grpc.v1.GetFileRequest;
import net.metacircular.mcq.grpc.v1.ListFilesRequest;
import net.metacircular.mcq.grpc.v1.ListFilesResponse;
import net.metacircular.mcq.grpc.v1.PutFileRequest;
import net.metacircular.mcq.grpc.v1.PutFileResponse;

import static net.metacircular.mcq.grpcserver.CallerContext.caller;

/**
 * {@code mcq.v1.FileService}: a document's attached files, translated
 * between protobuf and {@link AttachmentService}, which holds every rule.
 */
public final class FileRpcService extends FileServiceGrpc.FileServiceImplBase {

    private final AttachmentService attachments;

    public FileRpcService(AttachmentService attachments) {
        this.attachments = attachments;
    }

    @Override
    public void putFile(PutFileRequest request, StreamObserver<PutFileResponse> response) {
        Rpc.answer(FileServiceGrpc.getPutFileMethod(), response, () -> {
            StoredUpload upload = attachments.put(caller(), request.getSlug(), request.getName(),
                    request.getMediaType().isEmpty() ? null : request.getMediaType(),
                    request.getContent().toByteArray());
            return PutFileResponse.newBuilder().setFile(info(upload.attachment())).setCreated(upload.created())
                    .build();
        });
    }

    @Override
    public void listFiles(ListFilesRequest request, StreamObserver<ListFilesResponse> response) {
        Rpc.answer(FileServiceGrpc.getListFilesMethod(), response, () -> {
            ListFilesResponse.Builder list = ListFilesResponse.newBuilder();
            attachments.list(caller(), request.getSlug(), revision(request.getRevision())).forEach(file -> list.addFiles(info(file)));
            return list.build();
        });
    }

    @Override
    public void getFile(GetFileRequest request, StreamObserver<File> response) {
        Rpc.answer(FileServiceGrpc.getGetFileMethod(), response, () -> {
            AttachmentContent content = attachments.get(caller(), request.getSlug(), request.getName(),
                    revision(request.getRevision()));
            return File.newBuilder().setInfo(info(content.attachment()))
                    .setContent(ByteString.copyFrom(content.bytes())).build();
        });
    }

    @Override
    public void deleteFile(DeleteFileRequest request, StreamObserver<DeleteFileResponse> response) {
        Rpc.answer(FileServiceGrpc.getDeleteFileMethod(), response, () -> {
            attachments.delete(caller(), request.getSlug(), request.getName());
            return DeleteFileResponse.getDefaultInstance();
        });
    }

    /** A request's revision: 0 (unset) means the current one. */
    private static Long revision(long revision) {
        return revision == 0 ? null : revision;
    }

    static FileInfo info(Attachment file) {
        return FileInfo.newBuilder()
                .setName(file.name())
                .setMediaType(file.mediaType())
                .setSha256(file.sha256())
                .setSize(file.size())
                .setAddedBy(file.addedBy())
                .setAddedAt(ProtoMessages.timestamp(file.addedAt()))
                .setRevision(file.revision())
                .build();
    }
}
