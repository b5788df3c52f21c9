package net.metacircular.mcq.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * tree before Jackson binds it to {@link ConfigFile}; an override of a list
 * is split at commas, while a list in the file keeps its items as written. All
 * problems are collected so the operator sees every bad field at once rather
 * than one per restart.
 */
public final class ConfigLoader {

    static final long MIB = 1024 * 1024;
    static final long DEFAULT_MAX_DOCUMENT_BYTES = 4 * MIB;
    private static final Set<String> LOG_LEVELS = Set.of("trace", "debug", "info", "warn", "error");

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
        ObjectNode tree = ConfigFile.parse(text, origin);
        applyEnvironment(tree);
        Problems problems = new Problems();
        Config config = validate(ConfigFile.bind(tree, problems), problems);
        problems.throwIfAny();
        return config;
    }

    private void applyEnvironment(ObjectNode tree) {
        for (ConfigFile.Key key : ConfigFile.KEYS) {
            String value = key.fromEnvironment() ? env.get(key.variable()) : null;
            if (value != null) {
                set(tree, key.section(), key.name(), key.valueFromEnvironment(value));
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
        String publicUrl = p.publicUrl("server", "public_url", server.publicUrl());

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
        int maxRevisions = (int) p.positiveLong("limits", "max_revisions", limits.maxRevisions(),
                200, 1_000_000);
        int maxCommentBytes = (int) p.positiveLong("limits", "max_comment_bytes", limits.maxCommentBytes(),
                Config.Limits.DEFAULT_MAX_COMMENT_BYTES, 1024 * 1024);
        int maxComments = (int) p.positiveLong("limits", "max_comments_per_document",
                limits.maxCommentsPerDocument(), Config.Limits.DEFAULT_MAX_COMMENTS_PER_DOCUMENT, 100_000);
        long maxFile = p.positiveLong("limits", "max_file_bytes", limits.maxFileBytes(),
                Config.Limits.DEFAULT_MAX_FILE_BYTES, 256 * MIB);
        long maxFilesPerDocument = p.positiveLong("limits", "max_files_bytes_per_document",
                limits.maxFilesBytesPerDocument(), Config.Limits.DEFAULT_MAX_FILES_BYTES_PER_DOCUMENT, 4096 * MIB);
        if (maxFile > maxFilesPerDocument) {
            p.add("[limits] max_file_bytes (" + maxFile + ") must not exceed max_files_bytes_per_document ("
                    + maxFilesPerDocument + ")");
        }
        int liveStreamsPerAccount = (int) p.positiveLong("limits", "max_live_streams_per_account",
                limits.maxLiveStreamsPerAccount(), Config.Limits.DEFAULT_MAX_LIVE_STREAMS_PER_ACCOUNT, 100_000);
        int liveStreams = (int) p.positiveLong("limits", "max_live_streams", limits.maxLiveStreams(),
                Config.Limits.DEFAULT_MAX_LIVE_STREAMS, 100_000);
        if (liveStreamsPerAccount > liveStreams) {
            p.add("[limits] max_live_streams_per_account (" + liveStreamsPerAccount
                    + ") must not exceed max_live_streams (" + liveStreams + ")");
        }

        return new Config(
                new Config.Server(listen, grpc, tlsCert, tlsKey, httpTls, publicUrl),
                new Config.Database(dbPath == null ? null : Path.of(dbPath)),
                new Config.Mcias(mciasUrl, caCert, serviceName, tags),
                new Config.Sso(redirectUri),
                new Config.Web(cookieSecure),
                new Config.Log(level.toLowerCase(Locale.ROOT)),
                new Config.Limits(maxDocument, maxRequest, cacheEntries, inFlight, perAddress, maxRevisions,
                        maxCommentBytes, maxComments, maxFile, maxFilesPerDocument, liveStreamsPerAccount,
                        liveStreams),
                new Config.Notify(notifyTargets(file.notifications(), p)));
    }

    private static List<Config.NotifyTarget> notifyTargets(ConfigFile.Notify notify, Problems p) {
        List<Config.NotifyTarget> targets = new ArrayList<>();
        List<ConfigFile.Target> written = requireNonNullElse(notify.targets(), List.<ConfigFile.Target>of());
        for (int i = 0; i < written.size(); i++) {
            ConfigFile.Target target = written.get(i);
            String table = "[[notify.targets]] number " + (i + 1);
            if (target == null) {
                p.add(table + " is empty: give url and format");
                continue;
            }
            URI url = p.targetUrl(table, target.url());
            Config.NotifyFormat format = null;
            String name = target.format() == null ? "" : target.format().trim().toLowerCase(Locale.ROOT);
            for (Config.NotifyFormat known : Config.NotifyFormat.values()) {
                if (known.wireName().equals(name)) {
                    format = known;
                }
            }
            if (format == null) {
                p.add(table + ": format must be \"ntfy\" or \"json\" (got "
                        + (target.format() == null ? "nothing" : "\"" + target.format() + "\"") + ")");
            }
            if (url != null && format != null) {
                targets.add(new Config.NotifyTarget(url, format));
            }
        }
        return targets;
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
}
