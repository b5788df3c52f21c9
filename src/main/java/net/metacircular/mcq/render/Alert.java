package net.metacircular.mcq.render;

import java.util.Locale;
import org.commonmark.node.CustomBlock;

/**
 * A GitHub alert: a block quote that starts with {@code [!NOTE]}, {@code [!TIP]},
 * {@code [!IMPORTANT]}, {@code [!WARNING]} or {@code [!CAUTION]} on a line of
 * its own. Its children are the quote's content without the marker.
 */
final class Alert extends CustomBlock {

    /** The five kinds GitHub shows; the reader's stylesheet colours each. */
    enum Kind {
        NOTE("Note"),
        TIP("Tip"),
        IMPORTANT("Important"),
        WARNING("Warning"),
        CAUTION("Caution");

        private final String title;

        Kind(String title) {
            this.title = title;
        }

        String title() {
            return title;
        }

        /** The class that picks the colour and icon: {@code markdown-alert-note} and so on. */
        String cssClass() {
            return GithubAlerts.ALERT_CLASS + "-" + name().toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;

    Alert(Kind kind) {
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }
}
