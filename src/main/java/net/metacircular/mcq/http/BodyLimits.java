package net.metacircular.mcq.http;

import net.metacircular.mcq.attachments.FileNames;

/**
 * The largest request body each route accepts, decided from the method and
 * path alone, before any byte of the body is read.
 *
 * <p>Only a document push carries a large body: REST {@code PUT
 * /v1/documents/{slug}} and MCP {@code POST /mcp} (whose {@code
 * push_document} call carries the document). Everything else — a login, a
 * web form, a logout — is a few fields, so it gets {@link #SMALL_BODY_BYTES}:
 * an unauthenticated client can then make MCQ hold no more than that.
 *
 * <p>An attached file is uploaded raw to REST {@code PUT
 * /v1/documents/{slug}/files/{name}}; it gets {@code fileBytes}.
 *
 * @param pushBytes the limit for a push ({@code [limits] max_request_bytes})
 * @param fileBytes the limit for a file upload ({@code [limits] max_file_bytes})
 */
public record BodyLimits(long pushBytes, long fileBytes) {

    /**
     * Every other body: a login (username, password, TOTP code) or a web
     * form (CSRF token and a few fields) is well under 1 KiB.
     */
    public static final long SMALL_BODY_BYTES = 8 * 1024;

    /** The MCP endpoint; its messages may carry a document. */
    static final String MCP_PATH = "/mcp";

    public BodyLimits {
        if (pushBytes < SMALL_BODY_BYTES) {
            pushBytes = SMALL_BODY_BYTES;
        }
        if (fileBytes < SMALL_BODY_BYTES) {
            fileBytes = SMALL_BODY_BYTES;
        }
    }

    /** @param path the request path, without the query string */
    public long limitFor(String method, String path) {
        if (method.equals("PUT") && isDocumentPath(path)) {
            return pushBytes;
        }
        if (method.equals("PUT") && isFilePath(path)) {
            return fileBytes;
        }
        if (method.equals("POST") && path.equals(MCP_PATH)) {
            return pushBytes;
        }
        return SMALL_BODY_BYTES;
    }

    /** {@code /v1/documents/{slug}}: one segment after the collection. */
    private static boolean isDocumentPath(String path) {
        String prefix = "/v1/documents/";
        return path.startsWith(prefix) && path.length() > prefix.length() && path.indexOf('/', prefix.length()) < 0;
    }

    /**
     * {@code /v1/documents/{slug}/files/{name}}, where the name may have up
     * to {@link FileNames#MAX_FOLDERS} folders ({@code files/img/flow.png}).
     */
    private static boolean isFilePath(String path) {
        String prefix = "/v1/documents/";
        if (!path.startsWith(prefix)) {
            return false;
        }
        String[] rest = path.substring(prefix.length()).split("/", -1);
        return rest.length >= 3 && rest.length <= 3 + FileNames.MAX_FOLDERS && !rest[0].isEmpty()
                && rest[1].equals("files") && !rest[2].isEmpty();
    }

    /** True for the paths whose errors are JSON (REST and MCP); the web UI's are pages. */
    static boolean isApiPath(String path) {
        return path.startsWith("/v1/") || path.equals(MCP_PATH);
    }
}
