package net.metacircular.mcq.http;

import net.metacircular.mcq.ServiceException;

/** The HTTP status for each kind of service failure; REST and the web UI share it. */
public final class HttpStatuses {

    private HttpStatuses() {
    }

    public static int of(ServiceException.Kind kind) {
        return switch (kind) {
            case INVALID_INPUT -> 400;
            case UNAUTHENTICATED -> 401;
            case PERMISSION_DENIED -> 403;
            case NOT_FOUND -> 404;
            case TOO_LARGE -> 413;
            case UNSUPPORTED_TYPE -> 415;
            case UNAVAILABLE -> 503;
            case RATE_LIMITED -> 429;
        };
    }
}
