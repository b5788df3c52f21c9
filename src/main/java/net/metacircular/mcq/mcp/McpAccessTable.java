package net.metacircular.mcq.mcp;

import net.metacircular.mcq.http.Access;
import net.metacircular.mcq.http.AccessTable;

/**
 * Access control for the MCP surface, in two tables of the one
 * {@link AccessTable} type: the path, which {@link McpAccessFilter} checks
 * before any MCP processing (every message, initialize included, needs a
 * token), and each tool, which {@link McqTools} checks before the tool runs.
 * A path or tool missing from its table is refused, and a test fails when a
 * tool the server offers is not listed.
 */
public final class McpAccessTable {

    public static final AccessTable<String> PATHS = AccessTable.<String>builder()
            .add(McpSurface.PATH, Access.AUTHENTICATED)
            .build();

    public static final AccessTable<String> TOOLS = AccessTable.<String>builder()
            // Its files argument stores attachments: who may push may upload (AttachmentService).
            .add(McqTools.PUSH_DOCUMENT, Access.AUTHENTICATED)
            .add(McqTools.LIST_DOCUMENTS, Access.AUTHENTICATED)
            .add(McqTools.SEARCH_DOCUMENTS, Access.AUTHENTICATED)
            .add(McqTools.GET_DOCUMENT, Access.AUTHENTICATED)
            .add(McqTools.DELETE_DOCUMENT, Access.AUTHENTICATED)
            .add(McqTools.MARK_READ, Access.AUTHENTICATED)
            .add(McqTools.MARK_UNREAD, Access.AUTHENTICATED)
            .add(McqTools.LIST_REVISIONS, Access.AUTHENTICATED)
            .add(McqTools.DIFF_REVISIONS, Access.AUTHENTICATED)
            // Reviews: system accounts read feedback and reply; ReviewService decides the rest.
            .add(McqTools.GET_FEEDBACK, Access.AUTHENTICATED)
            .add(McqTools.WAIT_FOR_FEEDBACK, Access.AUTHENTICATED)
            .add(McqTools.REPLY_TO_COMMENT, Access.AUTHENTICATED)
            // People only; the review service refuses system accounts.
            .add(McqTools.RESOLVE_COMMENT, Access.AUTHENTICATED)
            .add(McqTools.REVIEW_DOCUMENT, Access.AUTHENTICATED)
            .build();

    private McpAccessTable() {
    }
}
