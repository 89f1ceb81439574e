package dev.cftokens.emulator.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One request as the handlers see it: method, route parameters, query, headers, body, caller address. */
public final class ApiRequest {
    /** Cloudflare takes Worker uploads up to 10 MiB compressed; nothing the emulator serves needs more. */
    public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final HttpExchange exchange;
    private final String path;
    private final Map<String, String> pathParams;
    private final Map<String, String> query;
    private byte[] body;

    /**
     * A request matched to a route.
     *
     * @param exchange the exchange of the JDK's HTTP server
     * @param path the path below {@code /client/v4}
     * @param pathParams the values of the route's {@code {name}} segments, by name
     */
    public ApiRequest(HttpExchange exchange, String path, Map<String, String> pathParams) {
        this.exchange = exchange;
        this.path = path;
        this.pathParams = Map.copyOf(pathParams);
        this.query = parseQuery(exchange.getRequestURI().getRawQuery());
    }

    /** {@return the HTTP method, such as {@code GET}} */
    public String method() {
        return exchange.getRequestMethod();
    }

    /** {@return the path below {@code /client/v4}, such as {@code /accounts/abc/tokens}} */
    public String path() {
        return path;
    }

    /**
     * {@return the value of the route's {@code {name}} segment, such as a token id}
     *
     * @param name the segment's name
     * @throws IllegalStateException when the route has no such segment
     */
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no parameter " + name);
        }
        return value;
    }

    /**
     * {@return a query parameter (first value, decoded), or null}
     *
     * @param name the parameter's name
     */
    public String query(String name) {
        return query.get(name);
    }

    /**
     * {@return a whole-number query parameter in {@code [min, max]}, or {@code fallback} when absent}
     *
     * @param name the parameter's name
     * @param fallback the value when it is absent
     * @param min the smallest value accepted
     * @param max the largest value accepted
     * @throws ApiException a 400 when the value is not a whole number or out of range
     */
    public int intQuery(String name, int fallback, int min, int max) {
        String raw = query(name);
        if (raw == null) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw ApiException.validation(name + " \"" + raw + "\" is not a whole number");
        }
        if (value < min || value > max) {
            throw ApiException.validation(name + " " + value + " is out of range: "
                    + (max == Integer.MAX_VALUE ? "it starts at " + min : "it must be " + min + " to " + max));
        }
        return value;
    }

    /**
     * {@return the value of a {@code true} or {@code false} query parameter; false when absent}
     *
     * @param name the parameter's name
     * @throws ApiException a 400 for any other value
     */
    public boolean booleanQuery(String name) {
        String raw = query(name);
        if (raw == null) {
            return false;
        }
        if (raw.equals("true") || raw.equals("false")) {
            return Boolean.parseBoolean(raw);
        }
        throw ApiException.validation(name + " \"" + raw + "\" is not true or false");
    }

    /**
     * {@return the first value of a request header, or null}
     *
     * @param name the header's name, in any case
     */
    public String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** {@return the client's address} */
    public InetAddress remoteAddress() {
        return exchange.getRemoteAddress().getAddress();
    }

    /**
     * {@return the request body, read once}
     *
     * @throws ApiException a 413 for a body of more than {@link #MAX_BODY_BYTES}
     */
    public byte[] body() {
        if (body == null) {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] read = in.readNBytes(MAX_BODY_BYTES + 1);
                if (read.length > MAX_BODY_BYTES) {
                    throw new ApiException(
                            413,
                            ErrorCodes.VALIDATION,
                            "request body is larger than " + MAX_BODY_BYTES / (1024 * 1024)
                                    + " MiB, more than any token or Worker upload needs");
                }
                body = read;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return body;
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("query parameter \"" + text + "\" is not URL-encoded correctly");
        }
    }
}
