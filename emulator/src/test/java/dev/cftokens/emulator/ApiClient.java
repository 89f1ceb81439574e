package dev.cftokens.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A plain java.net.http client for tests: the emulator is checked over real HTTP, never through runtime. */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final Map<String, String> headers;

    private ApiClient(String baseUrl, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.headers = headers;
    }

    static ApiClient bearer(CloudflareEmulator emulator, String token) {
        return new ApiClient(emulator.baseUrl(), Map.of("Authorization", "Bearer " + token));
    }

    static ApiClient admin(CloudflareEmulator emulator) {
        return bearer(emulator, emulator.adminToken());
    }

    static ApiClient withHeaders(CloudflareEmulator emulator, Map<String, String> headers) {
        return new ApiClient(emulator.baseUrl(), new LinkedHashMap<>(headers));
    }

    /** An answer: status, parsed JSON body (null when not JSON), raw text and headers. */
    record Response(int status, JsonNode body, String text, HttpHeaders headers) {
        JsonNode result() {
            return body.get("result");
        }

        boolean success() {
            return body != null && body.path("success").asBoolean(false);
        }

        int errorCode() {
            return body.path("errors").path(0).path("code").asInt();
        }

        String errorMessage() {
            return body.path("errors").path(0).path("message").asText();
        }

        /** Every error message, joined, for assertions on one of several. */
        String errorMessages() {
            StringBuilder all = new StringBuilder();
            body.path("errors")
                    .forEach(e -> all.append(e.path("message").asText()).append('\n'));
            return all.toString();
        }
    }

    Response get(String path) {
        return send("GET", path, null);
    }

    Response post(String path, String json) {
        return send("POST", path, json);
    }

    Response put(String path, String json) {
        return send("PUT", path, json);
    }

    Response delete(String path) {
        return send("DELETE", path, null);
    }

    Response send(String method, String path, String json) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20));
        headers.forEach(request::header);
        if (json != null) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return send(request.build());
    }

    static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            if (response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
                body = JSON.readTree(response.body());
            }
            return new Response(response.statusCode(), body, response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
