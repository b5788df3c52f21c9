package net.metacircular.mcq.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    private static final String MINIMAL = """
            [server]
            listen_addr = "127.0.0.1:8443"

            [database]
            path = "/srv/mcq/mcq.db"

            [mcias]
            server_url = "https://mcias.example:8443"
            service_name = "mcq"
            tags = ["env:test", "team:ops"]
            """;

    private static Config load(String toml, Map<String, String> env) {
        return new ConfigLoader(env).loadToml(toml, "mcq.toml");
    }

    @Test
    void readsTheFileAndAppliesDefaults() {
        Config config = load(MINIMAL, Map.of());
        assertThat(config.server().listenAddr()).isEqualTo(new ListenAddress("127.0.0.1", 8443));
        assertThat(config.server().grpcEnabled()).isFalse();
        assertThat(config.server().tlsEnabled()).isFalse();
        assertThat(config.mcias().tags()).containsExactly("env:test", "team:ops");
        assertThat(config.limits().maxDocumentBytes()).isEqualTo(4L * 1024 * 1024);
        assertThat(config.limits().maxRequestBytes()).isGreaterThan(config.limits().maxDocumentBytes());
        assertThat(config.web().cookieSecure()).isTrue();
        assertThat(config.log().level()).isEqualTo("info");
        assertThat(config.sso().enabled()).isFalse();
    }

    @Test
    void requestLimitsDefaultToADocumentPlusItsEnvelopeAndAShareOfTheHeap() {
        Config.Limits limits = load(MINIMAL, Map.of()).limits();
        // 4 MiB document + a quarter for JSON escaping + 64 KiB for the title and field names,
        // not six times the document as before.
        assertThat(limits.maxRequestBytes()).isEqualTo(4L * 1024 * 1024 + 1024 * 1024 + 64 * 1024);
        assertThat(limits.inFlightBodyBytes()).isEqualTo(Math.max(1024 * 1024, Runtime.getRuntime().maxMemory() / 16));
        assertThat(limits.maxConnectionsPerAddress()).isEqualTo(256);
        assertThat(limits.maxRevisions()).isEqualTo(200);
        assertThat(ConfigLoader.defaultInFlightBodyBytes(128L * 1024 * 1024)).isEqualTo(8L * 1024 * 1024);

        Config.Limits set = load(MINIMAL + """
                [limits]
                max_document_bytes = 1000
                in_flight_body_bytes = 50000
                max_connections_per_address = 7
                max_revisions = 3
                """, Map.of()).limits();
        assertThat(set.maxRevisions()).isEqualTo(3);
        assertThat(set.maxRequestBytes()).isEqualTo(1000 + 250 + 64 * 1024);
        assertThat(set.inFlightBodyBytes()).isEqualTo(50000);
        assertThat(set.maxConnectionsPerAddress()).isEqualTo(7);
    }

    @Test
    void fileLimitsDefaultToFiveMiBAFileAndTwentyADocumentAndAreChecked() {
        Config.Limits limits = load(MINIMAL, Map.of()).limits();
        assertThat(limits.maxFileBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(limits.maxFilesBytesPerDocument()).isEqualTo(20L * 1024 * 1024);

        Config.Limits set = load(MINIMAL + """
                [limits]
                max_file_bytes = 1000
                max_files_bytes_per_document = 3000
                """, Map.of("MCQ_LIMITS_MAX_FILE_BYTES", "2000")).limits();
        assertThat(set.maxFileBytes()).isEqualTo(2000);
        assertThat(set.maxFilesBytesPerDocument()).isEqualTo(3000);

        assertThatThrownBy(() -> load(MINIMAL + """
                [limits]
                max_file_bytes = 0
                """, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("[limits] max_file_bytes");
        assertThatThrownBy(() -> load(MINIMAL + """
                [limits]
                max_file_bytes = 5000
                max_files_bytes_per_document = 4000
                """, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("must not exceed max_files_bytes_per_document");
    }

    @Test
    void liveStreamLimitsDefaultTo32AnAccountAnd1000InAllAndAreChecked() {
        Config.Limits limits = load(MINIMAL, Map.of()).limits();
        assertThat(limits.maxLiveStreamsPerAccount()).isEqualTo(32);
        assertThat(limits.maxLiveStreams()).isEqualTo(1000);

        Config.Limits set = load(MINIMAL + """
                [limits]
                max_live_streams_per_account = 600
                max_live_streams = 700
                """, Map.of("MCQ_LIMITS_MAX_LIVE_STREAMS", "800")).limits();
        assertThat(set.maxLiveStreamsPerAccount()).isEqualTo(600);
        assertThat(set.maxLiveStreams()).isEqualTo(800);

        assertThatThrownBy(() -> load(MINIMAL + """
                [limits]
                max_live_streams_per_account = 0
                max_live_streams = 100001
                """, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("[limits] max_live_streams_per_account must be between 1 and 100000 (got 0)")
                .hasMessageContaining("[limits] max_live_streams must be between 1 and 100000 (got 100001)");
        assertThatThrownBy(() -> load(MINIMAL + """
                [limits]
                max_live_streams_per_account = 50
                max_live_streams = 40
                """, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("max_live_streams_per_account (50) must not exceed max_live_streams (40)");
        assertThatThrownBy(() -> load(MINIMAL + """
                [limits]
                max_live_streams = "many"
                """, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("[limits] max_live_streams must be a whole number");
    }

    @Test
    void portBeatsEnvironmentWhichBeatsTheFile() {
        assertThat(load(MINIMAL, Map.of("MCQ_SERVER_LISTEN_ADDR", "127.0.0.1:9000"))
                .server().listenAddr()).isEqualTo(new ListenAddress("127.0.0.1", 9000));

        Config both = load(MINIMAL, Map.of("MCQ_SERVER_LISTEN_ADDR", "127.0.0.1:9000", "PORT", "12345"));
        // $PORT binds every interface, as a container service must.
        assertThat(both.server().listenAddr()).isEqualTo(new ListenAddress("0.0.0.0", 12345));

        Config grpc = load(MINIMAL + "\n", Map.of("MCQ_SERVER_GRPC_ADDR", ":9443", "PORT_GRPC", "23456"));
        assertThat(grpc.server().grpcAddr()).isEqualTo(new ListenAddress("0.0.0.0", 23456));
    }

    @Test
    void aTagContainingACommaStaysOneTag() {
        Config config = load(MINIMAL.replace("tags = [\"env:test\", \"team:ops\"]",
                "tags = [\"env:test\", \"teams:ops,web\"]"), Map.of());
        assertThat(config.mcias().tags()).containsExactly("env:test", "teams:ops,web");
    }

    @Test
    void environmentOverridesAnyKey() {
        Config config = load(MINIMAL, Map.of(
                "MCQ_MCIAS_TAGS", "a, b",
                "MCQ_LOG_LEVEL", "debug",
                "MCQ_LIMITS_MAX_DOCUMENT_BYTES", "1000",
                "MCQ_WEB_COOKIE_SECURE", "false"));
        assertThat(config.mcias().tags()).containsExactly("a", "b");
        assertThat(config.log().level()).isEqualTo("debug");
        assertThat(config.limits().maxDocumentBytes()).isEqualTo(1000);
        assertThat(config.web().cookieSecure()).isFalse();
    }

    @Test
    void anEnvironmentListIsSplitAtCommasWhileAFileListKeepsItsItems() {
        String toml = MINIMAL.replace("tags = [\"env:test\", \"team:ops\"]", "tags = [\"teams:ops,web\", \" spaced \"]");
        assertThat(load(toml, Map.of()).mcias().tags()).containsExactly("teams:ops,web", "spaced");
        assertThat(load(toml, Map.of("MCQ_MCIAS_TAGS", "teams:ops,web, env:prod,")).mcias().tags())
                .containsExactly("teams:ops", "web", "env:prod");
        assertThat(load(toml, Map.of("MCQ_MCIAS_TAGS", "")).mcias().tags()).isEmpty();
    }

    @Test
    void environmentVariablesThatAreNotKeysAreIgnored() {
        Config config = load(MINIMAL, Map.of("MCQ_HEAP", "-Xmx256m", "MCQ_SERVER_URL", "https://elsewhere"));
        assertThat(config.mcias().serverUrl()).isEqualTo("https://mcias.example:8443");
    }

    @Test
    void anEmptyNumberMeansTheDefault() {
        Config.Limits limits = load(MINIMAL + """
                [limits]
                max_request_bytes = ""
                in_flight_body_bytes = ""
                """, Map.of("MCQ_LIMITS_TOKEN_CACHE_ENTRIES", "")).limits();
        assertThat(limits.maxRequestBytes()).isEqualTo(ConfigLoader.defaultMaxRequestBytes(4L * 1024 * 1024));
        assertThat(limits.tokenCacheEntries()).isEqualTo(10_000);
    }

    @Test
    void valuesOfTheWrongTypeAreEachNamedWithWhatWasWritten() {
        String bad = MINIMAL.replace("listen_addr = \"127.0.0.1:8443\"", "listen_addr = 8443")
                .replace("tags = [\"env:test\", \"team:ops\"]", "tags = \"env:test\"\nca_cert = { path = \"x\" }")
                + """
                [web]
                cookie_secure = "yes"
                [log]
                level = true
                [sso]
                redirect_uri = 1
                [limits]
                max_document_bytes = "1000"
                token_cache_entries = 1.5
                """;
        assertThatThrownBy(() -> load(bad, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "[server] listen_addr must be a string (got 8443)",
                        "[mcias] tags must be an array of strings (got \"env:test\")",
                        "[mcias] ca_cert must be a string (got a table)",
                        "[web] cookie_secure must be true or false (got \"yes\")",
                        "[log] level must be a string (got true)",
                        "[sso] redirect_uri must be a string (got 1)",
                        "[limits] max_document_bytes must be a whole number (got \"1000\")",
                        "[limits] token_cache_entries must be a whole number (got 1.5)"));
    }

    @Test
    void environmentValuesOfTheWrongTypeAreNamed() {
        assertThatThrownBy(() -> load(MINIMAL, Map.of(
                "MCQ_LIMITS_MAX_DOCUMENT_BYTES", "lots",
                "MCQ_WEB_COOKIE_SECURE", "yes")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "[limits] max_document_bytes must be a whole number (got \"lots\")",
                        "[web] cookie_secure must be true or false (got \"yes\")"));
    }

    @Test
    void unknownKeysAndSectionsAreAllNamedTogether() {
        String toml = "colour = \"blue\"\n" + MINIMAL.replace("[database]", "foo = 1\nbar = \"x\"\n\n[database]") + """
                [extra]
                key = "value"
                [log]
                level = "info"
                [log.sinks]
                file = "x"
                """;
        assertThatThrownBy(() -> load(toml, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "unknown top-level key \"colour\" (expected a [section])",
                        "unknown key [server] foo",
                        "unknown key [server] bar",
                        "unknown section [extra]",
                        "unknown key [log] sinks"));
    }

    @Test
    void aSectionWrittenAsAValueIsNamed() {
        assertThatThrownBy(() -> load("log = \"debug\"\n" + MINIMAL, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .containsExactly("[log] must be a section, not a value (got \"debug\")"));
    }

    @Test
    void missingRequiredFieldsAreEachNamed() {
        assertThatThrownBy(() -> load("[server]\nlisten_addr = \":8443\"\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[database] path is required")
                .hasMessageContaining("[mcias] server_url is required")
                .hasMessageContaining("[mcias] service_name is required");
    }

    @Test
    void invalidValuesAreNamed() {
        String bad = MINIMAL.replace("127.0.0.1:8443", "nonsense") + """
                [log]
                level = "loud"
                [limits]
                max_document_bytes = -1
                """;
        assertThatThrownBy(() -> load(bad, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[server] listen_addr")
                .hasMessageContaining("[log] level")
                .hasMessageContaining("[limits] max_document_bytes");
    }

    @Test
    void unknownKeysAreRejectedSoTyposAreNotSilentlyIgnored() {
        assertThatThrownBy(() -> load(MINIMAL + "[sso]\nredirect_url = \"https://x/sso/callback\"\n", Map.of()))
                .hasMessageContaining("unknown key [sso] redirect_url");
    }

    @Test
    void halfConfiguredTlsRefusesToStart(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "x");
        String toml = MINIMAL.replace("[database]", "tls_cert = \"" + cert + "\"\n\n[database]");
        assertThatThrownBy(() -> load(toml, Map.of()))
                .hasMessageContaining("tls_cert and tls_key must be set together");
    }

    @Test
    void missingCertificateFileIsNamed() {
        String toml = MINIMAL.replace("[database]",
                "tls_cert = \"/nonexistent/cert.pem\"\ntls_key = \"/nonexistent/key.pem\"\n\n[database]");
        assertThatThrownBy(() -> load(toml, Map.of()))
                .hasMessageContaining("[server] tls_cert names a file that does not exist")
                .hasMessageContaining("[server] tls_key names a file that does not exist");
    }

    @Test
    void brokenTomlIsReported() {
        assertThatThrownBy(() -> load("[server\nlisten_addr=", Map.of()))
                .hasMessageContaining("mcq.toml is not valid TOML");
    }

    @Test
    void publicUrlIsOptionalCheckedAndLosesItsTrailingSlash() {
        assertThat(load(MINIMAL, Map.of()).server().publicUrl()).isNull();
        String withUrl = MINIMAL.replace("[database]", "public_url = \"https://mcq.example.net/reviews/\"\n\n[database]");
        assertThat(load(withUrl, Map.of()).server().publicUrl()).isEqualTo("https://mcq.example.net/reviews");
        assertThat(load(MINIMAL, Map.of("MCQ_SERVER_PUBLIC_URL", "http://127.0.0.1:8080")).server().publicUrl())
                .isEqualTo("http://127.0.0.1:8080");
        for (String bad : List.of("mcq.example.net", "ftp://mcq.example.net", "https://user:pw@mcq.example.net",
                "https://mcq.example.net/?a=b", "https://mcq.example.net/#top", "https:///path")) {
            assertThatThrownBy(() -> load(MINIMAL, Map.of("MCQ_SERVER_PUBLIC_URL", bad)))
                    .as(bad).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("[server] public_url must");
        }
    }

    @Test
    void notifyTargetsAreAnArrayOfTablesWithAUrlAndAFormat() {
        assertThat(load(MINIMAL, Map.of()).notifications().targets()).isEmpty();
        Config config = load(MINIMAL + """
                [[notify.targets]]
                url = "https://ntfy.example.com/mcq-reviews-8f3k"
                format = "ntfy"

                [[notify.targets]]
                url = "http://127.0.0.1:9000/hook?token=abc"
                format = "json"
                """, Map.of());
        assertThat(config.notifications().targets()).containsExactly(
                new Config.NotifyTarget(java.net.URI.create("https://ntfy.example.com/mcq-reviews-8f3k"),
                        Config.NotifyFormat.NTFY),
                new Config.NotifyTarget(java.net.URI.create("http://127.0.0.1:9000/hook?token=abc"),
                        Config.NotifyFormat.JSON));
    }

    @Test
    void badNotifyTargetsAreEachNamedWithoutTheirSecretPath() {
        String toml = MINIMAL + """
                [[notify.targets]]
                url = "ntfy.example.com/secret-topic"
                format = "ntfy"

                [[notify.targets]]
                url = "https://hooks.example.com/secret-token"
                format = "xml"

                [[notify.targets]]
                format = "json"
                """;
        assertThatThrownBy(() -> load(toml, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).containsExactlyInAnyOrder(
                            "[[notify.targets]] number 1: url must be an absolute http(s) URL without a fragment"
                                    + " (got no scheme)",
                            "[[notify.targets]] number 2: format must be \"ntfy\" or \"json\" (got \"xml\")",
                            "[[notify.targets]] number 3: url is required");
                    assertThat(e.getMessage()).doesNotContain("secret");
                });
    }

    @Test
    void aMistypedNotifyTargetIsNamed() {
        assertThatThrownBy(() -> load(MINIMAL + """
                [[notify.targets]]
                url = "https://ntfy.example.com/t"
                formt = "ntfy"
                """, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .containsExactly("unknown key \"formt\" in [[notify.targets]] number 1"));
        assertThatThrownBy(() -> load(MINIMAL + """
                [notify.targets]
                url = "https://ntfy.example.com/t"
                """, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .containsExactly("[notify] targets must be an array of tables ([[notify.targets]]) (got a table)"));
    }

    @Test
    void notifyTargetsHaveNoEnvironmentOverride() {
        // One line of text cannot express an array of tables; the variable is not a key.
        assertThat(load(MINIMAL, Map.of("MCQ_NOTIFY_TARGETS", "https://x.example/t")).notifications().targets())
                .isEmpty();
    }

    @Test
    void theExampleConfigurationIsValid() {
        Path example = Path.of("mcq.toml.example");
        Config config = new ConfigLoader(Map.of()).loadToml(readIgnoringFiles(example), example.toString());
        assertThat(config.mcias().serviceName()).isEqualTo("mcq");
    }

    /** The example names certificate files that only exist on a server; drop those lines. */
    private static String readIgnoringFiles(Path example) {
        try {
            return Files.readString(example).lines()
                    .filter(line -> !line.startsWith("tls_cert") && !line.startsWith("tls_key")
                            && !line.startsWith("ca_cert"))
                    .reduce("", (a, b) -> a + b + "\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
