package net.metacircular.mcq.mcp;

import net.metacircular.mcq.search.SearchService;
import net.metacircular.mcq.attachments.AttachmentService;
import io.javalin.config.JavalinConfig;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.auth.AuthService;
import net.metacircular.mcq.auth.Caller;
import net.metacircular.mcq.documents.DocumentService;
import net.metacircular.mcq.reviews.ReviewService;
import net.metacircular.mcq.http.Callers;
import net.metacircular.mcq.http.HttpSurface;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * MCP over Streamable HTTP at {@value #PATH} on the main listener, for AI
 * agents that connect over the network with a bearer token.
 *
 * <p>The MCP SDK's transport is a servlet, mounted next to Javalin's in the
 * same Jetty context. {@link McpAccessFilter} authenticates every request
 * before the SDK sees it and leaves the {@link Caller} in a request
 * attribute; the transport's context extractor passes it on to the tools,
 * which act as that caller through {@link DocumentService}. The filter also
 * bounds what the SDK holds: message sizes and sessions ({@link McpLimits}).
 */
public final class McpSurface implements HttpSurface {

    public static final String PATH = "/mcp";
    /** The transport-context key under which tools find the {@link Caller}. */
    static final String CALLER_KEY = "mcq.caller";

    private final DocumentService documents;
    /** Comments, verdicts and feedback (spec §15), for the review tools. */
    private final ReviewService reviews;
    /** Files that push_document carries. */
    private final AttachmentService attachments;
    private final SearchService search;
    private final AuthService auth;
    private final McpLimits limits;
    private final HttpServletStreamableServerTransportProvider transport;
    private final McpSessions sessions;
    private final DetachedToolCalls detached;

    /**
     * @param maxRequestBytes the push limit ({@code [limits] max_request_bytes},
     *                        which already has room for an envelope around the
     *                        largest document); a {@code tools/call} may be this
     *                        large, any other message at most {@link McpLimits#MAX_MESSAGE_BYTES}
     */
    public McpSurface(DocumentService documents, ReviewService reviews, AttachmentService attachments,
                      SearchService search, AuthService auth, long maxRequestBytes) {
        this(documents, reviews, attachments, search, auth, McpLimits.defaults((int) Math.min(maxRequestBytes, Integer.MAX_VALUE - 8)),
                Clock.systemUTC());
    }

    McpSurface(DocumentService documents, ReviewService reviews, AttachmentService attachments, SearchService search,
               AuthService auth, McpLimits limits, Clock clock) {
        this(documents, reviews, attachments, search, auth, limits, clock, McqTools.PROGRESS_INTERVAL);
    }

    /** @param progressInterval how often wait_for_feedback sends progress; short in tests */
    McpSurface(DocumentService documents, ReviewService reviews, AttachmentService attachments, SearchService search,
               AuthService auth, McpLimits limits, Clock clock, java.time.Duration progressInterval) {
        this.documents = documents;
        this.search = search;
        this.attachments = attachments;
        this.reviews = reviews;
        this.auth = auth;
        this.limits = limits;
        this.transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint(PATH)
                .maxRequestSize(limits.maxToolCallBytes())
                .contextExtractor(request -> {
                    Object caller = request.getAttribute(Callers.ATTRIBUTE);
                    return caller == null ? McpTransportContext.EMPTY
                            : McpTransportContext.create(Map.of(CALLER_KEY, caller));
                })
                .build();
        List<AsyncToolSpecification> tools = McqTools.specifications(this::operationsFor, progressInterval);
        McqTools.buildServer(McpServer.async(transport), tools);
        this.detached = new DetachedToolCalls(tools.stream()
                .filter(tool -> DetachedToolCalls.NAMES.contains(tool.tool().name()))
                .collect(java.util.stream.Collectors.toMap(tool -> tool.tool().name(), tool -> tool)));
        this.sessions = new McpSessions(limits, clock, new SdkSessionCloser(transport, PATH));
        auth.addLogoutListener(sessions::tokenSignedOut);
    }

    @Override
    public void register(JavalinConfig config) {
        config.jetty.modifyServletContextHandler(handler -> {
            ServletHolder servlet = new ServletHolder("mcp", transport);
            // The transport answers tool calls as server-sent events on an async request.
            servlet.setAsyncSupported(true);
            handler.addServlet(servlet, PATH);
            FilterHolder filter = new FilterHolder(new McpAccessFilter(auth, limits, sessions, detached));
            filter.setName("mcp-access");
            filter.setAsyncSupported(true);
            handler.addFilter(filter, PATH, EnumSet.of(DispatcherType.REQUEST));
            handler.addEventListener(new ServletContextListener() {
                @Override
                public void contextDestroyed(ServletContextEvent event) {
                    sessions.close();
                }
            });
        });
    }

    /** The sessions kept, for tests. */
    McpSessions sessions() {
        return sessions;
    }

    /** The SDK's transport, for tests that look at what it holds. */
    HttpServletStreamableServerTransportProvider transport() {
        return transport;
    }

    private DocumentOperations operationsFor(McpTransportContext context) {
        if (!(context.get(CALLER_KEY) instanceof Caller caller)) {
            // The filter authenticates every request first, so this means a wiring mistake.
            throw new ServiceException(ServiceException.Kind.UNAUTHENTICATED, "this MCP request is not authenticated");
        }
        return new ServiceDocumentOperations(documents, reviews, attachments, search, caller);
    }
}
