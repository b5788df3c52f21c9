package net.metacircular.mcq.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.spec.McpLoggableSession;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import net.metacircular.mcq.auth.Caller;
import net.metacircular.mcq.http.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Set;

/**
 * Serves the long tool calls (wait_for_feedback) without a request thread.
 *
 * <p>The SDK's servlet transport answers a {@code tools/call} on an async
 * request but then blocks the request thread until the tool's result is
 * written. For a quick tool that is harmless; a wait of up to five minutes
 * would hold one of the listener's threads per waiting agent, and Java 17
 * has no virtual threads to make that cheap. So {@link McpAccessFilter}
 * hands these calls here, after its checks (token, message size, a live
 * session of this caller): the request goes async, the same tool
 * specification runs, its progress notifications and its result are written
 * as server-sent events, as the SDK would, and the request thread returns at
 * once. Every other message still goes to the SDK.
 */
final class DetachedToolCalls {

    private static final Logger log = LoggerFactory.getLogger(DetachedToolCalls.class);
    /** The SDK's own mapper for the SDK's message types, so they are written exactly as the SDK writes them. */
    private static final McpJsonMapper MCP_JSON = McpJsonDefaults.getMapper();

    private final Map<String, AsyncToolSpecification> tools;

    DetachedToolCalls(Map<String, AsyncToolSpecification> tools) {
        this.tools = Map.copyOf(tools);
    }

    /** The long tools served here. */
    static final Set<String> NAMES = Set.of(McqTools.WAIT_FOR_FEEDBACK);

    /** The tool a {@code tools/call} message names, when it is served here; null otherwise. */
    AsyncToolSpecification toolFor(McpMessage message) {
        if (!"tools/call".equals(message.method()) || message.id() == null) {
            return null;
        }
        try {
            JsonNode name = Json.MAPPER.readTree(message.body()).path("params").path("name");
            return name.isTextual() ? tools.get(name.textValue()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    void serve(AsyncToolSpecification tool, McpMessage message, String sessionId, Caller caller,
               HttpServletRequest request, HttpServletResponse response) throws IOException {
        McpSchema.JSONRPCRequest rpc = MCP_JSON.readValue(message.body(), McpSchema.JSONRPCRequest.class);
        CallToolRequest call = MCP_JSON.convertValue(rpc.params(), CallToolRequest.class);
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        Events events = new Events(response.getWriter(), rpc.id(), async);
        McpAsyncServerExchange exchange = new McpAsyncServerExchange(sessionId, events, null, null,
                McpTransportContext.create(Map.of(McpSurface.CALLER_KEY, caller)));
        Disposable running = tool.callHandler().apply(exchange, call)
                .subscribe(events::result, events::failed);
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                running.dispose();
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                running.dispose();
            }

            @Override
            public void onError(AsyncEvent event) {
                // The client went away: the wait is cancelled, nothing is left behind.
                running.dispose();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
    }

    /** The event stream of one call: notifications, then the response, then the end. */
    private static final class Events implements McpLoggableSession {
        private final PrintWriter out;
        private final Object id;
        private final AsyncContext async;
        private boolean done;

        Events(PrintWriter out, Object id, AsyncContext async) {
            this.out = out;
            this.id = id;
            this.async = async;
        }

        void result(CallToolResult result) {
            finish(new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, id, result, null));
        }

        void failed(Throwable failure) {
            // The tool turns every failure into a tool error; this is a bug, reported without details.
            log.error("MCP tool call failed", failure);
            finish(new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, id, null,
                    new McpSchema.JSONRPCResponse.JSONRPCError(McpSchema.ErrorCodes.INTERNAL_ERROR, "internal error")));
        }

        private synchronized void finish(McpSchema.JSONRPCMessage message) {
            if (done) {
                return;
            }
            done = true;
            write(message);
            async.complete();
        }

        private synchronized void write(McpSchema.JSONRPCMessage message) {
            try {
                out.write("event: message\ndata: " + MCP_JSON.writeValueAsString(message) + "\n\n");
            } catch (IOException e) {
                throw new IllegalStateException("cannot encode an MCP message", e);
            }
            out.flush();
        }

        @Override
        public synchronized Mono<Void> sendNotification(String method, Object params) {
            if (!done) {
                write(new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION, method, params));
            }
            return Mono.empty();
        }

        @Override
        public <T> Mono<T> sendRequest(String method, Object params, TypeRef<T> type) {
            return Mono.error(new UnsupportedOperationException("no requests to the client during " + method));
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }

        @Override
        public void close() {
        }

        @Override
        public void setMinLoggingLevel(McpSchema.LoggingLevel level) {
        }

        @Override
        public boolean isNotificationForLevelAllowed(McpSchema.LoggingLevel level) {
            return true;
        }
    }
}
