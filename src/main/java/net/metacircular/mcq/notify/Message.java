package net.metacircular.mcq.notify;

import net.metacircular.mcq.documents.Document;
import net.metacircular.mcq.reviews.ReplyAdded;

import java.time.Instant;

/**
 * One notification, before it is written in a target's format.
 *
 * @param by  who pushed or replied
 * @param url the document's absolute address, or null without {@code [server] public_url}
 */
record Message(Event event, String slug, String title, long revision, String by, String url, Instant at) {

    enum Event {
        PUSHED, REPLIED;

        String wireName() {
            return this == PUSHED ? "pushed" : "replied";
        }
    }

    static Message pushed(Document document, String url) {
        return new Message(Event.PUSHED, document.slug(), document.title(), document.revision(),
                document.pushedBy(), url, document.pushedAt());
    }

    static Message replied(ReplyAdded added, String url) {
        return new Message(Event.REPLIED, added.slug(), added.title(), added.revision(), added.reply().author(),
                url, added.reply().createdAt());
    }

    /** One short line for a phone: "ci-bot pushed revision 3 of “Plan”". */
    String text() {
        String quoted = "\u201C" + title + "\u201D";
        return switch (event) {
            case PUSHED -> revision == 1 ? by + " pushed " + quoted + " for review"
                    : by + " pushed revision " + revision + " of " + quoted;
            case REPLIED -> by + " replied to a comment on " + quoted;
        };
    }
}
