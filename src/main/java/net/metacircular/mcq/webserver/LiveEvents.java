package net.metacircular.mcq.webserver;

import io.javalin.http.Context;
import net.metacircular.mcq.DaemonThreads;
import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.auth.Caller;
import net.metacircular.mcq.documents.DocumentService;
import net.metacircular.mcq.http.Callers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /events}: server-sent events that keep open pages current. A
 * push that stores a revision sends {@code document} with the slug; a
 * deletion sends {@code deleted}. Pages react themselves: the
 * queue reloads its list, the reader offers the new revision.
 *
 * <p>A stream holds no thread: the request goes asynchronous, events are
 * handed to the streams on one writer thread, so a push never waits for a
 * browser, and each stream writes without blocking ({@link EventStream}), so
 * a browser that stops reading never waits for another; past
 * {@link #MAX_QUEUED_BYTES} of backlog its stream is ended.
 * A comment every {@link #HEARTBEAT} keeps proxies and the listener's idle
 * timeout from cutting a quiet stream and finds streams whose browser left.
 * Streams are bounded per account and in all ({@code [limits]
 * max_live_streams_per_account}, {@code max_live_streams}); beyond, 429. The event names
 * only a slug and a number, which every signed-in account may see in the
 * queue anyway.
 */
final class LiveEvents implements AutoCloseable {

    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /** How long a browser waits before reconnecting to a stream that ended. */
    static final Duration RECONNECT = Duration.ofSeconds(2);
    /**
     * Backlog a stream may build before it is ended: hundreds of events, far
     * more than a reading browser ever lags, and little memory for a
     * thousand streams that all stopped reading.
     */
    static final int MAX_QUEUED_BYTES = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);

    private final ScheduledExecutorService writer;
    private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> perAccount = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final int maxStreamsPerAccount;
    private final int maxStreams;

    /**
     * @param maxStreamsPerAccount streams one account may hold open
     * @param maxStreams           streams open at once, over all accounts
     */
    LiveEvents(DocumentService documents, int maxStreamsPerAccount, int maxStreams) {
        this.maxStreamsPerAccount = maxStreamsPerAccount;
        this.maxStreams = maxStreams;
        this.writer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("mcq-live-events"));
        documents.onRevisionPushed(document -> publish("document", document.slug()));
        documents.onDelete(slug -> publish("deleted", slug));
        writer.scheduleAtFixedRate(() -> sendToAll(": heartbeat\n\n"), HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
                TimeUnit.MILLISECONDS);
    }


    void open(Context ctx) throws IOException {
        Caller caller = Callers.of(ctx);
        AtomicInteger mine = perAccount.computeIfAbsent(caller.username(), name -> new AtomicInteger());
        if (mine.incrementAndGet() > maxStreamsPerAccount | open.incrementAndGet() > maxStreams) {
            mine.decrementAndGet();
            open.decrementAndGet();
            throw ServiceException.rateLimited("too many open live streams; close a tab", RECONNECT);
        }
        ctx.status(200);
        ctx.contentType("text/event-stream; charset=utf-8");
        ctx.header("Cache-Control", "no-store");
        // nginx and similar proxies would otherwise hold the events back in a buffer.
        ctx.header("X-Accel-Buffering", "no");
        EventStream stream = new EventStream(ctx.res().getOutputStream(), MAX_QUEUED_BYTES);
        streams.add(stream);
        stream.ended().whenComplete((done, failure) -> {
            streams.remove(stream);
            mine.decrementAndGet();
            open.decrementAndGet();
        });
        stream.offer("retry: " + RECONNECT.toMillis() + "\n\n");
        // Javalin asks for the future once the request is asynchronous: the moment to stop blocking.
        ctx.future(() -> {
            stream.start();
            return stream.ended();
        });
    }

    void publish(String event, String slug) {
        // A slug is lower-case letters, digits and "-_." only (DocumentRules): nothing to escape in JSON.
        try {
            writer.execute(() -> sendToAll("event: " + event + "\ndata: {\"slug\":\"" + slug + "\"}\n\n"));
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // The server is stopping and the streams are closed: there is no one to tell.
        }
    }

    private void sendToAll(String text) {
        streams.forEach(stream -> stream.offer(text));
    }

    int openStreams() {
        return open.get();
    }

    /** Ends every stream, as a dropped connection would; browsers reconnect by themselves. */
    void endAll() {
        streams.forEach(EventStream::end);
    }

    @Override
    public void close() {
        endAll();
        writer.shutdownNow();
        log.debug("live event streams closed");
    }
}
