package net.metacircular.mcq.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import net.metacircular.mcq.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;

/**
 * {@code mcq mcp}: MCP on standard input and output for agents that launch a
 * local command. The tools are the same as on {@code /mcp}; they forward to a
 * running MCQ over its REST API with the client's token. Standard output is
 * the protocol channel, so nothing else may be written to it.
 */
public final class StdioMcpServer {

    private static final Logger log = LoggerFactory.getLogger(StdioMcpServer.class);

    private StdioMcpServer() {
    }

    /** Serves until the input ends, which is how the agent says it is done. */
    public static void serve(RestClient client, InputStream in, OutputStream out) {
        CountDownLatch inputEnded = new CountDownLatch(1);
        StdioServerTransportProvider transport = new StdioServerTransportProvider(McpJsonDefaults.getMapper(),
                new EndSignallingInputStream(in, inputEnded), out);
        DocumentOperations operations = new RestDocumentOperations(client);
        McpAsyncServer server = McqTools.buildServer(McpServer.async(transport), context -> operations);
        log.info("serving MCP on standard input and output for MCQ at {}", client.server());
        try {
            inputEnded.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.closeGracefully().block(java.time.Duration.ofSeconds(10));
            log.info("standard input ended; MCP server stopped");
        }
    }

    /** Counts the latch down when the stream reaches its end, fails, or is closed. */
    private static final class EndSignallingInputStream extends FilterInputStream {
        private final CountDownLatch ended;

        EndSignallingInputStream(InputStream in, CountDownLatch ended) {
            super(in);
            this.ended = ended;
        }

        @Override
        public int read() throws IOException {
            return signalAtEnd(() -> super.read());
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return signalAtEnd(() -> super.read(buffer, offset, length));
        }

        @Override
        public void close() throws IOException {
            ended.countDown();
            super.close();
        }

        private int signalAtEnd(IoRead read) throws IOException {
            try {
                int n = read.read();
                if (n < 0) {
                    ended.countDown();
                }
                return n;
            } catch (IOException e) {
                ended.countDown();
                throw e;
            }
        }

        @FunctionalInterface
        private interface IoRead {
            int read() throws IOException;
        }
    }
}
