package net.metacircular.mcq.grpcserver;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import net.metacircular.mcq.grpc.v1.AuthServiceGrpc;
import net.metacircular.mcq.grpc.v1.DocumentServiceGrpc;
import net.metacircular.mcq.grpc.v1.ListDocumentsRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static net.metacircular.mcq.grpcserver.GrpcRestParityTest.statusOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that are not valid protobuf, sent as raw bytes on a real channel:
 * INVALID_ARGUMENT with a short message, no stack trace in the log (grpc-java
 * logs through java.util.logging, MCQ through logback: both are watched), and
 * the server goes on answering.
 */
class MalformedRequestTest {

    /** Field 1 (username) of length 2 holding 0xC3 0x28, which is not UTF-8. */
    static final byte[] INVALID_UTF8 = {0x0A, 0x02, (byte) 0xC3, 0x28};
    /** Field 1 claiming 100 bytes, followed by 1. */
    static final byte[] TRUNCATED = {0x0A, 0x64, 0x61};
    /** Tag zero, which no message has. */
    static final byte[] ZERO_TAG = {0x00, 0x01};
    /** Wire type 7, which does not exist. */
    static final byte[] BAD_WIRE_TYPE = {0x0F, 0x01};

    @TempDir
    static Path dir;
    static McqInstance mcq;

    private final java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
    private final List<LogRecord> julRecords = new CopyOnWriteArrayList<>();
    private final Handler julCapture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            julRecords.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger logbackRoot = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> logbackEvents = new ListAppender<>();

    @BeforeAll
    static void start() {
        mcq = McqInstance.withIdentityProvider(dir);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        mcq.close();
    }

    @BeforeEach
    void watchLogs() {
        julRoot.addHandler(julCapture);
        logbackEvents.start();
        logbackRoot.addAppender(logbackEvents);
    }

    @AfterEach
    void stopWatching() {
        julRoot.removeHandler(julCapture);
        logbackRoot.detachAppender(logbackEvents);
    }

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private static Status sendRaw(MethodDescriptor<?, ?> method, byte[] body, String token) {
        MethodDescriptor<byte[], byte[]> raw = method.toBuilder(BYTES, BYTES).build();
        io.grpc.Channel channel = token == null ? mcq.channel()
                : ClientInterceptors.intercept(mcq.channel(), McqInstance.bearer(token));
        return statusOf(() -> ClientCalls.blockingUnaryCall(channel, raw,
                CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), body));
    }

    private void assertNoStackTraceLogged() {
        assertThat(julRecords).noneSatisfy(r -> assertThat(r.getLevel().intValue())
                .isGreaterThanOrEqualTo(Level.WARNING.intValue()));
        assertThat(julRecords).allSatisfy(r -> assertThat(r.getThrown()).isNull());
        assertThat(logbackEvents.list).allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
        assertThat(logbackEvents.list).noneSatisfy(e -> assertThat(e.getLevel().isGreaterOrEqual(
                ch.qos.logback.classic.Level.WARN)).isTrue());
    }

    @Test
    void anUnauthenticatedLoginThatIsNotProtobufIsInvalidArgumentWithoutAStackTrace() {
        for (byte[] body : new byte[][]{INVALID_UTF8, TRUNCATED, ZERO_TAG, BAD_WIRE_TYPE}) {
            Status status = sendRaw(AuthServiceGrpc.getLoginMethod(), body, null);
            assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(status.getDescription()).contains("not a valid mcq.v1.LoginRequest message")
                    .hasSizeLessThan(200);
            assertThat(status.getCause()).isNull();
        }
        assertNoStackTraceLogged();
        // The call log still has its one line per RPC, with the status.
        assertThat(logbackEvents.list).filteredOn(e -> "rpc".equals(e.getMessage()))
                .anySatisfy(e -> assertThat(e.getKeyValuePairs().toString()).contains("INVALID_ARGUMENT"));
        // And the server goes on: a well-formed login works.
        assertThat(mcq.login(McqInstance.ALICE, McqInstance.ALICE_PASSWORD)).isNotBlank();
    }

    @Test
    void anAuthenticatedCallIsCheckedForCredentialsFirstThenForItsMessage() {
        assertThat(sendRaw(DocumentServiceGrpc.getPutDocumentMethod(), INVALID_UTF8, null).getCode())
                .isEqualTo(Status.Code.UNAUTHENTICATED);
        String token = mcq.login(McqInstance.ALICE, McqInstance.ALICE_PASSWORD);
        byte[] badSlug = {0x0A, 0x01, (byte) 0xFF};
        Status status = sendRaw(DocumentServiceGrpc.getPutDocumentMethod(), badSlug, token);
        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).contains("mcq.v1.PutDocumentRequest");
        assertNoStackTraceLogged();
        assertThat(mcq.documents(token).listDocuments(ListDocumentsRequest.getDefaultInstance()).getDocumentsCount())
                .isZero();
    }

    @Test
    void anEmptyMessageIsStillAValidRequest() {
        // Zero bytes is the encoding of an all-default message, not a malformed one.
        assertThat(sendRaw(AuthServiceGrpc.getLoginMethod(), new byte[0], null).getCode())
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(sendRaw(AuthServiceGrpc.getLoginMethod(), new byte[0], null).getDescription())
                .contains("missing username");
    }
}
