package net.metacircular.mcq;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure the caller can act on, raised by the application service layer.
 *
 * <p>Every surface (REST, gRPC, web, MCP) maps the {@link Kind} to its own
 * status code in one place, so the same bad input gives the matching error
 * everywhere. The message is written for the person or program that sent the
 * request and never contains a secret.
 */
public final class ServiceException extends RuntimeException {

    /** What went wrong, independent of the transport. */
    public enum Kind {
        /** Bad input: HTTP 400, gRPC INVALID_ARGUMENT. */
        INVALID_INPUT,
        /** No credentials or invalid credentials: HTTP 401, gRPC UNAUTHENTICATED. */
        UNAUTHENTICATED,
        /** Authenticated but not allowed: HTTP 403, gRPC PERMISSION_DENIED. */
        PERMISSION_DENIED,
        /** No such document: HTTP 404, gRPC NOT_FOUND. */
        NOT_FOUND,
        /** Over a configured size limit: HTTP 413, gRPC RESOURCE_EXHAUSTED. */
        TOO_LARGE,
        /** Content of a type MCQ does not take (an attachment that is no supported image): HTTP 415, gRPC INVALID_ARGUMENT. */
        UNSUPPORTED_TYPE,
        /** MCIAS or the database is not usable: HTTP 503, gRPC UNAVAILABLE. */
        UNAVAILABLE,
        /** Too many attempts (failed sign-ins): HTTP 429 with Retry-After, gRPC RESOURCE_EXHAUSTED. */
        RATE_LIMITED
    }

    private final Kind kind;
    /** For {@link Kind#RATE_LIMITED}: when to try again; null otherwise. */
    private final Duration retryAfter;

    public ServiceException(Kind kind, String message) {
        this(kind, message, (Throwable) null);
    }

    public ServiceException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = null;
    }

    private ServiceException(String message, Duration retryAfter) {
        super(message);
        this.kind = Kind.RATE_LIMITED;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** How long the caller should wait before trying again, when the service said so. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The value of an HTTP {@code Retry-After} header: whole seconds, at least 1. */
    public Optional<String> retryAfterSeconds() {
        return retryAfter().map(d -> Long.toString(Math.max(1, (d.toMillis() + 999) / 1000)));
    }

    public static ServiceException rateLimited(String message, Duration retryAfter) {
        return new ServiceException(message, retryAfter);
    }

    public static ServiceException invalid(String message) {
        return new ServiceException(Kind.INVALID_INPUT, message);
    }

    public static ServiceException notFound(String message) {
        return new ServiceException(Kind.NOT_FOUND, message);
    }

    public static ServiceException unavailable(String message, Throwable cause) {
        return new ServiceException(Kind.UNAVAILABLE, message, cause);
    }
}
