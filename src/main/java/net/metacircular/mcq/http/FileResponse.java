package net.metacircular.mcq.http;

import io.javalin.http.Context;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * How an attached file is sent, over REST and in the web UI alike: with
 * the type found in its bytes when it was stored, never sniffed again by
 * the browser, and under a policy that lets nothing in it run.
 *
 * <p>An image shown through {@code <img>} never runs script, but the same
 * address opened directly shows an SVG as a document of its own, where
 * {@code <script>}, {@code onload=} and {@code javascript:} links would run
 * with MCQ's origin. The policy here forbids every script and every load
 * ({@code default-src 'none'}, styles inside the SVG excepted) and puts the
 * file in a sandbox (a unique origin, no script, no forms, no navigation of
 * other windows), so even a browser that ignored one would be held by the
 * other. It applies to every file, not only to SVG.
 */
public final class FileResponse {

    /** The policy every attached file is served under. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

    private FileResponse() {
    }

    public static void write(Context ctx, String mediaType, String name, byte[] bytes) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("Content-Disposition", contentDisposition(name));
        ctx.header("Cross-Origin-Resource-Policy", "same-origin");
        ctx.header("Cache-Control", "private, no-cache");
        ctx.status(200).contentType(mediaType).result(bytes);
    }

    /**
     * {@code inline} with the name twice: as plain ASCII (anything else
     * replaced) for old clients, and exactly in RFC 5987 form.
     */
    static String contentDisposition(String name) {
        StringBuilder ascii = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != ';' ? c : '_');
        }
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "inline; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
