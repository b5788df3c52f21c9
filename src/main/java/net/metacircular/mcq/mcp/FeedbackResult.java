package net.metacircular.mcq.mcp;

import java.util.Map;

/**
 * Feedback as the MCP tools hand it out: the JSON fields (the names REST
 * uses) and the Markdown written for a model.
 */
record FeedbackResult(Map<String, Object> fields, String markdown) {
}
