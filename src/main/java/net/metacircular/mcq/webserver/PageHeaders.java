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
 * <p>{@code frame-src 'self'}: each Mermaid diagram is drawn in its own frame,
 * {@code /static/diagram.html}. Mermaid writes {@code <style>} elements and
 * {@code style} attributes into its SVG, which this policy's {@code style-src
 * 'self'} rightly blocks; rather than relax the page's policy, the diagram is
 * drawn in an {@code <iframe sandbox="allow-scripts">} (no
 * {@code allow-same-origin}: an opaque origin, so no cookies, no storage and no
 * access to this page) whose document has its own policy
 * ({@link #DIAGRAM_FRAME_POLICY}) allowing inline styles, never inline script
 * or eval. The page and the frame speak only through {@code postMessage}.
 *
 * <p>{@code manifest-src 'self'} and {@code worker-src 'self'}: the
 * installable web app. Under {@code default-src 'none'} the browser would not
 * even fetch the manifest {@code <link rel="manifest">} names, so the app could
 * not be installed. Registering the service worker is allowed by
 * {@code script-src 'self'} already, through the fallback browsers apply to an
 * absent {@code worker-src}; the policy names it anyway, so no change to the
 * script rule can silently change which workers may run. Both are MCQ's own
 * files only.
 *
 * <p>{@code Referrer-Policy: same-origin}: links in documents leak nothing to
 * other sites, while MCQ's own form posts keep a real {@code Origin} header,
 * which {@link Csrf} checks ({@code no-referrer} would make it "null").
 */
final class PageHeaders {

    /**
     * The diagram frame's own policy: scripts only from MCQ (Mermaid and the
     * frame script, never inline, never eval), inline styles for Mermaid's SVG,
     * {@code data:} images for its markers, no connections, and only MCQ's
     * pages may frame it.
     */
    static final String DIAGRAM_FRAME_POLICY = "default-src 'none'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
            + "frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

    /**
     * The offline page's policy: MCQ's stylesheet and its own script (which
     * reads the browser's Cache Storage, not the network), no forms, no frames.
     */
    static final String OFFLINE_PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /**
     * The service worker's own policy (a worker takes the policy its script
     * was served with): it fetches MCQ's pages and files and nothing else.
     */
    static final String SERVICE_WORKER_POLICY = "default-src 'none'; connect-src 'self'";

    private final String contentSecurityPolicy;

    /** @param mciasOrigin the MCIAS origin when SSO is on, else null */
    PageHeaders(String mciasOrigin) {
        this.contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; "
                // The review script sends its forms in the background, to MCQ only.
                + "img-src 'self' https:; connect-src 'self'; frame-src 'self'; "
                + "manifest-src 'self'; worker-src 'self'; base-uri 'none'; "
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

    /**
     * Headers of the diagram frame page, replacing the listener's defaults:
     * it is meant to be framed by MCQ's own pages, so no {@code X-Frame-Options: DENY}
     * and {@code frame-ancestors 'self'} instead of {@code 'none'}. It holds no data,
     * so it may be cached like the other static files.
     */
    static void applyToDiagramFrame(Context ctx) {
        ctx.header("Content-Security-Policy", DIAGRAM_FRAME_POLICY);
        ctx.res().setHeader("X-Frame-Options", null);
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Content-Type-Options", "nosniff");
    }

    /**
     * Headers of the offline page: it holds no data (it lists the kept
     * documents from the browser's own storage), so it is cached like the
     * other static files, under its own policy.
     */
    static void applyToOfflinePage(Context ctx) {
        ctx.header("Content-Security-Policy", OFFLINE_PAGE_POLICY);
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("X-Content-Type-Options", "nosniff");
    }

    static void applyToServiceWorker(Context ctx) {
        ctx.header("Content-Security-Policy", SERVICE_WORKER_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
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
