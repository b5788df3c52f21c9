package net.metacircular.mcq.documents;

/**
 * Absolute links to the web UI, built from {@code [server] public_url}: the
 * one place that makes them, for push answers on every surface and for
 * notifications. Without a public URL there are no absolute links (MCQ cannot
 * know the address people reach it at behind a proxy), only
 * {@link DocumentView#webPath}.
 *
 * @param publicUrl absolute http(s), no trailing {@code /}; null when not configured
 */
public record WebLinks(String publicUrl) {

    /** No public URL configured. */
    public static final WebLinks NONE = new WebLinks(null);

    /** {@code <public_url>/d/{slug}}, or null without a public URL. */
    public String documentUrl(String slug) {
        return publicUrl == null ? null : publicUrl + DocumentView.webPath(slug);
    }
}
