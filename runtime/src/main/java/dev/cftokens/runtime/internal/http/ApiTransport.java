package dev.cftokens.runtime.internal.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cftokens.core.json.JsonTrees;
import dev.cftokens.runtime.CloudflareOutcomeUnknownException;
import dev.cftokens.runtime.RateLimit;
import dev.cftokens.runtime.RetryPolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends requests to Cloudflare and returns their envelopes: authentication and {@code User-Agent}
 * headers, the client-side rate limit, retries, envelope parsing and one debug log line per attempt.
 * One instance per {@code Cloudflare} client; thread-safe. It builds each request and hands it to a
 * {@code Call}, which attempts it over the client's shared {@code Wire}, within the call's {@code Retries},
 * reading each answer as an {@code Outcome}; {@code RequestLog} holds every line they log.
 *
 * <p>Retry rules, and why:
 *
 * <ul>
 *   <li>{@code GET}, {@code PUT} and {@code DELETE} are idempotent: a 5xx, a 429 or a connection failure
 *       is retried with exponential back-off and jitter, within {@link RetryPolicy}'s bounds.
 *   <li>A {@code POST} (token creation) is retried only when it certainly did nothing: after a 429
 *       (Cloudflare rate-limits before processing a request, so a 429 means "not carried out"), or when
 *       the connection could not even be opened. A 5xx answer to a POST may come from a proxy after the
 *       API already created the token, and a connection lost after sending leaves no answer at all: both
 *       become {@link CloudflareOutcomeUnknownException}, so the caller looks before it writes again.
 *   <li>A 2xx whose body is not a readable envelope was carried out but garbled: a POST becomes {@link
 *       CloudflareOutcomeUnknownException}, anything else is retried like a 5xx.
 *   <li>A 4xx other than 429 is the caller's mistake and is never retried.
 * </ul>
 */
public final class ApiTransport {
    private static final String JSON_TYPE = "application/json; charset=utf-8";

    private final URI baseUrl;
    private final ApiCredentials credentials;
    private final String userAgent;
    private final RetryPolicy retryPolicy;
    private final Wire wire;

    /**
     * A transport; it sends nothing until asked.
     *
     * @param exchange the HTTP client, with its timeouts set
     * @param baseUrl the API's base URL, including {@code /client/v4}, without a trailing {@code /}
     * @param credentials what each request authenticates with
     * @param userAgent the whole {@code User-Agent} header
     * @param retryPolicy when and how long to retry
     * @param rateLimit the client-side request budget
     * @param time the clock and sleeper of back-off and rate limiting
     */
    public ApiTransport(
            HttpExchange exchange,
            URI baseUrl,
            ApiCredentials credentials,
            String userAgent,
            RetryPolicy retryPolicy,
            RateLimit rateLimit,
            TimeSource time) {
        requireNonNull(exchange, "exchange");
        this.baseUrl = requireNonNull(baseUrl, "baseUrl");
        this.credentials = requireNonNull(credentials, "credentials");
        this.userAgent = requireNonNull(userAgent, "userAgent");
        this.retryPolicy = requireNonNull(retryPolicy, "retryPolicy");
        requireNonNull(time, "time");
        requireNonNull(rateLimit, "rateLimit");
        this.wire = new Wire(exchange, rateLimit, time);
    }

    /**
     * How many requests to keep in flight to use this client's rate limit (its shortest window, at most
     * Cloudflare's 200 per second) with the round trip measured so far, from {@code min} to {@code max};
     * {@code fallback} before the first answer.
     *
     * @param fallback the number before any round trip has been measured
     * @param min the fewest requests to keep in flight
     * @param max the most requests to keep in flight
     * @return the number of requests to keep in flight now
     */
    public int concurrency(int fallback, int min, int max) {
        return wire.concurrency(fallback, min, max);
    }

    /** {@return the API's base URL, including {@code /client/v4}} */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * Sends {@code GET path?query}.
     *
     * @param path below the base URL, starting with {@code /}
     * @param query parameters, never secret
     * @return the success envelope
     */
    public Envelope get(String path, Map<String, String> query) {
        return execute("GET", path, query, null, false);
    }

    /**
     * Sends {@code method path} with a JSON body ({@code null} for none).
     *
     * @param method the HTTP method, such as {@code PUT}
     * @param path below the base URL, starting with {@code /}
     * @param body the JSON body, or null
     * @return the success envelope
     */
    public Envelope sendJson(String method, String path, JsonNode body) {
        return sendJson(method, path, body, false);
    }

    /**
     * {@code method path} with a JSON body, for a request whose answer carries a secret (a token's value,
     * as from a create or a roll): when that answer cannot be read, its body is never excerpted in the
     * error, since even a redacted excerpt of a truncated answer could show most of the value.
     *
     * @param method the HTTP method, such as {@code POST}
     * @param path below the base URL, starting with {@code /}
     * @param body the JSON body, or null
     * @return the success envelope
     */
    public Envelope sendJsonForSecret(String method, String path, JsonNode body) {
        return sendJson(method, path, body, true);
    }

    private Envelope sendJson(String method, String path, JsonNode body, boolean secretAnswer) {
        HttpExchange.Body requestBody =
                body == null ? null : new HttpExchange.Body(JSON_TYPE, JsonTrees.writeBytes(body));
        return execute(method, path, Map.of(), requestBody, secretAnswer);
    }

    /**
     * Sends one request with a body of any type (a Worker's multipart upload), retrying as the class
     * documentation says, and returns its success envelope.
     *
     * @param method the HTTP method, such as {@code PUT}
     * @param path below the base URL, starting with {@code /}; its segments are URL-encoded here
     * @param contentType the body's media type
     * @param body the request body
     * @return the success envelope
     */
    public Envelope send(String method, String path, String contentType, byte[] body) {
        return execute(method, path, Map.of(), new HttpExchange.Body(contentType, body), false);
    }

    private Envelope execute(
            String method, String path, Map<String, String> query, HttpExchange.Body body, boolean secretAnswer) {
        requireNonNull(method, "method");
        requireNonNull(path, "path");
        return new Call(wire, retryPolicy, path, buildRequest(method, path, query, body), secretAnswer).run();
    }

    private HttpExchange.Outgoing buildRequest(
            String method, String path, Map<String, String> query, HttpExchange.Body body) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /, not " + path);
        }
        StringBuilder url = new StringBuilder(baseUrl.toString());
        for (String segment : path.substring(1).split("/", -1)) {
            url.append('/').append(PathSegments.encode(segment));
        }
        if (query != null && !query.isEmpty()) {
            char separator = '?';
            for (Map.Entry<String, String> parameter : query.entrySet()) {
                url.append(separator)
                        .append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", userAgent);
        headers.put("Accept", "application/json");
        credentials.authenticate(headers);
        return new HttpExchange.Outgoing(method, URI.create(url.toString()), headers, body);
    }

    @Override
    public String toString() {
        return "ApiTransport{" + baseUrl + ", " + credentials + "}";
    }
}
