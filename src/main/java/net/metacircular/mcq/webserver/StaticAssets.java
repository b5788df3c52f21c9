package net.metacircular.mcq.webserver;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stylesheet, scripts, icon and vendored libraries, embedded in the jar under {@code static/}
 * and served from memory at {@code /static/{name}}.
 *
 * <p>Only the files listed here are served (no path ever reaches the class
 * loader from a request). Pages link them with a content hash in the query
 * ({@code /static/mcq.css?v=3f2a...}), so browsers may cache them for a year:
 * a new release changes the hash and with it the address.
 */
final class StaticAssets {

    static final String STYLESHEET = "mcq.css";
    static final String READER_SCRIPT = "reader.js";
    static final String CHANGES_SCRIPT = "changes.js";
    static final String REVIEW_SCRIPT = "review.js";
    static final String FAVICON = "favicon.svg";
    /** Every signed-in page: live updates over server-sent events. */
    static final String LIVE_SCRIPT = "live.js";
    /** Renders the document's math with KaTeX; loaded only on pages whose document has math. */
    static final String MATH_SCRIPT = "math.js";
    /** Puts each Mermaid diagram into its own sandboxed frame; only on pages with diagrams. */
    static final String DIAGRAMS_SCRIPT = "diagrams.js";
    /** The script inside a diagram frame ({@link #DIAGRAM_FRAME}). */
    static final String DIAGRAM_FRAME_SCRIPT = "diagram-frame.js";
    /**
     * The page each diagram frame loads. Written from {@code static/diagram.html}
     * with the versioned addresses of its two scripts filled in, and served with
     * its own headers ({@link PageHeaders#applyToDiagramFrame}).
     */
    static final String DIAGRAM_FRAME = "diagram.html";
    /** Vendored libraries (see {@code static/vendor/VENDORED.md}), served at {@code /static/vendor/{name}}. */
    static final String MERMAID = "vendor/mermaid-12.3.0.min.js";
    static final String KATEX = "vendor/katex-0.19.1.min.js";

    private static final String SCRIPT = "text/javascript; charset=utf-8";

    /** In order: an asset may name those before it ({@link #DIAGRAM_FRAME} names its scripts). */
    private static final Map<String, String> CONTENT_TYPES = orderedTypes(
            STYLESHEET, "text/css; charset=utf-8",
            READER_SCRIPT, SCRIPT,
            CHANGES_SCRIPT, SCRIPT,
            REVIEW_SCRIPT, SCRIPT,
            FAVICON, "image/svg+xml",
            LIVE_SCRIPT, SCRIPT,
            MATH_SCRIPT, SCRIPT,
            DIAGRAMS_SCRIPT, SCRIPT,
            DIAGRAM_FRAME_SCRIPT, SCRIPT,
            MERMAID, SCRIPT,
            KATEX, SCRIPT,
            DIAGRAM_FRAME, "text/html; charset=utf-8");

    private record Asset(byte[] bytes, String contentType, String version) {
    }

    private final Map<String, Asset> assets = new LinkedHashMap<>();

    StaticAssets() {
        for (Map.Entry<String, String> entry : CONTENT_TYPES.entrySet()) {
            byte[] bytes = load(entry.getKey());
            if (entry.getKey().equals(DIAGRAM_FRAME)) {
                bytes = new String(bytes, StandardCharsets.UTF_8)
                        .replace("{{mermaid}}", url(MERMAID))
                        .replace("{{frame-script}}", url(DIAGRAM_FRAME_SCRIPT))
                        .getBytes(StandardCharsets.UTF_8);
            }
            assets.put(entry.getKey(), new Asset(bytes, entry.getValue(), version(bytes)));
        }
    }

    /** The address a page links to. */
    String url(String name) {
        Asset asset = assets.get(name);
        if (asset == null) {
            throw new IllegalArgumentException("no static asset " + name);
        }
        return "/static/" + name + "?v=" + asset.version();
    }

    /** Serves an asset; false when there is no asset of that name. */
    boolean serve(Context ctx, String name) {
        Optional<Asset> asset = Optional.ofNullable(assets.get(name));
        if (asset.isEmpty()) {
            return false;
        }
        if (name.equals(DIAGRAM_FRAME)) {
            PageHeaders.applyToDiagramFrame(ctx);
        }
        ctx.header("Cache-Control", "public, max-age=31536000, immutable");
        ctx.contentType(asset.get().contentType());
        ctx.result(asset.get().bytes());
        return true;
    }

    private static Map<String, String> orderedTypes(String... nameThenType) {
        Map<String, String> types = new LinkedHashMap<>();
        for (int i = 0; i < nameThenType.length; i += 2) {
            types.put(nameThenType[i], nameThenType[i + 1]);
        }
        return types;
    }

    private static byte[] load(String name) {
        try (InputStream in = StaticAssets.class.getResourceAsStream("/static/" + name)) {
            if (in == null) {
                throw new IllegalStateException("static asset missing from the build: static/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read static asset " + name, e);
        }
    }

    private static String version(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
