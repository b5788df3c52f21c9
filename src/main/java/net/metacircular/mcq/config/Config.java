package net.metacircular.mcq.config;

import java.nio.file.Path;
import java.util.List;

/**
 * MCQ's validated configuration. Built only by {@link ConfigLoader}, so every
 * instance has passed validation; the sections mirror the TOML file.
 */
public record Config(
        Server server,
        Database database,
        Mcias mcias,
        Sso sso,
        Web web,
        Log log,
        Limits limits,
        Notify notifications) {

    /**
     * {@code [server]}: listeners and TLS.
     *
     * @param httpTls   false serves the HTTP listener in plain HTTP even when TLS
     *                  is configured: the platform's l7 route, where mc-proxy
     *                  terminates TLS, beside an l4 gRPC route that needs it
     * @param publicUrl the address people reach MCQ's web UI at, without a trailing {@code /}
     *                  ({@code https://mcq.example.net}), for absolute links; null when not set
     */
    public record Server(ListenAddress listenAddr, ListenAddress grpcAddr, Path tlsCert, Path tlsKey,
                         boolean httpTls, String publicUrl) {
        /** TLS is on when both the certificate and the key are configured. */
        public boolean tlsEnabled() {
            return tlsCert != null && tlsKey != null;
        }

        /** The HTTP listener serves TLS 1.3 when TLS is configured, unless {@code http_tls = false}. */
        public boolean httpTlsEnabled() {
            return tlsEnabled() && httpTls;
        }

        /** gRPC is served only when {@code grpc_addr} is set. */
        public boolean grpcEnabled() {
            return grpcAddr != null;
        }
    }

    /** {@code [database]}: the SQLite file. */
    public record Database(Path path) {
    }

    /** {@code [mcias]}: the identity service. */
    public record Mcias(String serverUrl, Path caCert, String serviceName, List<String> tags) {
        public Mcias {
            tags = List.copyOf(tags);
        }
    }

    /** {@code [sso]}: when {@code redirectUri} is set the web UI signs in through MCIAS SSO. */
    public record Sso(String redirectUri) {
        public boolean enabled() {
            return redirectUri != null && !redirectUri.isEmpty();
        }
    }

    /**
     * {@code [web]}: the session cookie is {@code Secure} unless the operator
     * explicitly runs plain HTTP for local development, where browsers would
     * otherwise drop the cookie and every sign-in would silently fail.
     */
    public record Web(boolean cookieSecure) {
    }

    /** {@code [log]}. */
    public record Log(String level) {
    }

    /**
     * {@code [limits]}: sizes that protect the service from oversized input.
     *
     * @param maxRequestBytes          the largest body of a document push (REST {@code PUT}, an MCP
     *                                 message, a gRPC message): the document limit plus the JSON envelope
     * @param inFlightBodyBytes        request body bytes admitted at once, over all requests; a request
     *                                 waits briefly and is then refused (503) when its body does not fit
     * @param maxConnectionsPerAddress open HTTP connections one client address may hold
     * @param maxRevisions             revisions kept per document; older ones are pruned unless a
     *                                 read mark points at them
     * @param maxCommentBytes          the longest comment, reply, suggested replacement or verdict
     *                                 summary, in bytes of UTF-8
     * @param maxCommentsPerDocument   comments one document may hold, over all its revisions
     * @param maxFileBytes             the largest attached file (an image of a document)
     * @param maxFilesBytesPerDocument the bytes of all files one document may keep together
     * @param maxLiveStreamsPerAccount live-update streams ({@code GET /events}) one account may hold open
     * @param maxLiveStreams           live-update streams open at once, over all accounts
     */
    public record Limits(long maxDocumentBytes, long maxRequestBytes, int tokenCacheEntries,
                         long inFlightBodyBytes, int maxConnectionsPerAddress, int maxRevisions,
                         int maxCommentBytes, int maxCommentsPerDocument, long maxFileBytes,
                         long maxFilesBytesPerDocument, int maxLiveStreamsPerAccount, int maxLiveStreams) {

        public static final int DEFAULT_MAX_COMMENT_BYTES = 16_384;
        public static final int DEFAULT_MAX_COMMENTS_PER_DOCUMENT = 500;
        public static final long DEFAULT_MAX_FILE_BYTES = 5L * 1024 * 1024;
        public static final long DEFAULT_MAX_FILES_BYTES_PER_DOCUMENT = 20L * 1024 * 1024;
        /**
         * A page opens a stream and the next page another; the server learns
         * that the first was dropped at its next heartbeat, so an account
         * browsing quickly holds a few streams it no longer uses.
         */
        public static final int DEFAULT_MAX_LIVE_STREAMS_PER_ACCOUNT = 32;
        public static final int DEFAULT_MAX_LIVE_STREAMS = 1000;

        /** The limits with the live-stream limits at their defaults. */
        public Limits(long maxDocumentBytes, long maxRequestBytes, int tokenCacheEntries,
                      long inFlightBodyBytes, int maxConnectionsPerAddress, int maxRevisions,
                      int maxCommentBytes, int maxCommentsPerDocument, long maxFileBytes,
                      long maxFilesBytesPerDocument) {
            this(maxDocumentBytes, maxRequestBytes, tokenCacheEntries, inFlightBodyBytes, maxConnectionsPerAddress,
                    maxRevisions, maxCommentBytes, maxCommentsPerDocument, maxFileBytes, maxFilesBytesPerDocument,
                    DEFAULT_MAX_LIVE_STREAMS_PER_ACCOUNT, DEFAULT_MAX_LIVE_STREAMS);
        }

        /** The limits with the attachment limits at their defaults. */
        public Limits(long maxDocumentBytes, long maxRequestBytes, int tokenCacheEntries,
                      long inFlightBodyBytes, int maxConnectionsPerAddress, int maxRevisions,
                      int maxCommentBytes, int maxCommentsPerDocument) {
            this(maxDocumentBytes, maxRequestBytes, tokenCacheEntries, inFlightBodyBytes, maxConnectionsPerAddress,
                    maxRevisions, maxCommentBytes, maxCommentsPerDocument, DEFAULT_MAX_FILE_BYTES,
                    DEFAULT_MAX_FILES_BYTES_PER_DOCUMENT);
        }

        /** The limits with the review limits at their defaults. */
        public Limits(long maxDocumentBytes, long maxRequestBytes, int tokenCacheEntries,
                      long inFlightBodyBytes, int maxConnectionsPerAddress, int maxRevisions) {
            this(maxDocumentBytes, maxRequestBytes, tokenCacheEntries, inFlightBodyBytes, maxConnectionsPerAddress,
                    maxRevisions, DEFAULT_MAX_COMMENT_BYTES, DEFAULT_MAX_COMMENTS_PER_DOCUMENT);
        }
    }

    /** {@code [notify]}: where to announce pushes and agents' replies; no targets, no notifications. */
    public record Notify(List<NotifyTarget> targets) {
        public Notify {
            targets = List.copyOf(targets);
        }
    }

    /** One {@code [[notify.targets]]}: an absolute http(s) URL and the format of the messages it takes. */
    public record NotifyTarget(java.net.URI url, NotifyFormat format) {
    }

    /** How a message is written for a target. */
    public enum NotifyFormat {
        /** ntfy's publish API: a short text body with {@code Title}, {@code Click} and {@code Tags} headers. */
        NTFY,
        /** A JSON object with the event's fields. */
        JSON;

        /** The name written in the configuration. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
