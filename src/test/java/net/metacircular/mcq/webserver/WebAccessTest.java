package net.metacircular.mcq.webserver;

import net.metacircular.mcq.http.Access;
import net.metacircular.mcq.http.Route;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web routes are taken from the router itself, in both sign-in modes, so
 * a page added without an access rule, or a SESSION page that answers
 * without a session, fails here.
 */
class WebAccessTest {

    @TempDir
    Path dir;

    static List<Route> webRoutes(TestMcq mcq) {
        return mcq.app.httpServer().routes().stream()
                .filter(r -> r.method().isHttpMethod() && WebAccess.isWebPath(r.path()))
                .toList();
    }

    @Test
    void everyWebRouteIsInTheAccessTableInBothSignInModes() throws Exception {
        Set<Route> seen = new HashSet<>();
        try (TestMcq direct = TestMcq.start(Files.createDirectories(dir.resolve("direct")))) {
            List<Route> routes = webRoutes(direct);
            assertThat(routes).isNotEmpty();
            assertThat(WebAccessTable.ROUTES.operations()).containsAll(routes);
            seen.addAll(routes);
        }
        try (TestMcq sso = TestMcq.startWithSso(Files.createDirectories(dir.resolve("sso")))) {
            List<Route> routes = webRoutes(sso);
            assertThat(WebAccessTable.ROUTES.operations()).containsAll(routes);
            seen.addAll(routes);
        }
        // And the reverse: no rule for a route that no longer exists.
        assertThat(seen).containsExactlyInAnyOrderElementsOf(WebAccessTable.ROUTES.operations());
    }

    @Test
    void onlySignInPagesAndStaticFilesArePublic() {
        Set<String> publicRoutes = WebAccessTable.ROUTES.rules().entrySet().stream()
                .filter(e -> e.getValue() == Access.PUBLIC)
                .map(e -> e.getKey().toString())
                .collect(Collectors.toSet());
        assertThat(publicRoutes).containsExactlyInAnyOrder("GET /login", "POST /login", "GET /sso/redirect",
                "GET /sso/callback", "GET /static/{name}", "GET /static/vendor/{name}",
                "GET /manifest.webmanifest", "GET /sw.js");
    }

    @Test
    void everySessionRouteSendsABrowserWithoutAValidSessionToSignIn() {
        try (TestMcq mcq = TestMcq.start(dir)) {
            mcq.push("some-doc", "Some doc", "# Some doc\n", mcq.systemToken());
            for (Route route : webRoutes(mcq)) {
                if (WebAccessTable.ROUTES.rules().get(route) != Access.AUTHENTICATED) {
                    continue;
                }
                String path = route.path().replace("{slug}", "some-doc").replace("{revision}", "1")
                        .replace("{id}", "1").replace("<name>", "img/a.png");
                for (String cookie : new String[] {null, "garbage", "eyJhbGciOiJFZERTQSJ9.e30.AAAA"}) {
                    WebClient browser = new WebClient(mcq.baseUrl());
                    if (cookie != null) {
                        browser.cookies.put(Session.COOKIE, cookie);
                    }
                    HttpResponse<String> response = route.method().name().equals("GET")
                            ? browser.get(path)
                            : browser.post(path, Map.of("confirmed", "yes"));
                    assertThat(response.statusCode()).as("%s with cookie %s", route, cookie).isEqualTo(303);
                    String expected = route.method().name().equals("GET") && !path.equals("/")
                            ? "/login?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8)
                            : "/login";
                    assertThat(WebClient.location(response)).as("%s", route).contains(expected);
                    if (cookie != null) {
                        // A dead token is forgotten, so the browser does not keep sending it.
                        assertThat(WebClient.setCookie(response, Session.COOKIE)).get().asString()
                                .contains("Max-Age=0");
                    }
                }
            }
            // Nothing was changed by any of those requests.
            assertThat(mcq.get("/v1/documents/some-doc", mcq.systemToken()).statusCode()).isEqualTo(200);
            assertThat(TestMcq.json(mcq.get("/v1/documents/some-doc", mcq.systemToken())).path("read").asBoolean())
                    .isFalse();
        }
    }

    @Test
    void publicPagesAnswerWithoutASession() {
        try (TestMcq mcq = TestMcq.start(dir)) {
            WebClient browser = new WebClient(mcq.baseUrl());
            assertThat(browser.get("/login").statusCode()).isEqualTo(200);
            assertThat(browser.get("/static/mcq.css").statusCode()).isEqualTo(200);
            // The diagram frame and the vendored libraries hold no data; the frame has no session anyway.
            assertThat(browser.get("/static/diagram.html").statusCode()).isEqualTo(200);
            assertThat(browser.get("/static/" + StaticAssets.KATEX).statusCode()).isEqualTo(200);
            // The installable web app's files: the manifest, its icons, the service worker and the offline page.
            assertThat(browser.get("/manifest.webmanifest").statusCode()).isEqualTo(200);
            assertThat(browser.get("/sw.js").statusCode()).isEqualTo(200);
            assertThat(browser.get("/static/" + StaticAssets.ICON_512).statusCode()).isEqualTo(200);
            assertThat(browser.get("/static/" + StaticAssets.OFFLINE_PAGE).statusCode()).isEqualTo(200);
            assertThat(browser.get("/static/vendor/VENDORED.md").statusCode()).isEqualTo(404);
            assertThat(browser.get("/static/APP-ICONS.md").statusCode()).isEqualTo(404);
            assertThat(browser.get("/static/vendor/..%2Fmcq.css").statusCode()).isEqualTo(404);
        }
    }
}
