package net.metacircular.mcq.render;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Tells ids written by the renderer apart from ids in a document's raw HTML.
 *
 * <p>The sanitizer sees only the final HTML, where {@code <h2 id="x">} from the
 * author looks like one of ours. An author-chosen id could duplicate a heading's
 * id or hijack a footnote link, so the renderer marks its own ids with a secret
 * random marker, and the sanitizer keeps only marked ids (removing the marker)
 * and drops all others. The marker never reaches the output, so documents cannot
 * learn it.
 */
final class TrustedIds {

    private final String marker;

    private TrustedIds(String marker) {
        this.marker = marker;
    }

    static TrustedIds withRandomMarker() {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        return new TrustedIds("mcq" + HexFormat.of().formatHex(secret) + "_");
    }

    String mark(String id) {
        return marker + id;
    }

    /** The id without its marker, or null if {@code value} was not marked by this instance. */
    String unmark(String value) {
        return value.startsWith(marker) && value.length() > marker.length()
                ? value.substring(marker.length())
                : null;
    }
}
