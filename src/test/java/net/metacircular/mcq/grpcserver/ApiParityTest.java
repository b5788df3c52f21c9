package net.metacircular.mcq.grpcserver;

import net.metacircular.mcq.http.Access;
import net.metacircular.mcq.server.RestAccessTable;
import net.metacircular.mcq.http.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every REST endpoint has its RPC and every RPC its REST endpoint, as ApiParity declares. */
class ApiParityTest {

    @TempDir
    Path dir;

    @Test
    void everyRestRouteHasAnRpcAndTheReverse() throws Exception {
        Set<String> restRoutes;
        try (McqInstance mcq = McqInstance.start(dir, "http://127.0.0.1:9")) {
            restRoutes = mcq.app.httpServer().routes().stream()
                    .filter(route -> route.method().isHttpMethod() && route.path().startsWith("/v1/"))
                    .map(Route::toString)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> declaredRest = ApiParity.TABLE.stream().map(pair -> pair.rest().toString())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(declaredRest).as("REST routes in ApiParity.TABLE vs the router").isEqualTo(restRoutes);

        Set<String> rpcs = GrpcAccessTableTest.allRpcs().stream().map(m -> m.getFullMethodName())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> declaredRpcs = ApiParity.TABLE.stream().map(pair -> pair.rpc().getFullMethodName())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(declaredRpcs).as("RPCs in ApiParity.TABLE vs the generated services").isEqualTo(rpcs);
        assertThat(ApiParity.TABLE).as("one row per RPC").hasSize(rpcs.size());
    }

    @Test
    void twinsHaveTheSameAccessRule() {
        for (ApiParity.Pair pair : ApiParity.TABLE) {
            Access rest = RestAccessTable.ROUTES.lookup(pair.rest()).orElseThrow();
            Access rpc = GrpcAccessTable.MCQ.lookup(pair.rpc().getFullMethodName()).orElseThrow();
            assertThat(rpc).as(pair.rest() + " / " + pair.rpc().getFullMethodName()).isEqualTo(rest);
        }
    }

    @Test
    void architectureDocShowsTheTable() throws Exception {
        String doc = Files.readString(Path.of("ARCHITECTURE.md"));
        assertThat(doc).contains("## REST and gRPC").contains(ApiParity.markdownTable());
    }
}
