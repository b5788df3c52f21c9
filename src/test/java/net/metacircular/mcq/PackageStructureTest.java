package net.metacircular.mcq;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package graph, as {@code jdeps} reads it from the compiled classes:
 * dependencies point one way (no cycles), and the layers ARCHITECTURE.md
 * draws hold.
 */
class PackageStructureTest {

    private static final String BASE = "net.metacircular.mcq";
    private static final Pattern EDGE = Pattern.compile(
            "^\\s+(net\\.metacircular\\.mcq[\\w.]*)\\s+->\\s+(net\\.metacircular\\.mcq[\\w.]*)\\s", Pattern.MULTILINE);

    /** Package (short name, "" for the base package) to the packages it uses. */
    private static Map<String, Set<String>> graph;

    @BeforeAll
    static void readGraph() {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() ->
                new IllegalStateException("jdeps is not in this JDK"));
        StringWriter out = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(new StringWriter()),
                "-verbose:package", "-filter:none", Path.of("target/classes").toString());
        assertThat(status).as("jdeps exit status").isZero();
        graph = new TreeMap<>();
        Matcher m = EDGE.matcher(out.toString());
        while (m.find()) {
            String from = shortName(m.group(1));
            String to = shortName(m.group(2));
            graph.computeIfAbsent(from, k -> new TreeSet<>());
            if (!from.equals(to) && !to.startsWith("grpc.")) {
                graph.get(from).add(to);
            }
        }
        assertThat(graph).as("packages read by jdeps").containsKeys("http", "server", "documents", "db", "cli");
    }

    @Test
    void thePackageGraphHasNoCycles() {
        List<Set<String>> knots = stronglyConnected();
        assertThat(knots).as("package cycles (each set depends on itself through the others)").isEmpty();
    }

    @Test
    void theSharedHttpLayerDependsOnNoSurfaceAndNoStore() {
        assertThat(graph.get("http")).doesNotContainAnyElementsOf(
                List.of("server", "webserver", "mcp", "grpcserver", "cli", "client", "db", "documents", "render"));
    }

    @Test
    void theRulesDependOnNoStorageAndNoSurface() {
        assertThat(graph.get("documents")).doesNotContainAnyElementsOf(
                List.of("db", "http", "server", "webserver", "mcp", "grpcserver", "cli", "client", "render"));
        assertThat(graph.get("auth")).doesNotContainAnyElementsOf(
                List.of("db", "documents", "http", "server", "webserver", "mcp", "grpcserver", "cli", "client"));
        assertThat(graph.get("reviews")).doesNotContainAnyElementsOf(
                List.of("db", "http", "server", "webserver", "mcp", "grpcserver", "cli", "client", "render"));
    }

    @Test
    void onlyTheCommandLineWiresTheSurfacesTogether() {
        for (String surface : List.of("server", "webserver", "mcp", "grpcserver")) {
            for (Map.Entry<String, Set<String>> entry : graph.entrySet()) {
                if (!entry.getKey().equals("cli")) {
                    assertThat(entry.getValue()).as(entry.getKey() + " depends on " + surface)
                            .doesNotContain(surface);
                }
            }
        }
    }

    private static String shortName(String pkg) {
        return pkg.equals(BASE) ? "(base)" : pkg.substring(BASE.length() + 1);
    }

    /** Tarjan's algorithm: the strongly connected sets of more than one package. */
    private static List<Set<String>> stronglyConnected() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> knots = new ArrayList<>();
        int[] counter = {0};
        for (String node : graph.keySet()) {
            if (!index.containsKey(node)) {
                visit(node, index, low, stack, onStack, knots, counter);
            }
        }
        return knots;
    }

    private static void visit(String node, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
                              Set<String> onStack, List<Set<String>> knots, int[] counter) {
        index.put(node, counter[0]);
        low.put(node, counter[0]);
        counter[0]++;
        stack.push(node);
        onStack.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                visit(next, index, low, stack, onStack, knots, counter);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            if (component.size() > 1) {
                knots.add(component);
            }
        }
    }
}
