package net.metacircular.mcq.webserver;

import io.javalin.http.Context;

import java.net.URI;

/**
 * Security headers for HTML pages, replacing the API's stricter defaults
 * (which allow nothing to load) set by the shared listener.
 *
 * <p>The Content-Security-Policy allows script and style only from MCQ itself
 * and never inline, so even markup that slipped past the sanitizer could not
 * run script or restyle the page. Images: MCQ's own (the icon) and
 * {@code https:} ones, because documents may show remote diagrams and the
 * sanitizer keeps only web image addresses. Plain {@code http:} images are not
 * allowed (mixed content on the TLS deployment, readable by anyone on the
 * network), nor {@code data:} (the sanitizer removes those anyway). Forms may
 * post only to MCQ, plus MCIAS when SSO is on: the SSO button is a form whose
 * answer redirects there, and browsers apply {@code form-action} to that
 * redirect.
 *
 * <p>{@code Referrer-Policy: same-origin}: links in documents leak nothing to
 * other sites, while MCQ's own form posts keep a real {@code Origin} header,
 * which {@link Csrf} checks ({@code no-referrer} would make it "null").
 */
final class PageHeaders {

    private final String contentSecurityPolicy;

    /** @param mciasOrigin the MCIAS origin when SSO is on, else null */
    PageHeaders(String mciasOrigin) {
        this.contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; "
                // The review script sends its forms in the background, to MCQ only.
                + "img-src 'self' https:; connect-src 'self'; base-uri 'none'; "
                + "form-action 'self'" + (mciasOrigin == null ? "" : " " + mciasOrigin) + "; "
                + "frame-ancestors 'none'";
    }

    /** {@code scheme://host[:port]} of a URL, for the policy. */
    static String originOf(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    void apply(Context ctx) {
        ctx.header("Content-Security-Policy", contentSecurityPolicy);
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        // Pages carry documents and form tokens: never stored by caches.
        ctx.header("Cache-Control", "no-store");
    }
}
