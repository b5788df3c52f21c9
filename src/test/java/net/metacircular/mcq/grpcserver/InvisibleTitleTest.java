package net.metacircular.mcq.grpcserver;

import io.grpc.Status;
import net.metacircular.mcq.grpc.v1.ListDocumentsRequest;
import net.metacircular.mcq.grpc.v1.PutDocumentRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static net.metacircular.mcq.grpcserver.GrpcRestParityTest.statusOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Titles with characters that are invisible in a listing (bidirectional
 * controls, zero-width characters, the BOM, line and paragraph separators)
 * are refused with the same clear error over REST and gRPC, wherever in the
 * title they stand, and nothing is stored.
 */
class InvisibleTitleTest {

    @TempDir
    static Path dir;
    static McqInstance mcq;
    static String token;

    @BeforeAll
    static void start() {
        mcq = McqInstance.withIdentityProvider(dir);
        token = mcq.login(McqInstance.ALICE, McqInstance.ALICE_PASSWORD);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        mcq.close();
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"202A", "202B", "202C", "202D", "202E", "2066", "2067", "2068", "2069", "200E", "200F",
            "061C", "200B", "200C", "200D", "2060", "FEFF", "2028", "2029", "00AD"})
    void isRefusedOnEverySurface(String hex) {
        String c = Character.toString(Integer.parseInt(hex, 16));
        // At the end too: trimming must not quietly drop a trailing separator.
        for (String title : new String[]{"invoice" + c + "gpj.exe", "Title" + c}) {
            HttpResponse<String> rest = mcq.restPush("bad-title", title, "body", token);
            assertThat(rest.statusCode()).as(rest.body()).isEqualTo(400);
            assertThat(McqInstance.json(rest).path("error").asText()).contains("U+" + hex).contains("title");

            Status grpc = statusOf(() -> mcq.documents(token).putDocument(PutDocumentRequest.newBuilder()
                    .setSlug("bad-title").setTitle(title).setBody("body").build()));
            assertThat(grpc.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(grpc.getDescription()).contains("U+" + hex);
        }
        assertThat(mcq.documents(token).listDocuments(ListDocumentsRequest.getDefaultInstance()).getDocumentsCount())
                .isZero();
    }

    @Test
    void visibleTextFromAnyScriptIsStillATitle() {
        HttpResponse<String> rest = mcq.restPush("good-title", "Café ✓ 🚀 שלום مرحبا 日本語", "body", token);
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(201);
        mcq.rest("DELETE", "/v1/documents/good-title", token, null);
    }
}
