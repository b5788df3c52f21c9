package net.metacircular.mcq.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The server's feedback answer ({@code GET /v1/documents/{slug}/feedback}),
 * kept as the JSON it came in (for {@code --json} and the stdio MCP tools)
 * with the few fields a client decides on.
 *
 * @param status  {@code pending}, {@code approved} or {@code changes_requested}
 * @param pending true when a wait ended without a verdict
 */
public record FeedbackAnswer(JsonNode json, long revision, String status, boolean pending, String markdown) {

    public static final String APPROVED = "approved";
    public static final String CHANGES_REQUESTED = "changes_requested";

    static FeedbackAnswer of(JsonNode json) {
        return new FeedbackAnswer(json, json.path("revision").asLong(), json.path("status").asText(""),
                json.path("pending").asBoolean(false), json.path("markdown").asText(""));
    }

    /** The JSON answer, indented; JSON escapes every control character, so it is safe on a terminal. */
    public String prettyJson() {
        try {
            return ClientJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot encode JSON the client just read", e);
        }
    }

    /** A verdict exists on the revision. */
    public boolean decided() {
        return APPROVED.equals(status) || CHANGES_REQUESTED.equals(status);
    }

    /** The Markdown made safe for a terminal, line by line (see {@link TerminalText}). */
    public String terminalMarkdown() {
        StringBuilder out = new StringBuilder();
        for (String line : markdown.split("\n", -1)) {
            out.append(TerminalText.safeLine(line)).append('\n');
        }
        // split keeps a trailing empty string; do not add a blank line for it.
        return markdown.endsWith("\n") ? out.substring(0, out.length() - 1) : out.toString();
    }
}
