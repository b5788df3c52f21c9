package net.metacircular.mcq.notify;

import net.metacircular.mcq.config.Config;
import net.metacircular.mcq.documents.Document;
import net.metacircular.mcq.documents.WebLinks;
import net.metacircular.mcq.reviews.ReplyAdded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * Tells the {@code [notify]} targets when a document arrives or changes and
 * when an agent replies to a comment (spec §16). The services call
 * {@link #pushed} and {@link #replied} from their listeners; both only queue
 * a message for the {@link Sender}, so they return at once and never throw
 * into a push or a reply.
 */
public final class Notifier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final WebLinks links;
    private final Sender sender;

    Notifier(List<Target> targets, WebLinks links, Duration retryWindow, Duration requestTimeout) {
        this.links = links;
        this.sender = new Sender(targets, Sender.DEFAULT_CAPACITY, retryWindow, requestTimeout, Sender.FIRST_DELAY);
    }

    /**
     * A notifier for the configured targets; logs them by origin only, and
     * warns once when messages must go without a link.
     */
    public static Notifier start(Config.Notify config, WebLinks links) {
        List<Target> targets = config.targets().stream().map(Target::of).toList();
        for (Target target : targets) {
            log.atInfo().addKeyValue("target", target.origin()).addKeyValue("format", target.format().wireName())
                    .log("notifications on");
        }
        if (!targets.isEmpty() && links.publicUrl() == null) {
            log.warn("[notify] has targets but [server] public_url is not set: notifications carry no link");
        }
        return new Notifier(targets, links, Sender.DEFAULT_RETRY_WINDOW, Sender.REQUEST_TIMEOUT);
    }

    /** A push stored a revision (a new document or a changed one). */
    public void pushed(Document document) {
        queue(() -> Message.pushed(document, links.documentUrl(document.slug())));
    }

    /** A reply was added; only an agent's (a system account's) is announced. */
    public void replied(ReplyAdded added) {
        if (added.bySystemAccount()) {
            queue(() -> Message.replied(added, links.documentUrl(added.slug())));
        }
    }

    private void queue(java.util.function.Supplier<Message> message) {
        try {
            sender.send(message.get());
        } catch (RuntimeException e) {
            // A notification is never worth failing the push or reply that caused it.
            log.warn("a notification could not be queued", e);
        }
    }

    /** Stops the sender thread. */
    @Override
    public void close() {
        sender.close();
    }
}
