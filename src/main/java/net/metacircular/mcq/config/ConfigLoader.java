package net.metacircular.mcq.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the TOML file, applies environment overrides and validates the result.
 *
 * <p>Precedence, highest first: {@code $PORT} / {@code $PORT_GRPC} (set by the
 * platform's deploy agent), then {@code MCQ_<SECTION>_<KEY>}, then the file,
 * then the defaults below. All problems are collected so the operator sees
 * every bad field at once rather than one per restart.
 */
public final class ConfigLoader {

    static final long MIB = 1024 * 1024;
    static final long DEFAULT_MAX_DOCUMENT_BYTES = 4 * MIB;
    private static final Set<String> LOG_LEVELS = Set.of("trace", "debug", "info", "warn", "error");

    /** Every key MCQ understands, with its default; anything else in the file is an error. */
    static final Map<String, String> KEYS = keys(
            "server.listen_addr", null,
            "server.grpc_addr", "",
            "server.tls_cert", "",
            "server.tls_key", "",
            "server.http_tls", "true",
            "database.path", null,
            "mcias.server_url", null,
            "mcias.ca_cert", "",
            "mcias.service_name", null,
            "mcias.tags", "",
            "sso.redirect_uri", "",
            "web.cookie_secure", "true",
            "log.level", "info",
            "limits.max_document_bytes", Long.toString(DEFAULT_MAX_DOCUMENT_BYTES),
            "limits.max_request_bytes", "",
            "limits.token_cache_entries", "10000",
            "limits.in_flight_body_bytes", "",
            "limits.max_connections_per_address", "256");

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** Loads {@code file} with the process environment. */
    public static Config loadFromFile(Path file) {
        return new ConfigLoader(System.getenv()).load(file);
    }

    public Config load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(List.of("cannot read config file " + file + ": " + e.getMessage()));
        }
        return loadToml(text, file.toString());
    }

    /** Parses TOML text; {@code origin} names it in error messages. */
    public Config loadToml(String text, String origin) {
        List<String> problems = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        // TOML arrays keep their items as read, so an item may hold a comma;
        // only the environment form of a list is split at commas.
        Map<String, List<String>> lists = new LinkedHashMap<>();
        readToml(text, origin, values, lists, problems);
        applyEnvironment(values, lists);
        for (Map.Entry<String, String> key : KEYS.entrySet()) {
            values.putIfAbsent(key.getKey(), key.getValue());
        }
        Config config = build(values, lists, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    private static void readToml(String text, String origin, Map<String, String> values,
                                 Map<String, List<String>> lists, List<String> problems) {
        JsonNode root;
        try {
            root = new TomlMapper().readTree(text);
        } catch (IOException e) {
            problems.add(origin + " is not valid TOML: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
            return;
        }
        for (Map.Entry<String, JsonNode> section : root.properties()) {
            if (!section.getValue().isObject()) {
                problems.add("unknown top-level key \"" + section.getKey() + "\" (expected a [section])");
                continue;
            }
            for (Map.Entry<String, JsonNode> field : section.getValue().properties()) {
                String name = section.getKey() + "." + field.getKey();
                if (!KEYS.containsKey(name)) {
                    problems.add("unknown key [" + section.getKey() + "] " + field.getKey());
                } else if (field.getValue().isArray()) {
                    List<String> items = new ArrayList<>();
                    field.getValue().forEach(item -> items.add(item.asText()));
                    values.put(name, String.join(",", items));
                    lists.put(name, List.copyOf(items));
                } else if (field.getValue().isValueNode()) {
                    values.put(name, field.getValue().asText());
                } else {
                    problems.add("[" + section.getKey() + "] " + field.getKey() + " must be a value, not a table");
                }
            }
        }
    }

    private void applyEnvironment(Map<String, String> values, Map<String, List<String>> lists) {
        for (String name : KEYS.keySet()) {
            String variable = "MCQ_" + name.replace('.', '_').toUpperCase(Locale.ROOT);
            String value = env.get(variable);
            if (value != null) {
                values.put(name, value);
                lists.remove(name);
            }
        }
        // The deploy agent assigns ports; they win over everything so a
        // hard-coded address in the file can never make the service unreachable.
        String port = env.get("PORT");
        if (port != null && !port.isEmpty()) {
            values.put("server.listen_addr", ":" + port);
        }
        String grpcPort = env.get("PORT_GRPC");
        if (grpcPort != null && !grpcPort.isEmpty()) {
            values.put("server.grpc_addr", ":" + grpcPort);
        }
    }

    private static Config build(Map<String, String> v, Map<String, List<String>> lists, List<String> problems) {
        Fields f = new Fields(v, problems);

        ListenAddress listen = f.address("server.listen_addr", true);
        ListenAddress grpc = f.address("server.grpc_addr", false);
        Path tlsCert = f.existingFile("server.tls_cert");
        Path tlsKey = f.existingFile("server.tls_key");
        boolean httpTls = f.bool("server.http_tls");
        if (v.get("server.tls_cert").isEmpty() != v.get("server.tls_key").isEmpty()) {
            problems.add("[server] tls_cert and tls_key must be set together (both for TLS 1.3, neither for plain HTTP)");
        }

        Path dbPath = f.path("database.path");

        String mciasUrl = f.url("mcias.server_url", true);
        Path caCert = f.existingFile("mcias.ca_cert");
        String serviceName = f.required("mcias.service_name");
        List<String> tags = lists.containsKey("mcias.tags")
                ? lists.get("mcias.tags").stream().map(String::trim).filter(s -> !s.isEmpty()).toList()
                : v.get("mcias.tags").isEmpty()
                ? List.of()
                : Arrays.stream(v.get("mcias.tags").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();

        String redirectUri = f.url("sso.redirect_uri", false);
        boolean cookieSecure = f.bool("web.cookie_secure");

        String level = v.get("log.level").toLowerCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(level)) {
            problems.add("[log] level must be one of trace, debug, info, warn, error (got \"" + v.get("log.level") + "\")");
        }

        long maxDocument = f.positiveLong("limits.max_document_bytes", 256 * MIB);
        long maxRequest = v.get("limits.max_request_bytes").isEmpty()
                ? defaultMaxRequestBytes(maxDocument)
                : f.positiveLong("limits.max_request_bytes", 1536 * MIB);
        int cacheEntries = (int) f.positiveLong("limits.token_cache_entries", 1_000_000);
        long inFlight = v.get("limits.in_flight_body_bytes").isEmpty()
                ? defaultInFlightBodyBytes(Runtime.getRuntime().maxMemory())
                : f.positiveLong("limits.in_flight_body_bytes", 64L * 1024 * MIB);
        int perAddress = (int) f.positiveLong("limits.max_connections_per_address", 1_000_000);

        return new Config(
                new Config.Server(listen, grpc, tlsCert, tlsKey, httpTls),
                new Config.Database(dbPath),
                new Config.Mcias(mciasUrl, caCert, serviceName, tags),
                new Config.Sso(redirectUri),
                new Config.Web(cookieSecure),
                new Config.Log(level),
                new Config.Limits(maxDocument, maxRequest, cacheEntries, inFlight, perAddress));
    }

    /**
     * The largest push: the document limit plus an envelope for JSON escaping,
     * the title and the field names. A JSON string escapes a newline, tab,
     * quote or backslash as two bytes, so escaping grows a document by one
     * byte per such character; Markdown has far fewer than one in four (a line
     * break every 40 characters is 2.5%), so a quarter of the document limit
     * covers any real document at the limit, and 64 KiB covers a title of 300
     * characters even if every character is escaped as six bytes. A client that escapes all
     * of its non-ASCII text (six bytes each) may need more; it gets 413 and
     * should send UTF-8 as is. The old default, six times the document limit
     * (every byte escaped as six), let one unauthenticated request hold more
     * heap than a small server has.
     */
    static long defaultMaxRequestBytes(long maxDocumentBytes) {
        return maxDocumentBytes + maxDocumentBytes / 4 + 64 * 1024;
    }

    /**
     * Request bodies admitted at once, derived from the heap: while a body is
     * parsed it exists as bytes, as decoded text and as parsed JSON, about
     * eight bytes of heap per body byte at the peak, and half of the heap is
     * left for caches, responses and rendering. With the launcher's 128 MiB
     * heap this is 8 MiB: one push of a maximum-size document at a time plus
     * many small requests. At least 1 MiB, so small requests always fit.
     */
    static long defaultInFlightBodyBytes(long maxHeapBytes) {
        return Math.max(MIB, maxHeapBytes / 16);
    }

    private static Map<String, String> keys(String... pairs) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            keys.put(pairs[i], pairs[i + 1]);
        }
        return keys;
    }

    /** Typed access to the merged values; each reader records its own problem. */
    private record Fields(Map<String, String> values, List<String> problems) {

        private static String label(String name) {
            int dot = name.indexOf('.');
            return "[" + name.substring(0, dot) + "] " + name.substring(dot + 1);
        }

        String required(String name) {
            String value = values.get(name);
            if (value == null || value.isBlank()) {
                problems.add(label(name) + " is required");
                return null;
            }
            return value;
        }

        Path path(String name) {
            String value = required(name);
            return value == null ? null : Path.of(value);
        }

        Path existingFile(String name) {
            String value = values.get(name);
            if (value == null || value.isEmpty()) {
                return null;
            }
            Path path = Path.of(value);
            if (!Files.isReadable(path)) {
                problems.add(label(name) + " names a file that does not exist or cannot be read: " + value);
            }
            return path;
        }

        ListenAddress address(String name, boolean required) {
            String value = required ? required(name) : values.get(name);
            if (value == null || value.isEmpty()) {
                return null;
            }
            try {
                return ListenAddress.parse(value);
            } catch (IllegalArgumentException e) {
                problems.add(label(name) + ": " + e.getMessage());
                return null;
            }
        }

        String url(String name, boolean required) {
            String value = required ? required(name) : values.get(name);
            if (value == null || value.isEmpty()) {
                return required ? null : "";
            }
            try {
                URI uri = URI.create(value);
                if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                problems.add(label(name) + " must be an absolute http(s) URL (got \"" + value + "\")");
            }
            return value.endsWith("/") && name.equals("mcias.server_url")
                    ? value.substring(0, value.length() - 1)
                    : value;
        }

        boolean bool(String name) {
            String value = values.get(name).toLowerCase(Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                problems.add(label(name) + " must be true or false (got \"" + values.get(name) + "\")");
            }
            return !value.equals("false");
        }

        long positiveLong(String name, long max) {
            String value = values.get(name);
            try {
                long n = Long.parseLong(value.trim());
                if (n <= 0 || n > max) {
                    problems.add(label(name) + " must be between 1 and " + max + " (got " + n + ")");
                }
                return n;
            } catch (NumberFormatException e) {
                problems.add(label(name) + " must be a whole number (got \"" + value + "\")");
                return 1;
            }
        }
    }
}
