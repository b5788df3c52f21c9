package net.metacircular.mcq.webserver;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stylesheet, script and icon, embedded in the jar under {@code static/}
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

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            STYLESHEET, "text/css; charset=utf-8",
            READER_SCRIPT, "text/javascript; charset=utf-8",
            CHANGES_SCRIPT, "text/javascript; charset=utf-8",
            REVIEW_SCRIPT, "text/javascript; charset=utf-8",
            FAVICON, "image/svg+xml");

    private record Asset(byte[] bytes, String contentType, String version) {
    }

    private final Map<String, Asset> assets = new LinkedHashMap<>();

    StaticAssets() {
        for (Map.Entry<String, String> entry : CONTENT_TYPES.entrySet()) {
            byte[] bytes = load(entry.getKey());
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
        ctx.header("Cache-Control", "public, max-age=31536000, immutable");
        ctx.contentType(asset.get().contentType());
        ctx.result(asset.get().bytes());
        return true;
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
