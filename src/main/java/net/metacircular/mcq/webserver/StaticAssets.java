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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stylesheet, scripts, icons and vendored libraries, embedded in the jar under {@code static/}
 * and served from memory at {@code /static/{name}}; and the two files of the installable web app
 * that must keep a fixed address at the root, the manifest and the service worker.
 *
 * <p>Only the files listed here are served (no path ever reaches the class
 * loader from a request). Pages link them with a content hash in the query
 * ({@code /static/mcq.css?v=3f2a...}), so browsers may cache them for a year:
 * a new release changes the hash and with it the address.
 *
 * <p>A few files are templates: {@code {{asset:NAME}}} in them becomes the
 * versioned address of the asset NAME listed before them, so the offline page,
 * the manifest and the service worker name exactly the files of this release.
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
    /** Every page: registers the service worker; on the sign-in page, drops the pages kept for offline reading. */
    static final String PWA_SCRIPT = "pwa.js";
    /** The offline page's script: lists the documents this browser kept. */
    static final String OFFLINE_SCRIPT = "offline.js";
    /** What the service worker shows for a page it did not keep when MCQ cannot be reached. */
    static final String OFFLINE_PAGE = "offline.html";
    /** The web app's icons, rendered from the favicon (see {@code static/APP-ICONS.md}). */
    static final String ICON_192 = "icon-192.png";
    static final String ICON_512 = "icon-512.png";
    static final String ICON_MASKABLE = "icon-maskable-512.png";
    static final String TOUCH_ICON = "apple-touch-icon.png";
    /** The web app manifest, served at {@link #MANIFEST_PATH}. */
    static final String MANIFEST = "manifest.webmanifest";
    static final String MANIFEST_PATH = "/manifest.webmanifest";
    /**
     * The service worker, served at {@link #SERVICE_WORKER_PATH}: at the root, so its scope is the
     * whole site without a {@code Service-Worker-Allowed} header. {@code {{assets-version}}} in it
     * becomes a hash of every other asset, which names its cache: a release with any changed file
     * is a new worker, and the new worker drops the old release's files.
     */
    static final String SERVICE_WORKER = "sw.js";
    static final String SERVICE_WORKER_PATH = "/sw.js";

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
            DIAGRAM_FRAME, "text/html; charset=utf-8",
            PWA_SCRIPT, SCRIPT,
            OFFLINE_SCRIPT, SCRIPT,
            ICON_192, "image/png",
            ICON_512, "image/png",
            ICON_MASKABLE, "image/png",
            TOUCH_ICON, "image/png",
            OFFLINE_PAGE, "text/html; charset=utf-8",
            MANIFEST, "application/manifest+json",
            SERVICE_WORKER, SCRIPT);

    /** Files with {@code {{asset:NAME}}} addresses to fill in. */
    private static final Set<String> TEMPLATES = Set.of(OFFLINE_PAGE, MANIFEST, SERVICE_WORKER);

    /** Served at their own root addresses, never under {@code /static/}. */
    private static final Map<String, String> ROOT_FILES = Map.of(
            MANIFEST_PATH, MANIFEST,
            SERVICE_WORKER_PATH, SERVICE_WORKER);

    private static final Pattern ASSET_ADDRESS = Pattern.compile("\\{\\{asset:([a-z0-9./-]+)}}");

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
            if (TEMPLATES.contains(entry.getKey())) {
                bytes = fill(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
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

    /** Serves an asset at {@code /static/{name}}; false when there is no asset of that name. */
    boolean serve(Context ctx, String name) {
        Optional<Asset> asset = Optional.ofNullable(assets.get(name));
        if (asset.isEmpty() || ROOT_FILES.containsValue(name)) {
            return false;
        }
        if (name.equals(DIAGRAM_FRAME)) {
            PageHeaders.applyToDiagramFrame(ctx);
        } else if (name.equals(OFFLINE_PAGE)) {
            PageHeaders.applyToOfflinePage(ctx);
        }
        ctx.header("Cache-Control", "public, max-age=31536000, immutable");
        ctx.contentType(asset.get().contentType());
        ctx.result(asset.get().bytes());
        return true;
    }

    /**
     * Serves the manifest or the service worker at its fixed address. Browsers
     * check both for updates at that address, so they are revalidated on every
     * use ({@code no-cache}) instead of kept for a year.
     */
    void serveAtRoot(Context ctx) {
        String name = ROOT_FILES.get(ctx.path());
        if (name == null) {
            throw new IllegalArgumentException("no root file at " + ctx.path());
        }
        Asset asset = assets.get(name);
        if (name.equals(SERVICE_WORKER)) {
            PageHeaders.applyToServiceWorker(ctx);
        }
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(asset.contentType());
        ctx.result(asset.bytes());
    }

    /**
     * A template with its {@code {{asset:NAME}}} addresses filled in, and for the
     * service worker {@code {{assets-version}}}: a hash of every asset before it.
     */
    private String fill(String template) {
        Matcher matcher = ASSET_ADDRESS.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            // url() refuses a name not listed before the template.
            matcher.appendReplacement(filled, Matcher.quoteReplacement(url(matcher.group(1))));
        }
        matcher.appendTail(filled);
        StringBuilder versions = new StringBuilder();
        assets.values().forEach(asset -> versions.append(asset.version()));
        return filled.toString().replace("{{assets-version}}",
                version(versions.toString().getBytes(StandardCharsets.US_ASCII)));
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
