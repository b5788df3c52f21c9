package net.metacircular.mcq.server;
import net.metacircular.mcq.http.Route;
import net.metacircular.mcq.http.Access;

import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every /v1 route is taken from the router itself, so a route added without
 * an access rule, or without bearer protection, fails here.
 */
class RestAccessTest {

    @TempDir
    static Path dir;
    static TestMcq mcq;

    @BeforeAll
    static void start() {
        mcq = TestMcq.start(dir);
    }

    @AfterAll
    static void stop() {
        mcq.close();
    }

    static List<Route> restRoutes() {
        return mcq.app.httpServer().routes().stream()
                .filter(r -> r.method().isHttpMethod() && r.path().startsWith("/v1/"))
                .toList();
    }

    @Test
    void everyRouteInTheRouterIsInTheAccessTableAndTheReverse() {
        Set<Route> routed = Set.copyOf(restRoutes());
        assertThat(routed).isNotEmpty();
        assertThat(RestAccessTable.ROUTES.operations()).containsExactlyInAnyOrderElementsOf(routed);
    }

    @Test
    void onlyHealthAndLoginArePublic() {
        Set<String> publicRoutes = RestAccessTable.ROUTES.rules().entrySet().stream()
                .filter(e -> e.getValue() == Access.PUBLIC)
                .map(e -> e.getKey().toString())
                .collect(Collectors.toSet());
        assertThat(publicRoutes).containsExactlyInAnyOrder("GET /v1/health", "POST /v1/auth/login");
    }

    @Test
    void everyProtectedRouteRefusesMissingInvalidAndExpiredTokens() {
        String expired = mcq.login("guest", "guest-dev-password");
        // Past the human token lifetime at MCIAS; the token was never cached by MCQ.
        mcq.clock.advance(Duration.ofHours(13));
        try {
            for (Route route : restRoutes()) {
                if (RestAccessTable.ROUTES.rules().get(route) == Access.PUBLIC) {
                    continue;
                }
                String path = route.path().replace("{slug}", "some-doc").replace("{revision}", "1").replace("{id}", "1")
                        .replace("<name>", "img/a.png");
                for (String token : new String[] {null, "garbage", "eyJhbGciOiJFZERTQSJ9.e30.AAAA", expired}) {
                    HttpResponse<String> response = mcq.send(route.method().name(), path, token,
                            "application/json", "{\"title\":\"t\",\"body\":\"b\"}");
                    assertThat(response.statusCode()).as("%s with token %s", route, token).isEqualTo(401);
                    assertThat(TestMcq.json(response).path("error").asText()).isNotEmpty();
                    assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
                }
            }
        } finally {
            mcq.clock.advance(Duration.ofHours(-13));
        }
        assertThat(mcq.get("/v1/documents/some-doc", mcq.systemToken()).statusCode()).isEqualTo(404);
    }
}
