package dev.cftokens.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;

/** Builds envelopes for MockWebServer and clients pointed at it. */
final class MockCloudflare {
    static final String ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";
    static final String API_TOKEN = "Zx3kY8pQ2wL9mN4bV7cR1tS6uH0jG5fD3aE8iO2";

    private MockCloudflare() {}

    static MockWebServer start() {
        MockWebServer server = new MockWebServer();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    static String baseUrl(MockWebServer server) {
        return server.url("/client/v4").toString();
    }

    /** A client of {@code server} with fake time and no rate limit. */
    static Cloudflare.Builder client(MockWebServer server, FakeTime time) {
        return Cloudflare.builder()
                .baseUrl(baseUrl(server))
                .apiToken(API_TOKEN)
                .accountId(ACCOUNT)
                .rateLimit(RateLimit.unlimited())
                .timeSource(time);
    }

    static MockResponse ok(String resultJson) {
        return json(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + resultJson + "}");
    }

    static MockResponse page(String resultArray, int page, int perPage, int count, int totalCount) {
        int totalPages = (totalCount + perPage - 1) / perPage;
        return json(
                200,
                "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + resultArray
                        + ",\"result_info\":{\"page\":" + page + ",\"per_page\":" + perPage + ",\"count\":" + count
                        + ",\"total_count\":" + totalCount + ",\"total_pages\":" + totalPages + "}}");
    }

    static MockResponse error(int status, int code, String message) {
        return json(
                status,
                "{\"success\":false,\"errors\":[{\"code\":" + code + ",\"message\":\"" + message
                        + "\"}],\"messages\":[],\"result\":null}");
    }

    static MockResponse json(int status, String body) {
        return new MockResponse.Builder()
                .code(status)
                .headers(Headers.of("Content-Type", "application/json"))
                .body(body)
                .build();
    }

    static RecordedRequest take(MockWebServer server) {
        try {
            RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
            if (request == null) {
                throw new AssertionError("no request arrived");
            }
            return request;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** A token object as Cloudflare answers it. */
    static String tokenJson(String id, String name) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"status\":\"active\","
                + "\"issued_on\":\"2024-01-01T00:00:00Z\",\"modified_on\":\"2024-01-02T03:04:05.123456Z\","
                + "\"policies\":[{\"id\":\"f267e341f3dd4697bd3b9f71dd96247f\",\"effect\":\"allow\","
                + "\"permission_groups\":[{\"id\":\"c8fed203ed3043cba015a93ad1616f1f\",\"name\":\"Zone Read\"}],"
                + "\"resources\":{\"com.cloudflare.api.account.zone.*\":\"*\"}}]}";
    }
}
