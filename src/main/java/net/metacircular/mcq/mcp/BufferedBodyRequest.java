package net.metacircular.mcq.mcp;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A request whose body has been read already, within a limit, and is served
 * again from memory to the MCP SDK's servlet.
 */
final class BufferedBodyRequest extends HttpServletRequestWrapper {

    private final byte[] body;

    BufferedBodyRequest(HttpServletRequest request, byte[] body) {
        super(request);
        this.body = body;
    }

    /**
     * Reads the body of {@code request}, refusing it with 413 as soon as it
     * is longer than {@code maxBytes}: by its Content-Length before reading
     * anything, or while reading when it is sent without one.
     */
    static byte[] readBody(HttpServletRequest request, int maxBytes) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(declared + " bytes", maxBytes);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
        byte[] chunk = new byte[16 * 1024];
        try (InputStream in = request.getInputStream()) {
            for (int n; (n = in.read(chunk)) != -1; ) {
                if (out.size() + n > maxBytes) {
                    throw tooLarge("more than " + maxBytes + " bytes", maxBytes);
                }
                out.write(chunk, 0, n);
            }
        }
        return out.toByteArray();
    }

    private static JsonRpcRefusal tooLarge(String size, int maxBytes) {
        return new JsonRpcRefusal(413, null, JsonRpcRefusal.INVALID_REQUEST,
                "message too large: " + size + "; the limit is " + maxBytes + " bytes");
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return in.read(buffer, offset, length);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new IllegalStateException("the body has been read already");
            }
        };
    }

    @Override
    public BufferedReader getReader() {
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
    }
}
