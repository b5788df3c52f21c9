package net.metacircular.mcq.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.Version;
import net.metacircular.mcq.documents.Document;
import net.metacircular.mcq.documents.DocumentRules;
import net.metacircular.mcq.documents.DocumentSummary;
import net.metacircular.mcq.documents.DocumentSummaryView;
import net.metacircular.mcq.documents.DocumentView;
import net.metacircular.mcq.documents.PutResult;
import net.metacircular.mcq.http.Access;
import net.metacircular.mcq.http.AccessTable;
import net.metacircular.mcq.http.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The six MCP tools, defined once for both transports: the Streamable HTTP
 * endpoint inside the server and {@code mcq mcp} on stdio. Each tool has a
 * JSON input schema and a description written for a language model. Bad input
 * and unknown slugs come back as tool errors ({@code isError: true}) carrying
 * the service's message and a hint, so the model can correct itself; they are
 * never protocol failures.
 *
 * <p>Every successful result is a JSON object, given both as text (for
 * models) and as structured content (for programs); {@code get_document} adds
 * the Markdown body as a second text item, exactly as pushed. Documents and
 * queue entries are the shared {@link DocumentView} and
 * {@link DocumentSummaryView}, the same fields REST and gRPC carry.
 */
public final class McqTools {

    public static final String PUSH_DOCUMENT = "push_document";
    public static final String LIST_DOCUMENTS = "list_documents";
    public static final String GET_DOCUMENT = "get_document";
    public static final String DELETE_DOCUMENT = "delete_document";
    public static final String MARK_READ = "mark_read";
    public static final String MARK_UNREAD = "mark_unread";

    static final String INSTRUCTIONS = """
            MCQ is a review queue. Push a Markdown document with push_document when you want a person \
            (the operator) to read something: a report, a plan, a design, a summary of your work. The \
            operator reads documents rendered in a browser and marks them read. Re-pushing the same slug \
            replaces the document and puts it back in the queue as unread, so use one stable slug per \
            piece of work and push again for each revision. Use list_documents and get_document to see \
            what is queued and whether the operator has read it.""";

    private static final Logger log = LoggerFactory.getLogger(McqTools.class);
    private static final TypeReference<LinkedHashMap<String, Object>> FIELD_MAP = new TypeReference<>() {
    };

    private static final Param SLUG = Param.string("slug", DocumentRules.SLUG_RULE
            + ". Use a stable, descriptive slug (e.g. \"release-notes-2.4\") and reuse it for revisions.");
    private static final Param SLUG_TO_READ = Param.string("slug",
            "The document's slug, as shown by list_documents (" + DocumentRules.SLUG_RULE + ").");

    private McqTools() {
    }

    /** Builds an MCP server offering the six tools on the transport behind {@code spec}. */
    public static <S extends McpServer.SyncSpecification<S>> McpSyncServer buildServer(
            McpServer.SyncSpecification<S> spec, Function<McpTransportContext, DocumentOperations> operations) {
        return spec.serverInfo("mcq", Version.current())
                .instructions(INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                // The arguments are checked by ToolArguments and the service's rules instead of the
                // SDK's schema validator, so a model gets MCQ's messages (which say how to fix the
                // input) and the same answer as from REST.
                .validateToolInputs(false)
                .tools(specifications(operations))
                .build();
    }

    /**
     * @param operations the queue as seen by the caller of one tool call; the
     *                   HTTP transport finds the caller in the transport context
     */
    public static List<SyncToolSpecification> specifications(
            Function<McpTransportContext, DocumentOperations> operations) {
        return List.of(
                tool(PUSH_DOCUMENT, "Push a document for review",
                        "Put a Markdown document in the operator's review queue under a slug. If a document with"
                                + " this slug already exists it is replaced (title and body) and becomes unread"
                                + " again, so re-pushing is how you submit a revision. The body is stored exactly"
                                + " as given. Returns the stored document's metadata, including its revision and"
                                + " web_path, the path of the page where the operator reads it.",
                        hints(false, true, false),
                        operations,
                        List.of(SLUG,
                                Param.string("title", "A one-line title for the queue, 1-"
                                        + DocumentRules.MAX_TITLE_LENGTH + " characters, no line breaks."),
                                Param.string("body", "The document in Markdown (CommonMark with GitHub tables,"
                                        + " task lists, footnotes and strikethrough). May be empty.")),
                        (ops, args) -> pushed(ops.push(args.string("slug"), args.string("title"),
                                args.string("body")))),
                tool(LIST_DOCUMENTS, "List the review queue",
                        "List the documents in the review queue, without their bodies: unread first, then"
                                + " newest. Each entry has slug, title, pushed_by, pushed_at, read (whether the"
                                + " operator has read it) and web_path. Use it to find a slug or to check whether the operator"
                                + " has read a document.",
                        hints(true, false, true),
                        operations,
                        List.of(Param.optionalBoolean("unread_only",
                                "If true, list only the documents the operator has not read yet. Default false.")),
                        (ops, args) -> listed(ops.list(), args.flag("unread_only"))),
                tool(GET_DOCUMENT, "Read a document",
                        "Fetch one document from the queue. The first text item is its metadata as JSON (slug,"
                                + " title, pushed_by, pushed_at, read, read_at, created_at, revision, web_path);"
                                + " the second is the Markdown body exactly as it was pushed.",
                        hints(true, false, true),
                        operations,
                        List.of(SLUG_TO_READ),
                        (ops, args) -> fetched(ops.get(args.string("slug")))),
                tool(DELETE_DOCUMENT, "Remove a document",
                        "Remove a document from the queue for good. It cannot be recovered. Only do this when"
                                + " the document is obsolete or the operator asked for it; to submit a revision,"
                                + " push again under the same slug instead.",
                        hints(false, true, false),
                        operations,
                        List.of(SLUG_TO_READ),
                        (ops, args) -> {
                            String slug = args.string("slug");
                            ops.delete(slug);
                            Map<String, Object> result = new LinkedHashMap<>();
                            result.put("deleted", slug);
                            return success(result);
                        }),
                tool(MARK_READ, "Mark a document read",
                        "Mark a document as read, as the operator does after reading it. Returns its metadata.",
                        hints(false, false, true),
                        operations,
                        List.of(SLUG_TO_READ),
                        (ops, args) -> success(metadata(ops.markRead(args.string("slug"))))),
                tool(MARK_UNREAD, "Mark a document unread",
                        "Mark a document as unread, so it shows up again as waiting for the operator. Returns"
                                + " its metadata.",
                        hints(false, false, true),
                        operations,
                        List.of(SLUG_TO_READ),
                        (ops, args) -> success(metadata(ops.markUnread(args.string("slug"))))));
    }

    private static SyncToolSpecification tool(String name, String title, String description,
                                              ToolAnnotations annotations,
                                              Function<McpTransportContext, DocumentOperations> operations,
                                              List<Param> params, ToolBody body) {
        McpSchema.Tool tool = McpSchema.Tool.builder(name, inputSchema(params))
                .title(title)
                .description(description)
                .annotations(annotations)
                .build();
        return SyncToolSpecification.builder()
                .tool(tool)
                .callHandler((exchange, request) -> {
                    try {
                        DocumentOperations ops = operations.apply(exchange.transportContext());
                        admit(McpAccessTable.TOOLS, name, ops);
                        ToolArguments arguments = ToolArguments.of(name, request.arguments(), params);
                        return body.call(ops, arguments);
                    } catch (ServiceException e) {
                        return failure(e);
                    } catch (RuntimeException e) {
                        log.error("MCP tool {} failed", name, e);
                        return error("MCQ had an internal error while running " + name
                                + "; try again, and tell the operator if it keeps happening.");
                    }
                })
                .build();
    }

    /** Refuses a tool missing from the access table, or one whose rule the caller does not meet. */
    static void admit(AccessTable<String> table, String tool, DocumentOperations operations) {
        Access access = table.lookup(tool).orElseThrow(() -> new ServiceException(
                ServiceException.Kind.PERMISSION_DENIED, "the tool " + tool + " has no access rule"));
        operations.admit(access);
    }

    private static Map<String, Object> inputSchema(List<Param> params) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Param param : params) {
            properties.put(param.name(), Map.of("type", param.type(), "description", param.description()));
            if (param.required()) {
                required.add(param.name());
            }
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }

    private static ToolAnnotations hints(boolean readOnly, boolean destructive, boolean idempotent) {
        return ToolAnnotations.builder()
                .readOnlyHint(readOnly)
                .destructiveHint(destructive)
                .idempotentHint(idempotent)
                .openWorldHint(false)
                .build();
    }

    private static CallToolResult pushed(PutResult result) {
        Map<String, Object> metadata = metadata(result.document());
        metadata.put("created", result.created());
        metadata.put("changed", result.changed());
        return success(metadata);
    }

    private static CallToolResult listed(List<DocumentSummary> queue, boolean unreadOnly) {
        List<Map<String, Object>> documents = new ArrayList<>();
        int unread = 0;
        for (DocumentSummary summary : queue) {
            if (!summary.read()) {
                unread++;
            }
            if (!unreadOnly || !summary.read()) {
                documents.add(fields(DocumentSummaryView.of(summary)));
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("documents", documents);
        result.put("count", documents.size());
        result.put("unread", unread);
        return success(result);
    }

    private static CallToolResult fetched(Document document) {
        Map<String, Object> metadata = metadata(document);
        return CallToolResult.builder()
                .addTextContent(json(metadata))
                .addTextContent(document.body())
                .structuredContent(metadata)
                .isError(false)
                .build();
    }

    /** A document without its body: the shared view's metadata form. */
    private static Map<String, Object> metadata(Document document) {
        return fields(DocumentView.of(document).metadata());
    }

    /**
     * A view as an ordered map, encoded by the REST mapper, so structured
     * content, its text and REST carry the same names and values.
     */
    private static Map<String, Object> fields(Object view) {
        return Json.MAPPER.convertValue(view, FIELD_MAP);
    }

    private static CallToolResult success(Map<String, Object> result) {
        return CallToolResult.builder()
                .addTextContent(json(result))
                .structuredContent(result)
                .isError(false)
                .build();
    }

    /** The service's message, plus what the model can do about it. */
    static CallToolResult failure(ServiceException e) {
        String hint = switch (e.kind()) {
            case NOT_FOUND -> " Call list_documents to see the slugs in the queue.";
            case UNAUTHENTICATED -> " MCQ did not accept this connection's token; the operator has to provide"
                    + " a valid one. Retrying will not help.";
            case PERMISSION_DENIED -> " This account may not do that.";
            case TOO_LARGE -> " Shorten the document or split it into several documents.";
            case UNAVAILABLE -> " This is usually temporary; try again in a moment.";
            case RATE_LIMITED -> " Wait as long as the message says, then try again.";
            case INVALID_INPUT -> "";
        };
        String message = e.getMessage();
        return error(hint.isEmpty() || message.endsWith(".") ? message + hint : message + "." + hint);
    }

    private static CallToolResult error(String message) {
        return CallToolResult.builder().addTextContent(message).isError(true).build();
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a tool result", e);
        }
    }

    @FunctionalInterface
    private interface ToolBody {
        CallToolResult call(DocumentOperations operations, ToolArguments arguments);
    }
}
