package net.metacircular.mcq.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNullElse;

/**
 * Reads the TOML file, applies environment overrides and validates the result.
 *
 * <p>Precedence, highest first: {@code $PORT} / {@code $PORT_GRPC} (set by the
 * platform's deploy agent), then {@code MCQ_<SECTION>_<KEY>}, then the file,
 * then the defaults below. The overrides are written into the parsed TOML
 * tree, which Jackson then binds to {@link ConfigFile}; an override of a list
 * is split at commas, while a list in the file keeps its items as written. All
 * problems are collected so the operator sees every bad field at once rather
 * than one per restart.
 */
public final class ConfigLoader {

    static final long MIB = 1024 * 1024;
    static final long DEFAULT_MAX_DOCUMENT_BYTES = 4 * MIB;
    private static final Set<String> LOG_LEVELS = Set.of("trace", "debug", "info", "warn", "error");

    private static final TomlMapper MAPPER = TomlMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A value of the wrong type ("1000" for a number, 8443 for an address,
            // 1.5 for a count) is a mistake to report, not to guess at...
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            // ...except an empty string for a number: the example file's way of asking for the default.
            .withCoercionConfig(LogicalType.Integer, c -> c
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull))
            .build();

    /** Every key of the file, read from {@link ConfigFile} so the two cannot drift apart. */
    private static final List<Key> KEYS = keys();

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
        ObjectNode tree = parse(text, origin);
        applyEnvironment(tree);
        Problems problems = new Problems();
        Config config = validate(bind(tree, problems), problems);
        problems.throwIfAny();
        return config;
    }

    private static ObjectNode parse(String text, String origin) {
        try {
            return MAPPER.readTree(text) instanceof ObjectNode tree ? tree : MAPPER.createObjectNode();
        } catch (JsonProcessingException e) {
            throw new ConfigException(List.of(origin + " is not valid TOML: " + e.getOriginalMessage()));
        }
    }

    private void applyEnvironment(ObjectNode tree) {
        for (Key key : KEYS) {
            String value = env.get(key.variable());
            if (value != null) {
                set(tree, key.section(), key.name(), key.fromEnvironment(value));
            }
        }
        // The deploy agent assigns ports; they win over everything so a
        // hard-coded address in the file can never make the service unreachable.
        String port = env.get("PORT");
        if (port != null && !port.isEmpty()) {
            set(tree, "server", "listen_addr", JsonNodeFactory.instance.textNode(":" + port));
        }
        String grpcPort = env.get("PORT_GRPC");
        if (grpcPort != null && !grpcPort.isEmpty()) {
            set(tree, "server", "grpc_addr", JsonNodeFactory.instance.textNode(":" + grpcPort));
        }
    }

    /** Sets a key, adding its section if absent; a section that is not a table is left for binding to report. */
    private static void set(ObjectNode tree, String section, String name, JsonNode value) {
        JsonNode table = tree.has(section) ? tree.get(section) : tree.putObject(section);
        if (table instanceof ObjectNode keys) {
            keys.set(name, value);
        }
    }

    /**
     * Binds the tree to {@link ConfigFile}. Jackson stops at the first unknown
     * or mistyped key, so each one is reported, taken out of the tree and the
     * rest bound again: one run names every bad key.
     */
    private static ConfigFile bind(ObjectNode tree, Problems problems) {
        while (true) {
            try {
                return MAPPER.treeToValue(tree, ConfigFile.class);
            } catch (JsonProcessingException e) {
                List<JsonMappingException.Reference> path =
                        e instanceof JsonMappingException m ? m.getPath() : List.of();
                String section = path.isEmpty() ? null : path.get(0).getFieldName();
                String name = path.size() < 2 ? null : path.get(1).getFieldName();
                JsonNode table = section == null ? null : tree.get(section);
                JsonNode value = name == null ? tree.remove(section)
                        : table instanceof ObjectNode keys ? keys.remove(name) : null;
                if (value == null) {
                    // Not a key of the file: nothing to take out and retry without.
                    problems.add("cannot read the configuration: " + e.getOriginalMessage());
                    throw new ConfigException(problems.messages);
                }
                boolean unknown = e instanceof UnrecognizedPropertyException;
                if (name != null) {
                    problems.addFor(section, name, unknown
                            ? "unknown key [" + section + "] " + name
                            : label(section, name) + " must be " + expected(section, name) + " (got " + shown(value) + ")");
                } else if (unknown) {
                    problems.add(value.isObject() ? "unknown section [" + section + "]"
                            : "unknown top-level key \"" + section + "\" (expected a [section])");
                } else {
                    problems.add("[" + section + "] must be a section, not a value (got " + shown(value) + ")");
                }
            }
        }
    }

    private static Config validate(ConfigFile file, Problems p) {
        ConfigFile.Server server = file.server();
        ListenAddress listen = p.address("server", "listen_addr", server.listenAddr(), true);
        ListenAddress grpc = p.address("server", "grpc_addr", server.grpcAddr(), false);
        Path tlsCert = p.existingFile("server", "tls_cert", server.tlsCert());
        Path tlsKey = p.existingFile("server", "tls_key", server.tlsKey());
        if ((tlsCert == null) != (tlsKey == null)) {
            p.add("[server] tls_cert and tls_key must be set together (both for TLS 1.3, neither for plain HTTP)");
        }
        boolean httpTls = requireNonNullElse(server.httpTls(), true);

        String dbPath = p.required("database", "path", file.database().path());

        ConfigFile.Mcias mcias = file.mcias();
        String mciasUrl = p.url("mcias", "server_url", mcias.serverUrl(), true);
        if (mciasUrl != null && mciasUrl.endsWith("/")) {
            mciasUrl = mciasUrl.substring(0, mciasUrl.length() - 1);
        }
        Path caCert = p.existingFile("mcias", "ca_cert", mcias.caCert());
        String serviceName = p.required("mcias", "service_name", mcias.serviceName());
        List<String> tags = requireNonNullElse(mcias.tags(), List.<String>of()).stream()
                .map(String::trim).filter(tag -> !tag.isEmpty()).toList();

        String redirectUri = p.url("sso", "redirect_uri", file.sso().redirectUri(), false);
        boolean cookieSecure = requireNonNullElse(file.web().cookieSecure(), true);

        String level = requireNonNullElse(file.log().level(), "info");
        if (!LOG_LEVELS.contains(level.toLowerCase(Locale.ROOT))) {
            p.add("[log] level must be one of trace, debug, info, warn, error (got \"" + level + "\")");
        }

        ConfigFile.Limits limits = file.limits();
        long maxDocument = p.positiveLong("limits", "max_document_bytes", limits.maxDocumentBytes(),
                DEFAULT_MAX_DOCUMENT_BYTES, 256 * MIB);
        long maxRequest = p.positiveLong("limits", "max_request_bytes", limits.maxRequestBytes(),
                defaultMaxRequestBytes(maxDocument), 1536 * MIB);
        int cacheEntries = (int) p.positiveLong("limits", "token_cache_entries", limits.tokenCacheEntries(),
                10_000, 1_000_000);
        long inFlight = p.positiveLong("limits", "in_flight_body_bytes", limits.inFlightBodyBytes(),
                defaultInFlightBodyBytes(Runtime.getRuntime().maxMemory()), 64L * 1024 * MIB);
        int perAddress = (int) p.positiveLong("limits", "max_connections_per_address",
                limits.maxConnectionsPerAddress(), 256, 1_000_000);

        return new Config(
                new Config.Server(listen, grpc, tlsCert, tlsKey, httpTls),
                new Config.Database(dbPath == null ? null : Path.of(dbPath)),
                new Config.Mcias(mciasUrl, caCert, serviceName, tags),
                new Config.Sso(redirectUri),
                new Config.Web(cookieSecure),
                new Config.Log(level.toLowerCase(Locale.ROOT)),
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

    private static String label(String section, String name) {
        return "[" + section + "] " + name;
    }

    /** A value as the operator wrote it, for messages. */
    private static String shown(JsonNode value) {
        return value.isObject() ? "a table" : value.toString();
    }

    private static String expected(String section, String name) {
        Class<?> type = KEYS.stream().filter(k -> k.section().equals(section) && k.name().equals(name))
                .findFirst().map(Key::type).orElse(Object.class);
        return type == Long.class ? "a whole number"
                : type == Boolean.class ? "true or false"
                : type == List.class ? "an array of strings"
                : "a string";
    }

    private static List<Key> keys() {
        List<Key> keys = new ArrayList<>();
        for (BeanPropertyDefinition section : properties(ConfigFile.class)) {
            for (BeanPropertyDefinition key : properties(section.getRawPrimaryType())) {
                keys.add(new Key(section.getName(), key.getName(), key.getRawPrimaryType()));
            }
        }
        return List.copyOf(keys);
    }

    private static List<BeanPropertyDefinition> properties(Class<?> type) {
        return MAPPER.getDeserializationConfig().introspect(MAPPER.constructType(type)).findProperties();
    }

    /** One key of the file: its section, its name as written in TOML, and the type it binds to. */
    private record Key(String section, String name, Class<?> type) {

        String variable() {
            return ("MCQ_" + section + "_" + name).toUpperCase(Locale.ROOT);
        }

        /**
         * The variable's text as the TOML value it stands for: a list split at
         * commas, a number or boolean when it reads as one. Anything else stays
         * text, for binding to report as the wrong type.
         */
        JsonNode fromEnvironment(String text) {
            JsonNodeFactory nodes = JsonNodeFactory.instance;
            if (type == List.class) {
                var items = nodes.arrayNode();
                for (String item : text.split(",")) {
                    items.add(item);
                }
                return items;
            }
            if (type == Long.class) {
                try {
                    return nodes.numberNode(Long.parseLong(text.trim()));
                } catch (NumberFormatException e) {
                    return nodes.textNode(text);
                }
            }
            if (type == Boolean.class && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
                return nodes.booleanNode(Boolean.parseBoolean(text));
            }
            return nodes.textNode(text);
        }
    }

    /**
     * The problems found so far. Each reader records its own and returns a
     * stand-in, so validation goes on to the next field.
     */
    private static final class Problems {
        private final List<String> messages = new ArrayList<>();
        /** Keys already reported (unknown or mistyped), so "is required" does not repeat them. */
        private final Set<String> reported = new HashSet<>();

        void add(String message) {
            messages.add(message);
        }

        void addFor(String section, String name, String message) {
            reported.add(label(section, name));
            messages.add(message);
        }

        void throwIfAny() {
            if (!messages.isEmpty()) {
                throw new ConfigException(messages);
            }
        }

        String required(String section, String name, String value) {
            if (value == null || value.isBlank()) {
                if (!reported.contains(label(section, name))) {
                    add(label(section, name) + " is required");
                }
                return null;
            }
            return value;
        }

        Path existingFile(String section, String name, String value) {
            if (value == null || value.isEmpty()) {
                return null;
            }
            Path path = Path.of(value);
            if (!Files.isReadable(path)) {
                add(label(section, name) + " names a file that does not exist or cannot be read: " + value);
            }
            return path;
        }

        ListenAddress address(String section, String name, String value, boolean required) {
            if (required ? required(section, name, value) == null : value == null || value.isEmpty()) {
                return null;
            }
            try {
                return ListenAddress.parse(value);
            } catch (IllegalArgumentException e) {
                add(label(section, name) + ": " + e.getMessage());
                return null;
            }
        }

        /** An absolute http(s) URL; an optional one that is not set reads as "". */
        String url(String section, String name, String value, boolean required) {
            if (required ? required(section, name, value) == null : value == null || value.isEmpty()) {
                return required ? null : "";
            }
            try {
                URI uri = URI.create(value);
                if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                add(label(section, name) + " must be an absolute http(s) URL (got \"" + value + "\")");
            }
            return value;
        }

        long positiveLong(String section, String name, Long value, long defaultValue, long max) {
            if (value == null) {
                return defaultValue;
            }
            if (value <= 0 || value > max) {
                add(label(section, name) + " must be between 1 and " + max + " (got " + value + ")");
            }
            return value;
        }
    }
}
