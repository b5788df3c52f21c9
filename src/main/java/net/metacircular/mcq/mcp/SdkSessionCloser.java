package net.metacircular.mcq.mcp;

import io.modelcontextprotocol.spec.HttpHeaders;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Ends a session in the MCP SDK's transport the one way its public API
 * offers: an HTTP {@code DELETE} with the session id, which makes the SDK
 * close the session's streams and drop it from its session map. The request
 * is made in memory, straight to the servlet, without the network; the
 * request attributes carry the caller the SDK's context extractor expects.
 */
final class SdkSessionCloser implements Consumer<String> {

    private final HttpServlet transport;
    private final String path;

    SdkSessionCloser(HttpServlet transport, String path) {
        this.transport = transport;
        this.path = path;
    }

    @Override
    public void accept(String sessionId) {
        Map<String, String> headers = Map.of(HttpHeaders.MCP_SESSION_ID.toLowerCase(Locale.ROOT), sessionId);
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getMethod" -> "DELETE";
                    case "getRequestURI", "getServletPath" -> path;
                    case "getProtocol" -> "HTTP/1.1";
                    case "getHeader" -> headers.get(((String) args[0]).toLowerCase(Locale.ROOT));
                    case "getHeaders" -> Collections.enumeration(
                            headers.containsKey(((String) args[0]).toLowerCase(Locale.ROOT))
                                    ? List.of(headers.get(((String) args[0]).toLowerCase(Locale.ROOT))) : List.of());
                    case "getHeaderNames" -> Collections.enumeration(headers.keySet());
                    case "getDispatcherType" -> jakarta.servlet.DispatcherType.REQUEST;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "DELETE " + path;
                    default -> defaultValue(method.getReturnType());
                });
        PrintWriter discard = new PrintWriter(new StringWriter());
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getWriter" -> discard;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "response to DELETE " + path;
                    default -> defaultValue(method.getReturnType());
                });
        try {
            transport.service(request, response);
        } catch (Exception e) {
            throw new IllegalStateException("the MCP transport did not end a session: " + e.getMessage(), e);
        }
    }

    /** What an unused method of the in-memory request or response answers. */
    private static Object defaultValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }
}
