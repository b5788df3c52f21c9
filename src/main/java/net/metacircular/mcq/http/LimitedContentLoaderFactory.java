package net.metacircular.mcq.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Reads a whole request body asynchronously, up to the route's limit, before
 * the request gets a worker thread: a client that sends its body slowly then
 * holds a connection and its admitted bytes, never a thread. A chunked body
 * that goes past the limit is answered 413 as soon as it does.
 */
final class LimitedContentLoaderFactory implements EagerContentHandler.ContentLoaderFactory {

    private final BodyLimits limits;

    LimitedContentLoaderFactory(BodyLimits limits) {
        this.limits = limits;
    }

    @Override
    public String getApplicableMimeType() {
        return null; // every content type
    }

    @Override
    public EagerContentHandler.ContentLoader newContentLoader(String contentType, String mimeType, Handler handler,
                                                              Request request, Response response, Callback callback) {
        long limit = limits.limitFor(request.getMethod(), Request.getPathInContext(request));
        // Retained until complete; "+ 1" because the loader refuses once the
        // retained size reaches its maximum before the last chunk.
        return new EagerContentHandler.RetainedContentLoaderFactory.RetainedContentLoader(
                handler, request, response, callback, limit + 1, 0, true);
    }
}
