package net.metacircular.mcq.webserver;
import net.metacircular.mcq.http.Callers;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.WriterOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import io.javalin.http.Context;
import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.auth.Caller;
import net.metacircular.mcq.http.HttpStatuses;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.metacircular.mcq.render.DocumentFeatures;

/**
 * Renders the jte templates (compiled into the jar at build time, HTML
 * escaping on by default) and the error pages.
 */
final class Pages {

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
    private final StaticAssets assets;
    private final PageHeaders headers;
    private final Csrf csrf;

    Pages(StaticAssets assets, PageHeaders headers, Csrf csrf) {
        this.assets = assets;
        this.headers = headers;
        this.csrf = csrf;
    }

    /** The frame of a page for whoever is (or is not) signed in on this request. */
    Views.Frame frame(Context ctx, String title) {
        return frame(ctx, title, null);
    }

    Views.Frame frameWithScript(Context ctx, String title) {
        return frameWithScript(ctx, title, StaticAssets.READER_SCRIPT);
    }

    /** @param script the name of one of the {@link StaticAssets} scripts */
    Views.Frame frameWithScript(Context ctx, String title, String script) {
        return frame(ctx, title, assets.url(script));
    }

    /**
     * {@code frame} with the scripts its document needs, and only those: KaTeX
     * and {@code math.js} for math, {@code diagrams.js} (told the diagram frame's
     * address) for Mermaid diagrams. A document with neither loads neither.
     */
    Views.Frame withFeatures(Views.Frame frame, DocumentFeatures features) {
        List<Views.Script> scripts = new ArrayList<>();
        if (features.math()) {
            scripts.add(new Views.Script(assets.url(StaticAssets.KATEX)));
            scripts.add(new Views.Script(assets.url(StaticAssets.MATH_SCRIPT)));
        }
        if (features.diagrams()) {
            scripts.add(new Views.Script(assets.url(StaticAssets.DIAGRAMS_SCRIPT),
                    assets.url(StaticAssets.DIAGRAM_FRAME)));
        }
        return scripts.isEmpty() ? frame : frame.withScripts(scripts);
    }

    private Views.Frame frame(Context ctx, String title, String script) {
        Caller caller = Callers.of(ctx);
        String session = ctx.attribute(WebAccess.SESSION_TOKEN);
        return new Views.Frame(title,
                caller == null ? null : caller.username(),
                session == null ? null : csrf.sessionToken(session),
                assets.url(StaticAssets.STYLESHEET),
                scripts(caller != null, script),
                assets.url(StaticAssets.FAVICON),
                assets.url(StaticAssets.TOUCH_ICON));
    }

    /**
     * The page's own script, if any, live updates on every signed-in page, and
     * on every page the web app's script (the service worker; the sign-in page
     * needs it most: it drops the pages kept for reading offline).
     */
    private List<Views.Script> scripts(boolean signedIn, String script) {
        List<Views.Script> scripts = new ArrayList<>();
        if (script != null) {
            scripts.add(new Views.Script(script));
        }
        if (signedIn) {
            scripts.add(new Views.Script(assets.url(StaticAssets.LIVE_SCRIPT)));
        }
        scripts.add(new Views.Script(assets.url(StaticAssets.PWA_SCRIPT)));
        return scripts;
    }

    /** The form token of this request's session (pages that post need it). */
    String formToken(Context ctx) {
        String session = ctx.attribute(WebAccess.SESSION_TOKEN);
        if (session == null) {
            throw new IllegalStateException("a form token needs a session");
        }
        return csrf.sessionToken(session);
    }

    /**
     * Writes the page straight into the response as UTF-8: a reader page of
     * a large document is megabytes, and building it as a string first
     * would copy it several times.
     */
    void render(Context ctx, int status, String template, Views.Frame frame, Object view) {
        headers.apply(ctx);
        ctx.status(status).contentType("text/html; charset=utf-8");
        try (Writer writer = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8), 32 * 1024)) {
            engine.render(template, Map.of("frame", frame, "view", view), new WriterOutput(writer));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write page", e);
        }
    }

    void error(Context ctx, int status, String heading, String message) {
        error(ctx, new Views.Error(status, heading, message, "/", "Back to the queue"));
    }

    void error(Context ctx, Views.Error error) {
        render(ctx, error.status(), "error.jte", frame(ctx, error.heading()), error);
    }

    /** The page for a failure of the service layer. */
    void error(Context ctx, ServiceException e) {
        int status = HttpStatuses.of(e.kind());
        String heading = switch (e.kind()) {
            case INVALID_INPUT -> "That address is not valid";
            case UNAUTHENTICATED -> "Please sign in";
            case PERMISSION_DENIED -> "Not allowed";
            case NOT_FOUND -> "Not in the queue";
            case TOO_LARGE -> "Too large";
            case UNSUPPORTED_TYPE -> "Unsupported type";
            case UNAVAILABLE -> "MCQ cannot answer right now";
            case RATE_LIMITED -> "Too many attempts";
        };
        // As the API does: a client that is told to wait is told for how long.
        e.retryAfterSeconds().ifPresent(seconds -> ctx.header("Retry-After", seconds));
        error(ctx, status, heading, sentence(e.getMessage()));
    }

    void forbiddenForm(Context ctx) {
        error(ctx, new Views.Error(403, "This form cannot be accepted",
                "The form was not sent from an MCQ page open in this browser, or it is out of date "
                        + "(MCQ may have restarted). Nothing was changed. Go back, reload the page and try again.",
                "/", "Back to the queue"));
    }

    void notFound(Context ctx) {
        error(ctx, 404, "Page not found", "There is no page at this address.");
    }

    /** Service messages are written as clauses for the API; a page shows them as sentences. */
    static String sentence(String message) {
        if (message == null || message.isEmpty()) {
            return "";
        }
        String text = Character.toUpperCase(message.charAt(0)) + message.substring(1);
        return text.endsWith(".") ? text : text + ".";
    }
}
