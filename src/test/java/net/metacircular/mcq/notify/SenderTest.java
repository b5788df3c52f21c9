package net.metacircular.mcq.notify;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import net.metacircular.mcq.config.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The sender against real local receivers: refusals, retries, the retry window, the queue bound, and its logs. */
class SenderTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<AutoCloseable> open = new ArrayList<>();
    private Logger logger;
    private Captured logs;

    /** Log events from any thread (the sender's included), safe to read while more arrive. */
    private static final class Captured extends AppenderBase<ILoggingEvent> {
        final List<ILoggingEvent> list = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            list.add(event);
        }
    }

    @BeforeEach
    void captureLogs() {
        logger = (Logger) LoggerFactory.getLogger("net.metacircular.mcq.notify");
        logs = new Captured();
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        logger.detachAppender(logs);
    }

    private <T extends AutoCloseable> T opened(T resource) {
        open.add(resource);
        return resource;
    }

    private static Target target(String url) {
        return Target.of(new Config.NotifyTarget(URI.create(url), Config.NotifyFormat.JSON));
    }

    private static Message message(String slug) {
        return new Message(Message.Event.PUSHED, slug, "Title " + slug, 1, "ci-bot", null,
                Instant.parse("2026-12-01T10:00:00Z"));
    }

    private Sender sender(Duration retryWindow, int capacity, Target... targets) {
        // Retries start 100 ms apart instead of a second, so the backoff plays out in test time.
        return opened(new Sender(List.of(targets), capacity, retryWindow, Duration.ofSeconds(5), Duration.ofMillis(100)));
    }

    private static String slugOf(Receiver.Received received) {
        return received.body().replaceAll(".*\"slug\":\"([^\"]*)\".*", "$1");
    }

    /** Everything logged so far, messages and key-value pairs, as one text. */
    private String logged() {
        return logs.list.stream().map(e -> e.getFormattedMessage() + " " + e.getKeyValuePairs()
                + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage()))
                .collect(Collectors.joining("\n"));
    }

    private void awaitLog(Predicate<String> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.test(logged())) {
            assertThat(System.nanoTime()).as("a log line within " + WAIT + "; logged:\n" + logged())
                    .isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    @Test
    void aRefusalIsNotRetriedAndTheNextMessageFollows() {
        Receiver receiver = opened(Receiver.start());
        receiver.answerInTurn(404);
        receiver.answer(204);
        Sender sender = sender(Duration.ofMinutes(10), 100, target(receiver.base() + "/hook"));
        sender.send(message("refused"));
        assertThat(slugOf(receiver.next(WAIT))).isEqualTo("refused");
        sender.send(message("accepted"));
        // Had the 404 been retried, "refused" would come again first.
        assertThat(slugOf(receiver.next(WAIT))).isEqualTo("accepted");
    }

    @Test
    void serverErrorsAndTooManyRequestsAreRetried() {
        Receiver receiver = opened(Receiver.start());
        receiver.answerInTurn(503, 429);
        Sender sender = sender(Duration.ofMinutes(10), 100, target(receiver.base() + "/hook"));
        sender.send(message("again"));
        sender.send(message("then"));
        // Oldest first: "then" waits until "again" is through.
        assertThat(receiver.next(4, WAIT)).extracting(SenderTest::slugOf)
                .containsExactly("again", "again", "again", "then");
    }

    @Test
    void aMessageIsDroppedWithOneLogLineAfterTheRetryWindow() throws Exception {
        int port = Receiver.unusedPort();
        Sender sender = sender(Duration.ofMillis(1500), 100, target("http://127.0.0.1:" + port + "/hook"));
        sender.send(message("too-late"));
        awaitLog(text -> text.contains("notifications dropped after retrying"));
        assertThat(logs.list).filteredOn(e -> e.getFormattedMessage().contains("dropped after retrying")).hasSize(1);

        Receiver receiver = opened(Receiver.startOn(port));
        sender.send(message("in-time"));
        assertThat(slugOf(receiver.next(WAIT))).isEqualTo("in-time");
    }

    @Test
    void aFullQueueDropsTheOldestAndWarns() {
        Receiver receiver = opened(Receiver.holding());
        Sender sender = sender(Duration.ofMinutes(10), 2, target(receiver.base() + "/hook"));
        sender.send(message("m1"));
        try {
            assertThat(receiver.holding.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        // m1 is in flight; the queue holds two, so m2 then m1's entry make room for m3 and m4.
        sender.send(message("m2"));
        sender.send(message("m3"));
        sender.send(message("m4"));
        receiver.release();
        assertThat(receiver.next(3, WAIT)).extracting(SenderTest::slugOf).containsExactly("m1", "m3", "m4");
        assertThat(logged()).contains("notification queue full");
    }

    @Test
    void logsNameATargetByItsOriginAndNeverItsPathQueryOrCredentials() throws Exception {
        Receiver receiver = opened(Receiver.start());
        receiver.answerInTurn(500);
        receiver.answer(400);
        String secretUrl = "http://ops:pa55word@127.0.0.1:" + receiver.port() + "/mcq-s3cret-topic?token=t0ken";
        int downPort = Receiver.unusedPort();
        String downUrl = "http://127.0.0.1:" + downPort + "/other-s3cret-topic";
        Sender sender = sender(Duration.ofMillis(1500), 100, target(secretUrl), target(downUrl));
        Notifier.start(new Config.Notify(List.of(
                new Config.NotifyTarget(URI.create(secretUrl), Config.NotifyFormat.NTFY))),
                net.metacircular.mcq.documents.WebLinks.NONE).close();
        sender.send(message("secret"));

        Receiver.Received received = receiver.next(WAIT);
        // The credentials go as Basic authentication, not in the URL.
        assertThat(received.pathAndQuery()).isEqualTo("/mcq-s3cret-topic?token=t0ken");
        assertThat(received.header("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("ops:pa55word".getBytes()));
        awaitLog(text -> text.contains("refused by its target"));
        awaitLog(text -> text.contains("dropped after retrying"));

        String logged = logged();
        assertThat(logged).contains("http://127.0.0.1:" + receiver.port())
                .contains("http://127.0.0.1:" + downPort)
                .contains("notifications on")
                .contains("public_url is not set");
        assertThat(logged).doesNotContain("s3cret", "t0ken", "pa55word", "ops:");
    }
}
