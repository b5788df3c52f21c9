package net.metacircular.mcq.devidp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Talks to a started provider over real HTTP, the way MCQ's client and a browser do. */
final class IdpHttp {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;

    IdpHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    HttpResponse<String> postJson(String path, Object body) {
        try {
            return postRaw(path, JSON.writeValueAsString(body), "application/json", Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> postRaw(String path, String body, String contentType, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    HttpResponse<String> postForm(String path, Map<String, String> fields) {
        return postRaw(path, formEncode(fields), "application/x-www-form-urlencoded", Map.of());
    }

    HttpResponse<String> get(String path, Map<String, String> query) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path + "?" + formEncode(query)))
                .timeout(Duration.ofSeconds(10)).GET().build());
    }

    HttpResponse<String> login(String username, String password, String totp, String service) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", password);
        if (totp != null) {
            body.put("totp_code", totp);
        }
        body.put("service_name", service);
        body.put("tags", java.util.List.of("env:test"));
        return postJson("/v1/auth/login", body);
    }

    /** Logs in to mcq and returns the token; fails the test if the login does not succeed. */
    String token(String username, String password) {
        HttpResponse<String> response = login(username, password, null, "mcq");
        if (response.statusCode() != 200) {
            throw new AssertionError("login of " + username + " failed: " + response.statusCode());
        }
        return json(response).get("token").asText();
    }

    JsonNode validate(String token) {
        HttpResponse<String> response = postJson("/v1/token/validate", Map.of("token", token));
        if (response.statusCode() != 200) {
            throw new AssertionError("validate answered " + response.statusCode());
        }
        return json(response);
    }

    HttpResponse<String> logout(String token) {
        return postRaw("/v1/auth/logout", "", "application/json", Map.of("Authorization", "Bearer " + token));
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String formEncode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
