package net.metacircular.mcq.mcp;

import net.metacircular.mcq.search.SearchService;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
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
import net.metacircular.mcq.documents.Revision;
import net.metacircular.mcq.http.Access;
import net.metacircular.mcq.http.AccessTable;
import net.metacircular.mcq.http.Json;
import net.metacircular.mcq.reviews.ReviewService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The eleven MCP tools, defined once for both transports: the Streamable HTTP
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
 * {@link DocumentSummaryView}, the same fields REST and gRPC carry. Revisions and
 * diffs have the same fields as their REST answers.
 */
public final class McqTools {

    public static final String PUSH_DOCUMENT = "push_document";
    public static final String LIST_DOCUMENTS = "list_documents";
    public static final String SEARCH_DOCUMENTS = "search_documents";
    public static final String GET_DOCUMENT = "get_document";
    public static final String DELETE_DOCUMENT = "delete_document";
    public static final String MARK_READ = "mark_read";
    public static final String MARK_UNREAD = "mark_unread";
    public static final String LIST_REVISIONS = "list_revisions";
    public static final String DIFF_REVISIONS = "diff_revisions";
    public static final String GET_FEEDBACK = "get_feedback";
    public static final String WAIT_FOR_FEEDBACK = "wait_for_feedback";
    public static final String REPLY_TO_COMMENT = "reply_to_comment";
    public static final String RESOLVE_COMMENT = "resolve_comment";
    public static final String REVIEW_DOCUMENT = "review_document";

    /** How often wait_for_feedback tells a client that asked for progress that it is still waiting. */
    public static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);

    static final String INSTRUCTIONS = """
            MCQ is a review queue. Push a Markdown document with push_document when you want a person \
            (the operator) to read something: a report, a plan, a design, a summary of your work. The \
            operator reads documents rendered in a browser and marks them read. Re-pushing the same slug \
            replaces the document and puts it back in the queue as unread, so use one stable slug per \
            piece of work and push again for each revision. Use list_documents and get_document to see \
            what is queued and whether the operator has read it. MCQ keeps earlier revisions: \
            list_revisions shows a document's history, get_document with a revision fetches an old one, \
            and diff_revisions shows what changed, by default since the revision the caller last read.

            The operator reviews what you push: comments on passages (remarks, suggested replacements, \
            requests to delete), general comments, and a verdict on each revision, approve or request \
            changes. When your work depends on that review, follow this loop:
            1. push_document with your plan or report; note the revision it returns.
            2. wait_for_feedback with the slug and that revision. It returns as soon as the operator gives \
            a verdict; if it returns with pending true, nobody has decided yet: call it again.
            3. Read the feedback Markdown: the verdict and summary first, then numbered points, each with \
            the quoted passage, its lines, its kind and any replacement text.
            4. If changes were requested, act on every point. Use reply_to_comment (comment_id from the \
            feedback) to answer a point you did not follow or need to explain.
            5. push_document again under the same slug with the revised document, then wait_for_feedback \
            on the new revision.
            Status approved means the operator agrees: go on with the work. Use get_feedback to read a \
            review without waiting.""";

    private static final Logger log = LoggerFactory.getLogger(McqTools.class);
    private static final TypeReference<LinkedHashMap<String, Object>> FIELD_MAP = new TypeReference<>() {
    };

    private static final Param SLUG = Param.string("slug", DocumentRules.SLUG_RULE
            + ". Use a stable, descriptive slug (e.g. \"release-notes-2.4\") and reuse it for revisions.");
    private static final Param SLUG_TO_READ = Param.string("slug",
            "The document's slug, as shown by list_documents (" + DocumentRules.SLUG_RULE + ").");

    private static final Param REVISION = Param.optionalInteger("revision",
            "Optional. An earlier revision number (1, 2, ...) from list_revisions; omit it for the current"
                    + " document.");

    private McqTools() {
    }

    /**
     * Builds an MCP server offering the tools on the transport behind {@code spec}.
     *
     * <p>The server is the SDK's asynchronous one, so that wait_for_feedback
     * can wait for a person for minutes without a thread: its result is a
     * {@link Mono} over {@link ReviewService#waitForFeedback}'s future, and
     * its progress notifications are ticks on Reactor's shared timer. A
     * synchronous server would run every tool on a pooled thread for as long
     * as the tool takes, so 200 waiting agents would hold 200 threads. The
     * other tools are quick and blocking (SQLite); they run on Reactor's
     * bounded elastic pool, exactly as the synchronous server ran them.
     */
    public static <S extends McpServer.AsyncSpecification<S>> McpAsyncServer buildServer(
            McpServer.AsyncSpecification<S> spec, Function<McpTransportContext, DocumentOperations> operations) {
        return buildServer(spec, operations, PROGRESS_INTERVAL);
    }

    /** @param progressInterval how often wait_for_feedback sends progress; short in tests */
    static <S extends McpServer.AsyncSpecification<S>> McpAsyncServer buildServer(
            McpServer.AsyncSpecification<S> spec, Function<McpTransportContext, DocumentOperations> operations,
            Duration progressInterval) {
        return buildServer(spec, specifications(operations, progressInterval));
    }

    /** The server with these tool specifications (the HTTP surface also serves some of them itself). */
    static <S extends McpServer.AsyncSpecification<S>> McpAsyncServer buildServer(
            McpServer.AsyncSpecification<S> spec, List<AsyncToolSpecification> tools) {
        return spec.serverInfo("mcq", Version.current())
                .instructions(INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                // The arguments are checked by ToolArguments and the service's rules instead of the
                // SDK's schema validator, so a model gets MCQ's messages (which say how to fix the
                // input) and the same answer as from REST.
                .validateToolInputs(false)
                .tools(tools)
                .build();
    }

    /**
     * @param operations the queue as seen by the caller of one tool call; the
     *                   HTTP transport finds the caller in the transport context
     */
    public static List<AsyncToolSpecification> specifications(
            Function<McpTransportContext, DocumentOperations> operations) {
        return specifications(operations, PROGRESS_INTERVAL);
    }

    static List<AsyncToolSpecification> specifications(
            Function<McpTransportContext, DocumentOperations> operations, Duration progressInterval) {
        return List.of(
                tool(PUSH_DOCUMENT, "Push a document for review",
                        "Put a Markdown document in the operator's review queue under a slug. If a document with"
                                + " this slug already exists it is replaced (title and body) and becomes unread"
                                + " again, so re-pushing is how you submit a revision. The body is stored exactly"
                                + " as given. Returns the stored document's metadata, including its revision,"
                                + " web_path, the path of the page where the operator reads it, and web_url, its"
                                + " full address (null when the server has no public address configured).",
                        hints(false, true, false),
                        operations,
                        List.of(SLUG,
                                Param.string("title", "A one-line title for the queue, 1-"
                                        + DocumentRules.MAX_TITLE_LENGTH + " characters, no line breaks."),
                                Param.string("body", "The document in Markdown (CommonMark with GitHub tables,"
                                        + " task lists, footnotes and strikethrough). May be empty."),
                                Param.optionalArray("files", McpFiles.DESCRIPTION, McpFiles.ITEM_SCHEMA)),
                        (ops, args) -> {
                            List<McpFiles.File> files = McpFiles.parse(args.list("files"));
                            PutResult result = ops.push(args.string("slug"), args.string("title"),
                                    args.string("body"));
                            return pushed(result, uploaded(ops, result.document().slug(), files));
                        }),
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
                tool(SEARCH_DOCUMENTS, "Search the review queue",
                        "Full-text search over the documents' titles, bodies and comments, best match first."
                                + " The query takes words (all must match), \"exact phrases\", prefixes (revis*)"
                                + " and filters: is:unread, is:read, status:pending, status:approved,"
                                + " status:changes_requested, by:USER (who pushed). Filters alone list the"
                                + " matching queue entries. The result has total and, per page of "
                                + SearchService.PAGE_SIZE + ", hits: each a queue entry (as list_documents gives)"
                                + " with a snippet of plain text and the [start, end) character ranges of the"
                                + " matched words in it.",
                        hints(true, false, true),
                        operations,
                        List.of(Param.string("query", "What to find, e.g. \"retry policy\" status:pending"),
                                Param.optionalInteger("page", "Page of results, from 1. Default 1.")),
                        (ops, args) -> {
                            Long page = args.optionalLong("page");
                            return success(fields(ops.search(args.string("query"),
                                    page == null ? 1 : (int) Math.max(Integer.MIN_VALUE,
                                            Math.min(Integer.MAX_VALUE, page)))));
                        }),
                tool(GET_DOCUMENT, "Read a document",
                        "Fetch one document from the queue. The first text item is its metadata as JSON (slug,"
                                + " title, pushed_by, pushed_at, read, read_at, created_at, revision, web_path,"
                                + " body_sha256, read_revision, readers); the second is the Markdown body exactly"
                                + " as it was pushed. read_revision is the revision this account last marked read:"
                                + " older than revision means the document changed since, and diff_revisions shows"
                                + " how; readers lists who has read which revision. With"
                                + " revision, fetch that earlier revision instead: its metadata (slug, number,"
                                + " title, pushed_by, pushed_at, body_sha256, body_bytes) and its body.",
                        hints(true, false, true),
                        operations,
                        List.of(SLUG_TO_READ, REVISION),
                        (ops, args) -> {
                            Long revision = args.optionalLong("revision");
                            String slug = args.string("slug");
                            return revision == null ? fetched(ops.get(slug))
                                    : fetched(slug, ops.revision(slug, revision));
                        }),
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
                        (ops, args) -> success(metadata(ops.markUnread(args.string("slug"))))),
                tool(LIST_REVISIONS, "List a document's revisions",
                        "List the kept revisions of one document, newest first, without bodies. Each entry has"
                                + " number, title, pushed_by, pushed_at, body_sha256, body_bytes and size_change"
                                + " (bytes gained or lost since the revision before). Use it to see how a document"
                                + " evolved, or to pick revision numbers for diff_revisions or get_document.",
                        hints(true, false, true),
                        operations,
                        List.of(SLUG_TO_READ),
                        (ops, args) -> {
                            Map<String, Object> result = new LinkedHashMap<>();
                            result.put("slug", args.string("slug"));
                            result.put("revisions", fields(ops.revisions(args.string("slug"))));
                            return success(result);
                        }),
                tool(DIFF_REVISIONS, "Show what changed between revisions",
                        "Show what changed in a document between two revisions, as a unified diff of the"
                                + " Markdown bodies. Use it to see what changed since the reviewer last read a"
                                + " document (call it with just the slug), or to check what a re-push changed,"
                                + " instead of reading the whole document again. Without from, it compares from"
                                + " the revision this account last marked read (or else the one before the"
                                + " current); without to, up to the current revision. Returns slug, from, to,"
                                + " unified (empty when the bodies are equal), lines_added and lines_removed.",
                        hints(true, false, true),
                        operations,
                        List.of(SLUG_TO_READ,
                                Param.optionalInteger("from", "The older revision number. Default: the revision"
                                        + " you last marked read, or else the one before the current."),
                                Param.optionalInteger("to", "The newer revision number. Default: the current"
                                        + " revision.")),
                        (ops, args) -> success(fields(ops.diff(args.string("slug"), args.optionalLong("from"),
                                args.optionalLong("to"))))),
                tool(GET_FEEDBACK, "Read the review of a revision",
                        "Read the operator's review of a document you pushed, without waiting: status (pending,"
                                + " approved or changes_requested), the verdict with its summary, and the comments"
                                + " to act on. The first text item is the review as Markdown (verdict first, then"
                                + " numbered points with the quoted passage, its lines, kind, text and any"
                                + " replacement); the second is the same as JSON (slug, revision, current_revision,"
                                + " status, verdict, comments, pending, markdown).",
                        hints(true, false, true),
                        operations,
                        List.of(SLUG_TO_READ, FEEDBACK_REVISION),
                        (ops, args) -> feedback(ops.feedback(args.string("slug"), args.optionalLong("revision")))),
                asyncTool(WAIT_FOR_FEEDBACK, "Wait for the operator's verdict",
                        "Wait until the operator approves or requests changes on a revision you pushed, then"
                                + " return the review exactly as get_feedback does. Call it right after"
                                + " push_document with the revision that returned. If the wait ends first, the"
                                + " result has pending true and status pending: call wait_for_feedback again."
                                + " While waiting, progress notifications are sent about every "
                                + progressInterval.toSeconds() + " seconds if the request carries a progressToken.",
                        hints(true, false, true),
                        operations,
                        List.of(SLUG_TO_READ, FEEDBACK_REVISION,
                                Param.optionalInteger("timeout_seconds", "Optional. How long to wait, 1-"
                                        + ReviewService.MAX_WAIT.toSeconds() + " seconds; default "
                                        + ReviewService.DEFAULT_WAIT.toSeconds() + ".")),
                        (ops, args, exchange, request) -> waitForFeedback(ops, args, exchange, request,
                                progressInterval)),
                tool(REPLY_TO_COMMENT, "Reply to a review comment",
                        "Answer one of the operator's comments, in its thread: explain a choice, ask a"
                                + " question, or say how you addressed it. comment_id is a comment's id from"
                                + " get_feedback or wait_for_feedback. Returns the reply (id, author, text,"
                                + " created_at). Fixing the document itself is done by pushing a new revision.",
                        hints(false, false, false),
                        operations,
                        List.of(SLUG_TO_READ,
                                Param.integer("comment_id", "The comment's id, from the feedback's comments."),
                                Param.string("text", "Your reply, in Markdown.")),
                        (ops, args) -> success(ops.reply(args.string("slug"), args.longValue("comment_id"),
                                args.string("text")))),
                tool(RESOLVE_COMMENT, "Resolve a review comment (people only)",
                        "Mark one comment resolved, for a person reviewing through an assistant. An agent"
                                + " (a system account) may not resolve a reviewer's comment: the call is refused;"
                                + " reply_to_comment and a new revision are how an agent answers a point.",
                        hints(false, false, true),
                        operations,
                        List.of(SLUG_TO_READ,
                                Param.integer("comment_id", "The comment's id, from the feedback's comments.")),
                        (ops, args) -> success(ops.resolve(args.string("slug"), args.longValue("comment_id")))),
                tool(REVIEW_DOCUMENT, "Approve or request changes (people only)",
                        "Give the verdict on a document's current revision, for a person reviewing through an"
                                + " assistant: verdict approve or request_changes, with an optional summary. An"
                                + " agent (a system account) may never give a verdict: the call is refused.",
                        hints(false, false, false),
                        operations,
                        List.of(SLUG_TO_READ,
                                Param.string("verdict", "approve or request_changes."),
                                Param.optionalString("summary", "Optional. A summary for the author."),
                                Param.optionalInteger("revision", "Optional. The revision you read; the verdict"
                                        + " is refused if it is no longer the current one.")),
                        (ops, args) -> success(ops.review(args.string("slug"), args.optionalLong("revision"),
                                args.string("verdict"), args.string("summary")))));
    }

    private static final Param FEEDBACK_REVISION = Param.optionalInteger("revision",
            "Optional. The revision whose review you want: the one push_document returned. Omit it for the"
                    + " current revision.");

    /**
     * The wait as a {@link Mono} over the service's future: no thread is held
     * until a verdict or the timeout completes it. Progress ticks run on
     * Reactor's shared timer for as long as the wait lasts.
     */
    private static Mono<CallToolResult> waitForFeedback(DocumentOperations ops, ToolArguments args,
                                                        McpAsyncServerExchange exchange, CallToolRequest request,
                                                        Duration progressInterval) {
        Long seconds = args.optionalLong("timeout_seconds");
        if (seconds != null && (seconds < 1 || seconds > ReviewService.MAX_WAIT.toSeconds())) {
            throw ServiceException.invalid("timeout_seconds must be between 1 and "
                    + ReviewService.MAX_WAIT.toSeconds());
        }
        Mono<CallToolResult> result = Mono.fromFuture(() -> ops.waitForFeedback(args.string("slug"),
                        args.optionalLong("revision"), seconds == null ? null : Duration.ofSeconds(seconds)))
                .map(McqTools::feedback);
        Object token = request.meta() == null ? null : request.meta().get("progressToken");
        if (token == null) {
            return result;
        }
        long started = System.nanoTime();
        return Mono.using(
                () -> Flux.interval(progressInterval, progressInterval)
                        .concatMap(tick -> exchange.progressNotification(McpSchema.ProgressNotification
                                        .builder(token, (double) Duration.ofNanos(System.nanoTime() - started).toSeconds())
                                        .message("waiting for the operator's verdict").build())
                                .onErrorResume(e -> Mono.empty()))
                        .subscribe(),
                ticking -> result,
                Disposable::dispose);
    }

    /** A tool that answers at once; its blocking body runs on the bounded elastic pool. */
    private static AsyncToolSpecification tool(String name, String title, String description,
                                               ToolAnnotations annotations,
                                               Function<McpTransportContext, DocumentOperations> operations,
                                               List<Param> params, ToolBody body) {
        return asyncTool(name, title, description, annotations, operations, params,
                (ops, args, exchange, request) -> Mono.fromCallable(() -> body.call(ops, args))
                        .subscribeOn(Schedulers.boundedElastic()));
    }

    private static AsyncToolSpecification asyncTool(String name, String title, String description,
                                                    ToolAnnotations annotations,
                                                    Function<McpTransportContext, DocumentOperations> operations,
                                                    List<Param> params, AsyncToolBody body) {
        McpSchema.Tool tool = McpSchema.Tool.builder(name, inputSchema(params))
                .title(title)
                .description(description)
                .annotations(annotations)
                .build();
        return AsyncToolSpecification.builder()
                .tool(tool)
                .callHandler((exchange, request) -> {
                    Mono<CallToolResult> call;
                    try {
                        DocumentOperations ops = operations.apply(exchange.transportContext());
                        admit(McpAccessTable.TOOLS, name, ops);
                        ToolArguments arguments = ToolArguments.of(name, request.arguments(), params);
                        call = body.call(ops, arguments, exchange, request);
                    } catch (RuntimeException e) {
                        call = Mono.error(e);
                    }
                    return call.onErrorResume(e -> Mono.just(failure(name, e)));
                })
                .build();
    }

    /** A failure as a tool error: the service's message for a model, or a generic one for a bug. */
    private static CallToolResult failure(String tool, Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                ? e.getCause() : e;
        if (cause instanceof ServiceException service) {
            return failure(service);
        }
        log.error("MCP tool {} failed", tool, cause);
        return error("MCQ had an internal error while running " + tool
                + "; try again, and tell the operator if it keeps happening.");
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
            Map<String, Object> property = new LinkedHashMap<>();
            property.put("type", param.type());
            property.put("description", param.description());
            if (param.items() != null) {
                property.put("items", param.items());
            }
            properties.put(param.name(), property);
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

    private static CallToolResult pushed(PutResult result, List<Map<String, Object>> files) {
        Map<String, Object> metadata = metadata(result.document());
        metadata.put("created", result.created());
        metadata.put("changed", result.changed());
        metadata.put("web_url", result.webUrl());
        if (!files.isEmpty()) {
            metadata.put("files", files);
        }
        return success(metadata);
    }

    /** Uploads the checked files after the push; a refusal now (the document's total) names what was stored. */
    private static List<Map<String, Object>> uploaded(DocumentOperations ops, String slug, List<McpFiles.File> files) {
        List<Map<String, Object>> stored = new ArrayList<>();
        for (McpFiles.File file : files) {
            try {
                boolean created = ops.putFile(slug, file.name(), file.type().mediaType(), file.content());
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", file.name());
                entry.put("media_type", file.type().mediaType());
                entry.put("size", file.content().length);
                entry.put("created", created);
                stored.add(entry);
            } catch (ServiceException e) {
                throw new ServiceException(e.kind(), "the document was pushed"
                        + (stored.isEmpty() ? "" : " with " + stored.size() + " of its files") + ", but the file \""
                        + file.name() + "\" was refused: " + e.getMessage());
            }
        }
        return stored;
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

    /** A revision's metadata and body, as the REST answer names them, with the slug it belongs to. */
    private static CallToolResult fetched(String slug, Revision revision) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("slug", slug);
        metadata.putAll(fields(revision));
        metadata.remove("body");
        metadata.put("web_path", DocumentView.webPath(slug));
        return CallToolResult.builder()
                .addTextContent(json(metadata))
                .addTextContent(revision.body())
                .structuredContent(metadata)
                .isError(false)
                .build();
    }

    /** The review as Markdown for the model, then as JSON, with the JSON as structured content. */
    private static CallToolResult feedback(FeedbackResult feedback) {
        return CallToolResult.builder()
                .addTextContent(feedback.markdown())
                .addTextContent(json(feedback.fields()))
                .structuredContent(feedback.fields())
                .isError(false)
                .build();
    }

    private static List<Map<String, Object>> fields(List<?> records) {
        return records.stream().map(McqTools::fields).toList();
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
            case UNSUPPORTED_TYPE -> " Attach only PNG, JPEG, GIF, WebP or SVG images, named with their own extension.";
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

    @FunctionalInterface
    private interface AsyncToolBody {
        Mono<CallToolResult> call(DocumentOperations operations, ToolArguments arguments,
                                  McpAsyncServerExchange exchange, CallToolRequest request);
    }
}
