package net.metacircular.mcq.grpcserver;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import net.metacircular.mcq.grpc.v1.DeleteFileRequest;
import net.metacircular.mcq.grpc.v1.File;
import net.metacircular.mcq.grpc.v1.GetFileRequest;
import net.metacircular.mcq.grpc.v1.ListFilesRequest;
import net.metacircular.mcq.grpc.v1.PutDocumentRequest;
import net.metacircular.mcq.grpc.v1.PutFileRequest;
import net.metacircular.mcq.grpc.v1.PutFileResponse;
import net.metacircular.mcq.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code mcq.v1.FileService} over a real channel, and what it stores read back over REST. */
class FileRpcTest {

    @TempDir
    static Path dir;
    private static McqInstance mcq;
    private static String token;

    @BeforeAll
    static void start() {
        mcq = McqInstance.withIdentityProvider(dir);
        token = mcq.login(McqInstance.ALICE, McqInstance.ALICE_PASSWORD);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        mcq.close();
    }

    @Test
    void putListGetAndDeleteAFileAsOverRest() {
        mcq.documents(token).putDocument(PutDocumentRequest.newBuilder()
                .setSlug("grpc-files").setTitle("Files").setBody("![a](a.png)\n").build());
        byte[] png = TestImages.png(Color.RED);
        PutFileResponse put = mcq.files(token).putFile(PutFileRequest.newBuilder().setSlug("grpc-files")
                .setName("a.png").setContent(ByteString.copyFrom(png)).build());
        assertThat(put.getCreated()).isTrue();
        assertThat(put.getFile().getMediaType()).isEqualTo("image/png");
        assertThat(put.getFile().getSize()).isEqualTo(png.length);
        assertThat(put.getFile().getAddedBy()).isEqualTo(McqInstance.ALICE);

        assertThat(mcq.files(token).listFiles(ListFilesRequest.newBuilder().setSlug("grpc-files").build())
                .getFilesList()).extracting(info -> info.getName()).containsExactly("a.png");
        File file = mcq.files(token).getFile(GetFileRequest.newBuilder().setSlug("grpc-files").setName("a.png").build());
        assertThat(file.getContent().toByteArray()).isEqualTo(png);
        assertThat(file.getInfo().getSha256()).isEqualTo(put.getFile().getSha256());

        HttpResponse<byte[]> rest = mcq.testMcq().getBytes("/v1/documents/grpc-files/files/a.png", token);
        assertThat(rest.statusCode()).isEqualTo(200);
        assertThat(rest.body()).isEqualTo(png);

        mcq.files(token).deleteFile(DeleteFileRequest.newBuilder().setSlug("grpc-files").setName("a.png").build());
        StatusRuntimeException gone = catchThrowableOfType(StatusRuntimeException.class, () -> mcq.files(token)
                .getFile(GetFileRequest.newBuilder().setSlug("grpc-files").setName("a.png").build()));
        assertThat(gone.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void aRevisionsVersionOfAFileInAFolderAsOverRest() {
        mcq.documents(token).putDocument(PutDocumentRequest.newBuilder()
                .setSlug("grpc-versions").setTitle("Versions").setBody("![a](img/a.png)\n").build());
        byte[] red = TestImages.png(Color.RED);
        byte[] blue = TestImages.png(Color.BLUE);
        mcq.files(token).putFile(PutFileRequest.newBuilder().setSlug("grpc-versions").setName("img/a.png")
                .setContent(ByteString.copyFrom(red)).build());
        mcq.documents(token).putDocument(PutDocumentRequest.newBuilder()
                .setSlug("grpc-versions").setTitle("Versions").setBody("Two.\n\n![a](img/a.png)\n").build());
        PutFileResponse second = mcq.files(token).putFile(PutFileRequest.newBuilder().setSlug("grpc-versions")
                .setName("img/a.png").setContent(ByteString.copyFrom(blue)).build());
        assertThat(second.getCreated()).isFalse();
        assertThat(second.getFile().getRevision()).isEqualTo(2);

        GetFileRequest.Builder get = GetFileRequest.newBuilder().setSlug("grpc-versions").setName("img/a.png");
        assertThat(mcq.files(token).getFile(get.setRevision(1).build()).getContent().toByteArray()).isEqualTo(red);
        assertThat(mcq.files(token).getFile(get.setRevision(2).build()).getContent().toByteArray()).isEqualTo(blue);
        assertThat(mcq.files(token).getFile(get.setRevision(0).build()).getContent().toByteArray()).isEqualTo(blue);
        assertThat(mcq.files(token).listFiles(ListFilesRequest.newBuilder().setSlug("grpc-versions").setRevision(1)
                .build()).getFilesList()).extracting(info -> info.getRevision()).containsExactly(1L);
        assertThat(mcq.testMcq().getBytes("/v1/documents/grpc-versions/files/img/a.png?revision=1", token).body())
                .isEqualTo(red);
        StatusRuntimeException none = catchThrowableOfType(StatusRuntimeException.class,
                () -> mcq.files(token).getFile(get.setRevision(3).build()));
        assertThat(none.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void badFilesGetTheSameRefusalsAsOverRest() {
        mcq.documents(token).putDocument(PutDocumentRequest.newBuilder()
                .setSlug("grpc-bad-files").setTitle("Files").setBody("text\n").build());
        byte[] png = TestImages.png(Color.RED);
        assertThat(refusal(PutFileRequest.newBuilder().setSlug("grpc-bad-files").setName("../a.png")
                .setContent(ByteString.copyFrom(png)).build())).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(refusal(PutFileRequest.newBuilder().setSlug("grpc-bad-files").setName("a.png")
                .setContent(ByteString.copyFrom("not an image", StandardCharsets.UTF_8)).build()))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(refusal(PutFileRequest.newBuilder().setSlug("grpc-bad-files").setName("a.png")
                .setMediaType("image/gif").setContent(ByteString.copyFrom(png)).build()))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(refusal(PutFileRequest.newBuilder().setSlug("grpc-bad-files").setName("big.png")
                .setContent(ByteString.copyFrom(TestImages.pngOfSize(5 * 1024 * 1024 + 1))).build()))
                .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        StatusRuntimeException anonymous = catchThrowableOfType(StatusRuntimeException.class, () ->
                mcq.callWithEmptyRequest(net.metacircular.mcq.grpc.v1.FileServiceGrpc.getListFilesMethod(), null));
        assertThat(anonymous.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    private static Status.Code refusal(PutFileRequest request) {
        return catchThrowableOfType(StatusRuntimeException.class, () -> mcq.files(token).putFile(request))
                .getStatus().getCode();
    }
}
