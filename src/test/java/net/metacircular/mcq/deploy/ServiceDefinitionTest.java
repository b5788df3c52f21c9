package net.metacircular.mcq.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import net.metacircular.mcq.config.Config;
import net.metacircular.mcq.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference MCP service definition, deploy/mcq-rift.toml, read as MCP
 * reads it: the rules of the platform's packaging guide, and agreement with
 * what MCQ itself reads (the ports the agent passes, the config path, the
 * image the build produces).
 */
class ServiceDefinitionTest {

    private static final Path DEFINITION = Path.of("deploy/mcq-rift.toml");
    private static final Path EXAMPLE_CONFIG = Path.of("deploy/examples/mcq.toml");
    /** The port variables ConfigLoader honours. */
    private static final Set<String> PORT_VARIABLES_MCQ_READS = Set.of("PORT", "PORT_GRPC");

    private static JsonNode definition() throws IOException {
        return new TomlMapper().readTree(Files.readString(DEFINITION));
    }

    private static JsonNode onlyComponent() throws IOException {
        JsonNode components = definition().path("components");
        assertThat(components.isArray()).as("[[components]] is a list").isTrue();
        assertThat(components).hasSize(1);
        return components.get(0);
    }

    @Test
    void namesTheServiceAndTheNode() throws IOException {
        JsonNode root = definition();
        assertThat(root.path("name").asText()).isEqualTo("mcq");
        assertThat(root.path("node").asText()).isEqualTo("rift");
    }

    @Test
    void imageIsPinnedToASemverTagInTheRegistry() throws IOException {
        String image = onlyComponent().path("image").asText();
        assertThat(image)
                .startsWith("mcr.svc.mcp.metacircular.net:8443/mcq:")
                .doesNotEndWith(":latest")
                .matches("mcr\\.svc\\.mcp\\.metacircular\\.net:8443/mcq:v\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void buildImageMatchesTheComponentImageAndNamesAnExistingDockerfile() throws IOException {
        JsonNode images = definition().path("build").path("images");
        String image = onlyComponent().path("image").asText();
        // The guide: the key is the repository name, after the last '/' and before the tag.
        String repository = image.substring(image.lastIndexOf('/') + 1, image.lastIndexOf(':'));
        assertThat(images.has(repository)).as("[build.images] has %s", repository).isTrue();
        assertThat(images.path(repository).asText()).isEqualTo("Dockerfile");
        assertThat(Path.of(images.path(repository).asText())).isRegularFile();
    }

    @Test
    void mountsTheDataDirectoryAndRunsTheServerOnItsConfig() throws IOException {
        JsonNode component = onlyComponent();
        assertThat(strings(component.path("volumes"))).containsExactly("/srv/mcq:/srv/mcq");
        assertThat(strings(component.path("cmd"))).containsExactly("server", "--config", "/srv/mcq/mcq.toml");
    }

    @Test
    void routesHaveValidModesAndTheGrpcRouteIsNamedAndPassedThrough() throws IOException {
        JsonNode routes = onlyComponent().path("routes");
        assertThat(routes.isArray()).isTrue();
        assertThat(routes).isNotEmpty();
        for (JsonNode route : routes) {
            assertThat(route.path("mode").asText()).as("mode of %s", route).isIn("l4", "l7");
            assertThat(route.path("port").isInt()).as("port of %s", route).isTrue();
        }

        List<JsonNode> grpc = new ArrayList<>();
        List<JsonNode> web = new ArrayList<>();
        routes.forEach(route -> {
            if (route.path("name").asText().equals("grpc")) {
                grpc.add(route);
            } else if (route.path("mode").asText().equals("l7")) {
                web.add(route);
            }
        });
        assertThat(grpc).as("one route named grpc").hasSize(1);
        // gRPC is HTTP/2 with MCQ's own TLS: passed through, not terminated.
        assertThat(grpc.get(0).path("mode").asText()).isEqualTo("l4");
        assertThat(grpc.get(0).path("port").asInt()).isEqualTo(9443);
        assertThat(web).as("one l7 route for the web UI and API").hasSize(1);
        assertThat(web.get(0).path("port").asInt()).isEqualTo(443);
    }

    @Test
    void everyRoutePortReachesAListenerMcqBinds() throws IOException {
        // The agent passes $PORT for an unnamed route and $PORT_<NAME> for a
        // named one; a route whose variable MCQ ignores would lead nowhere.
        JsonNode routes = onlyComponent().path("routes");
        List<String> variables = new ArrayList<>();
        routes.forEach(route -> variables.add(route.hasNonNull("name")
                ? "PORT_" + route.path("name").asText().toUpperCase(Locale.ROOT)
                : "PORT"));
        assertThat(variables).doesNotHaveDuplicates();
        assertThat(PORT_VARIABLES_MCQ_READS).containsAll(variables);
    }

    @Test
    void theAgentsPortsOverrideTheExampleConfigAndBindEveryInterface(@TempDir Path dir) throws IOException {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "placeholder");
        Path key = Files.writeString(dir.resolve("key.pem"), "placeholder");
        // As the agent starts the container: ports in $PORT/$PORT_GRPC, the
        // component's env; the certificate paths moved to files that exist
        // on this machine.
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "PORT", "20443",
                "PORT_GRPC", "20444",
                "MCQ_SERVER_TLS_CERT", cert.toString(),
                "MCQ_SERVER_TLS_KEY", key.toString()));
        for (JsonNode variable : onlyComponent().path("env")) {
            String[] pair = variable.asText().split("=", 2);
            env.put(pair[0], pair[1]);
        }
        Config config = new ConfigLoader(env).load(EXAMPLE_CONFIG);

        // The l7 route gets plain HTTP from mc-proxy; the l4 gRPC route gets TLS.
        assertThat(config.server().grpcEnabled() && config.server().tlsEnabled()).isTrue();
        assertThat(config.server().httpTlsEnabled()).isFalse();

        assertThat(config.server().listenAddr().port()).isEqualTo(20443);
        assertThat(config.server().listenAddr().host()).isEqualTo("0.0.0.0");
        assertThat(config.server().grpcAddr().port()).isEqualTo(20444);
        assertThat(config.server().grpcAddr().host()).isEqualTo("0.0.0.0");
        assertThat(config.server().tlsEnabled()).isTrue();
        assertThat(config.database().path()).isEqualTo(Path.of("/srv/mcq/mcq.db"));
    }

    @Test
    void theExampleConfigKeepsEverythingUnderTheMountedDataDirectory() throws IOException {
        JsonNode example = new TomlMapper().readTree(Files.readString(EXAMPLE_CONFIG));
        String volume = strings(onlyComponent().path("volumes")).get(0);
        String mounted = volume.substring(volume.indexOf(':') + 1) + "/";
        assertThat(example.path("database").path("path").asText()).startsWith(mounted);
        assertThat(example.path("server").path("tls_cert").asText()).startsWith(mounted + "certs/");
        assertThat(example.path("server").path("tls_key").asText()).startsWith(mounted + "certs/");
        assertThat(example.path("server").path("listen_addr").asText()).isEqualTo(":8443");
        assertThat(example.path("server").path("grpc_addr").asText()).isEqualTo(":9443");
    }

    private static List<String> strings(JsonNode array) {
        assertThat(array.isArray()).as("%s is a list", array).isTrue();
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.asText()));
        return values;
    }
}
