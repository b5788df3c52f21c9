package net.metacircular.mcq.notify;

import net.metacircular.mcq.config.Config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where notifications go: a URL and the format it takes. The URL's path,
 * query and user information are secrets (an ntfy topic is its own password,
 * a webhook URL carries its token), so everything MCQ logs about a target is
 * {@link #origin()}: scheme, host and port only.
 *
 * @param endpoint      the URL the message is posted to, without user information
 * @param authorization an {@code Authorization: Basic} value from the URL's user information, or null
 */
record Target(URI endpoint, Config.NotifyFormat format, String authorization) {

    static Target of(Config.NotifyTarget configured) {
        URI url = configured.url();
        String userInfo = url.getRawUserInfo();
        if (userInfo == null) {
            return new Target(url, configured.format(), null);
        }
        try {
            // The JDK client sends no credentials from a URL; they go in a header instead.
            URI endpoint = new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getRawPath(), null, null);
            String withQuery = endpoint + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
            String credentials = URLDecoder.decode(userInfo.replace("+", "%2B"), StandardCharsets.UTF_8);
            return new Target(URI.create(withQuery), configured.format(),
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("notification target " + origin(url) + " has an unusable URL");
        }
    }

    /** {@code scheme://host[:port]}: what may be logged. */
    String origin() {
        return origin(endpoint);
    }

    private static String origin(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }
}
