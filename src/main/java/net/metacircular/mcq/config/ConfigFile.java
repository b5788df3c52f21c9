package net.metacircular.mcq.config;

import com.fasterxml.jackson.annotation.JsonProperty;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNullElseGet;

/**
 * The TOML file as written, bound by Jackson: one record per {@code [section]},
 * one component per key ({@code listen_addr} binds {@code listenAddr}). These
 * records are the list of keys MCQ understands: anything else in the file is
 * an error, and each key's {@code MCQ_<SECTION>_<KEY>} variable is derived from
 * them. A key that is absent (or, for a number, empty) is null here and gets
 * its default in {@link ConfigLoader}, which turns this into a {@link Config}.
 */
record ConfigFile(Server server, Database database, Mcias mcias, Sso sso, Web web, Log log, Limits limits,
                  @JsonProperty("notify") Notify notifications) {

    /** An absent section reads as one with every key absent. */
    ConfigFile {
        server = requireNonNullElseGet(server, () -> new Server(null, null, null, null, null, null));
        database = requireNonNullElseGet(database, () -> new Database(null));
        mcias = requireNonNullElseGet(mcias, () -> new Mcias(null, null, null, null));
        sso = requireNonNullElseGet(sso, () -> new Sso(null));
        web = requireNonNullElseGet(web, () -> new Web(null));
        log = requireNonNullElseGet(log, () -> new Log(null));
        limits = requireNonNullElseGet(limits, () -> new Limits(null, null, null, null, null, null, null, null, null, null,
                null, null));
        notifications = requireNonNullElseGet(notifications, () -> new Notify(null));
    }

    record Server(String listenAddr, String grpcAddr, String tlsCert, String tlsKey, Boolean httpTls, String publicUrl) {
    }

    record Database(String path) {
    }

    record Mcias(String serverUrl, String caCert, String serviceName, List<String> tags) {
    }

    record Sso(String redirectUri) {
    }

    record Web(Boolean cookieSecure) {
    }

    record Log(String level) {
    }

    record Limits(Long maxDocumentBytes, Long maxRequestBytes, Long tokenCacheEntries, Long inFlightBodyBytes,
                  Long maxConnectionsPerAddress, Long maxRevisions, Long maxCommentBytes,
                  Long maxCommentsPerDocument, Long maxFileBytes, Long maxFilesBytesPerDocument,
                  Long maxLiveStreamsPerAccount, Long maxLiveStreams) {
    }

    /** {@code [notify]}: {@code targets} is an array of tables, {@code [[notify.targets]]}. */
    record Notify(List<Target> targets) {
    }

    /** One {@code [[notify.targets]]} table. */
    record Target(String url, String format) {
    }

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

    /** Every key of the file, read from the records above so the two cannot drift apart. */
    static final List<Key> KEYS = keys();

    /** Parses TOML text into a tree for the environment overrides; {@code origin} names it in the error. */
    static ObjectNode parse(String text, String origin) {
        try {
            return MAPPER.readTree(text) instanceof ObjectNode tree ? tree : MAPPER.createObjectNode();
        } catch (JsonProcessingException e) {
            throw new ConfigException(List.of(origin + " is not valid TOML: " + e.getOriginalMessage()));
        }
    }

    /**
     * Binds the tree. Jackson stops at the first unknown or mistyped key, so
     * each one is reported, taken out of the tree and the rest bound again:
     * one run names every bad key.
     */
    static ConfigFile bind(ObjectNode tree, Problems problems) {
        while (true) {
            try {
                return MAPPER.treeToValue(tree, ConfigFile.class);
            } catch (JsonProcessingException e) {
                List<JsonMappingException.Reference> path =
                        e instanceof JsonMappingException m ? m.getPath() : List.of();
                String section = path.isEmpty() ? null : path.get(0).getFieldName();
                String name = path.size() < 2 ? null : path.get(1).getFieldName();
                JsonNode value = name == null ? tree.remove(section)
                        : tree.get(section) instanceof ObjectNode keys ? keys.remove(name) : null;
                if (value == null) {
                    // Not a value in the tree: nothing to take out and bind again without.
                    throw problems.stopWith("cannot read the configuration: " + e.getOriginalMessage());
                }
                boolean unknown = e instanceof UnrecognizedPropertyException;
                if (path.size() >= 4 && path.get(2).getIndex() >= 0 && path.get(3).getFieldName() != null) {
                    // A key inside one table of an array of tables ([[notify.targets]]): the whole array was
                    // taken out above; name the table by its position, as the operator counts them.
                    String table = "[[" + section + "." + name + "]] number " + (path.get(2).getIndex() + 1);
                    String key = path.get(3).getFieldName();
                    problems.addFor(section, name, unknown ? "unknown key \"" + key + "\" in " + table
                            : table + ": " + key + " must be a string (got " + shown(value.path(path.get(2).getIndex())
                            .path(key)) + ")");
                } else if (name != null) {
                    problems.addFor(section, name, unknown
                            ? "unknown key [" + section + "] " + name
                            : Problems.label(section, name) + " must be " + expected(section, name)
                            + " (got " + shown(value) + ")");
                } else if (unknown) {
                    problems.add(value.isObject() ? "unknown section [" + section + "]"
                            : "unknown top-level key \"" + section + "\" (expected a [section])");
                } else {
                    problems.add("[" + section + "] must be a section, not a value (got " + shown(value) + ")");
                }
            }
        }
    }

    /** A value as the operator wrote it, for messages. */
    private static String shown(JsonNode value) {
        return value.isObject() ? "a table" : value.toString();
    }

    private static String expected(String section, String name) {
        Class<?> type = KEYS.stream().filter(k -> k.section().equals(section) && k.name().equals(name))
                .findFirst().map(Key::type).orElse(String.class);
        return type == Long.class ? "a whole number"
                : type == Boolean.class ? "true or false"
                : type == List.class && section.equals("notify") ? "an array of tables ([[" + section + "."
                + name + "]])"
                : type == List.class ? "an array of strings"
                : "a string";
    }

    private static List<Key> keys() {
        List<Key> keys = new ArrayList<>();
        for (BeanPropertyDefinition section : properties(ConfigFile.class)) {
            for (BeanPropertyDefinition key : properties(section.getRawPrimaryType())) {
                keys.add(new Key(section.getName(), key.getName(), key.getRawPrimaryType(),
                        key.getPrimaryType().getContentType() == null
                                || key.getPrimaryType().getContentType().getRawClass() == String.class));
            }
        }
        return List.copyOf(keys);
    }

    private static List<BeanPropertyDefinition> properties(Class<?> type) {
        return MAPPER.getDeserializationConfig().introspect(MAPPER.constructType(type)).findProperties();
    }

    /**
     * One key of the file: its section, its name as written in TOML, and the
     * type it binds to.
     *
     * @param fromEnvironment whether {@code MCQ_<SECTION>_<KEY>} overrides it: a value or a list of strings,
     *                        not an array of tables, which one line of text cannot express
     */
    record Key(String section, String name, Class<?> type, boolean fromEnvironment) {

        String variable() {
            return ("MCQ_" + section + "_" + name).toUpperCase(Locale.ROOT);
        }

        /**
         * An environment variable's text as the TOML value it stands for: a
         * list split at commas, a number or boolean when it reads as one.
         * Anything else stays text, for binding to report as the wrong type.
         */
        JsonNode valueFromEnvironment(String text) {
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
}
