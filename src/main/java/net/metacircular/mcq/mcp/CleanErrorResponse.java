package net.metacircular.mcq.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.spec.HttpHeaders;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import net.metacircular.mcq.http.Json;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Consumer;

/**
 * The response handed to the MCP SDK's servlet. The SDK answers some
 * failures by serializing its whole exception object (message, cause and
 * stack trace with class, file and line) and others with a servlet error
 * page. This wrapper turns both into plain JSON-RPC errors: an error body
 * the SDK writes is held back and rewritten as code and message only, and
 * {@code sendError} writes a JSON-RPC error instead of an error page.
 * Successful answers, including event streams, pass through untouched.
 */
final class CleanErrorResponse extends HttpServletResponseWrapper {

    private static final int MAX_MESSAGE_LENGTH = 300;

    private StringWriter heldBack;
    private final Consumer<String> sessionOpened;

    /**
     * @param sessionOpened told the session id the SDK assigns, as it sets the header and so
     *                      before any of the answer reaches the client, which may use the id at once
     */
    CleanErrorResponse(HttpServletResponse response, Consumer<String> sessionOpened) {
        super(response);
        this.sessionOpened = sessionOpened;
    }

    @Override
    public void setHeader(String name, String value) {
        noticeSession(name, value);
        super.setHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        noticeSession(name, value);
        super.addHeader(name, value);
    }

    private void noticeSession(String name, String value) {
        if (value != null && HttpHeaders.MCP_SESSION_ID.equalsIgnoreCase(name)) {
            sessionOpened.accept(value);
        }
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (getStatus() < 400) {
            return super.getWriter();
        }
        if (heldBack == null) {
            heldBack = new StringWriter();
        }
        return new PrintWriter(heldBack);
    }

    @Override
    public void sendError(int status) throws IOException {
        sendError(status, null);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        heldBack = null;
        JsonRpcRefusal.write(wrapped(), status, null, codeFor(status), message == null || message.isBlank()
                ? defaultMessage(status) : clean(message));
    }

    /** Writes the error body the SDK held back, if any, as a clean JSON-RPC error. */
    void finish() throws IOException {
        if (heldBack == null) {
            return;
        }
        String written = heldBack.toString();
        heldBack = null;
        int code = codeFor(getStatus());
        String message = defaultMessage(getStatus());
        JsonNode id = null;
        try {
            JsonNode body = Json.MAPPER.readTree(written);
            JsonNode error = body.has("jsonRpcError") ? body.path("jsonRpcError") : body.path("error");
            if (error.path("code").isInt()) {
                code = error.path("code").asInt();
            }
            if (error.path("message").isTextual()) {
                message = clean(error.path("message").asText());
            }
            id = body.get("id");
        } catch (IOException e) {
            // Not JSON: keep the default message.
        }
        JsonRpcRefusal.write(wrapped(), getStatus(), id, code, message);
    }

    private HttpServletResponse wrapped() {
        return (HttpServletResponse) getResponse();
    }

    /** The message without internals: cut at the first line, and generic when it names exceptions or classes. */
    static String clean(String message) {
        String line = message.lines().findFirst().orElse("").strip();
        if (line.contains("Exception") || line.contains("`") || line.contains("io.modelcontextprotocol")
                || line.contains("tools.jackson") || line.contains("com.fasterxml") || line.contains("java.")) {
            int colon = line.indexOf(':');
            String prefix = colon > 0 ? line.substring(0, colon) : "";
            return prefix.isEmpty() || prefix.contains(".") || prefix.contains("Exception")
                    ? "the message could not be processed" : prefix + ": the message could not be processed";
        }
        return line.length() > MAX_MESSAGE_LENGTH ? line.substring(0, MAX_MESSAGE_LENGTH) + "…" : line;
    }

    private static int codeFor(int status) {
        return status >= 500 ? JsonRpcRefusal.INTERNAL_ERROR : JsonRpcRefusal.INVALID_REQUEST;
    }

    private static String defaultMessage(int status) {
        return switch (status) {
            case 404 -> "no such MCP session: it ended or expired; initialize a new one";
            case 405 -> "method not allowed";
            case 413 -> "message too large";
            case 503 -> "MCQ is shutting down; try again shortly";
            default -> status >= 500 ? "internal error" : "bad request";
        };
    }
}
