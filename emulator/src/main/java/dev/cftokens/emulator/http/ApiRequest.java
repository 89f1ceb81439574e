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

    public ApiRequest(HttpExchange exchange, String path, Map<String, String> pathParams) {
        this.exchange = exchange;
        this.path = path;
        this.pathParams = Map.copyOf(pathParams);
        this.query = parseQuery(exchange.getRequestURI().getRawQuery());
    }

    public String method() {
        return exchange.getRequestMethod();
    }

    /** The path below {@code /client/v4}, such as {@code /accounts/abc/tokens}. */
    public String path() {
        return path;
    }

    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no parameter " + name);
        }
        return value;
    }

    /** A query parameter (first value, decoded), or null. */
    public String query(String name) {
        return query.get(name);
    }

    /** A whole-number query parameter in {@code [min, max]}, or {@code fallback} when absent; else a 400. */
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

    /** {@code true} or {@code false}, false when absent; anything else is a 400. */
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

    public String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    public InetAddress remoteAddress() {
        return exchange.getRemoteAddress().getAddress();
    }

    /** The request body, read once; more than {@link #MAX_BODY_BYTES} is a 413. */
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
