package net.metacircular.mcq.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The concurrent upload load of issue 9: 20 pushes of a maximum-size
 * document and 20 logins with a 24 MiB body (a username of 4,194,304
 * {@code \u0001} escapes), half of them with {@code Content-Length} and
 * half chunked, all at once. Plain JDK sockets, so {@code
 * bench/push-memory.sh} can run it from the test classes against any MCQ.
 *
 * <p>Each request's answer is read while its body is still being written:
 * a server that refuses a body early answers before the upload ends.
 */
public final class UploadLoad {

    public static final int PUSHES = 20;
    public static final int LOGINS = 20;
    static final int ESCAPES = 4_194_304;

    /** One request's outcome: its HTTP status, or -1 when no answer came. */
    public record Outcome(String kind, int index, boolean chunked, int status) {
    }

    private UploadLoad() {
    }

    /** The slug of push {@code index}. */
    public static String slug(int index) {
        return "load-" + index;
    }

    /** A Markdown document of exactly {@code bytes} bytes (ASCII), different for each index. */
    public static String document(int index, int bytes) {
        StringBuilder text = new StringBuilder(bytes + 100);
        text.append("# Load document ").append(index).append('\n');
        for (int line = 0; text.length() < bytes; line++) {
            text.append("Line ").append(line).append(" of document ").append(index)
                    .append(": \"quoted\", a back\\slash and\ta tab.\n");
        }
        text.setLength(bytes);
        return text.toString();
    }

    static byte[] pushJson(int index, int documentBytes) {
        String body = document(index, documentBytes).replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("\n", "\\n").replace("\t", "\\t");
        return ("{\"title\":\"Load " + index + "\",\"body\":\"" + body + "\"}").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] loginJson() {
        return ("{\"username\":\"" + "\\u0001".repeat(ESCAPES) + "\",\"password\":\"x\"}")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Runs every request at once and returns their outcomes, pushes first. */
    public static List<Outcome> run(int port, String token, int documentBytes) throws Exception {
        byte[] login = loginJson();
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < PUSHES; i++) {
                int index = i;
                boolean chunked = i % 2 == 1;
                futures.add(pool.submit(() -> new Outcome("push", index, chunked,
                        exchange(pool, port, "PUT /v1/documents/" + slug(index), "Authorization: Bearer " + token,
                                pushJson(index, documentBytes), chunked))));
            }
            for (int i = 0; i < LOGINS; i++) {
                int index = i;
                boolean chunked = i % 2 == 1;
                futures.add(pool.submit(() -> new Outcome("login", index, chunked,
                        exchange(pool, port, "POST /v1/auth/login", null, login, chunked))));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get(120, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int exchange(ExecutorService pool, int port, String requestLine, String header, byte[] body,
                                boolean chunked) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(90_000);
            OutputStream out = socket.getOutputStream();
            String head = requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + (header == null ? "" : header + "\r\n")
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n")
                    + "Connection: close\r\n\r\n";
            Future<?> writer = pool.submit(() -> {
                try {
                    out.write(head.getBytes(StandardCharsets.US_ASCII));
                    if (chunked) {
                        for (int at = 0; at < body.length; at += 64 * 1024) {
                            int size = Math.min(64 * 1024, body.length - at);
                            out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                            out.write(body, at, size);
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    } else {
                        out.write(body);
                    }
                    out.flush();
                } catch (IOException e) {
                    // The server answered and closed before the whole body was sent.
                }
                return null;
            });
            int status = statusOf(socket.getInputStream());
            writer.cancel(true);
            return status;
        } catch (IOException e) {
            return -1;
        }
    }

    private static int statusOf(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        String[] parts = line.toString().split(" ");
        return parts.length >= 2 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
    }

    /** {@code UploadLoad <port> <token-file> [document-bytes]}: prints each outcome and a summary. */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String token = Files.readString(Path.of(args[1])).trim();
        int documentBytes = args.length > 2 ? Integer.parseInt(args[2]) : 4 * 1024 * 1024;
        List<Outcome> outcomes = run(port, token, documentBytes);
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        for (Outcome outcome : outcomes) {
            counts.merge(outcome.kind() + " " + (outcome.status() == -1 ? "no answer" : outcome.status()), 1, Integer::sum);
        }
        System.out.println("outcomes: " + counts);
    }
}
