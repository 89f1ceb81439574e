package dev.cftokens.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.cftokens.core.rules.Timestamps;
import dev.cftokens.emulator.access.Authenticator;
import dev.cftokens.emulator.access.Caller;
import dev.cftokens.emulator.http.ApiException;
import dev.cftokens.emulator.http.ApiRequest;
import dev.cftokens.emulator.http.ApiResponse;
import dev.cftokens.emulator.http.EnvelopeWriter;
import dev.cftokens.emulator.http.ErrorCodes;
import dev.cftokens.emulator.http.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /__emulator/clock} reads and {@code POST /__emulator/clock} with {@code {"advance": "P30D"}}
 * moves the emulator's clock, so a test in another process (the standalone jar) can do what {@link
 * CloudflareEmulator#advanceClock} does in process. Outside {@code /client/v4} on purpose: no Cloudflare
 * client ever calls it, and no fault, rate limit or request count applies to it. It takes only a credential
 * with every right (the admin token or the global API key): an issued token must not age its own kind.
 */
final class ClockEndpoint implements HttpHandler {
    static final String PATH = "/__emulator/clock";

    private final EmulatorClock clock;
    private final Authenticator authenticator;
    /** The store's time, in whole seconds: what every answer shows. */
    private final Supplier<Instant> now;

    ClockEndpoint(EmulatorClock clock, Authenticator authenticator, Supplier<Instant> now) {
        this.clock = clock;
        this.authenticator = authenticator;
        this.now = now;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        int status = 200;
        byte[] body;
        try {
            body = EnvelopeWriter.success(ApiResponse.ok(serve(exchange)));
        } catch (ApiException e) {
            status = e.status();
            body = EnvelopeWriter.failure(e.errors());
        }
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private ObjectNode serve(HttpExchange exchange) {
        if (!exchange.getRequestURI().getPath().equals(PATH)) {
            throw new ApiException(
                    404,
                    ErrorCodes.NO_ROUTE,
                    "Could not route to " + exchange.getRequestURI().getPath() + "; the clock is at " + PATH);
        }
        ApiRequest request = new ApiRequest(exchange, PATH, Map.of());
        Caller caller = authenticator.authenticate(request);
        if (!caller.hasAllRights()) {
            throw ApiException.unauthorized("Unauthorized to access requested resource: the emulator's clock takes"
                    + " the admin token or the global API key, not an issued token");
        }
        switch (request.method()) {
            case "GET":
                break;
            case "POST":
                clock.advance(advance(request.body()));
                break;
            default:
                throw new ApiException(
                        405,
                        ErrorCodes.METHOD_NOT_ALLOWED,
                        "Method " + request.method() + " not allowed on " + PATH + "; GET reads the clock, POST with"
                                + " {\"advance\": \"PT1H\"} moves it forward");
        }
        ObjectNode result = Json.object();
        result.put("now", Timestamps.format(now.get()));
        result.put("offset", clock.offset().toString());
        return result;
    }

    private static Duration advance(byte[] raw) {
        JsonNode body = Json.parse(raw, "request body");
        JsonNode advance = body.path("advance");
        if (!body.isObject() || body.size() != 1 || !advance.isTextual()) {
            throw ApiException.validation("the clock takes {\"advance\": \"<ISO-8601 duration>\"}, such as"
                    + " {\"advance\": \"P30D\"}, not " + Json.show(body));
        }
        Duration by;
        try {
            by = Duration.parse(advance.textValue());
        } catch (DateTimeParseException e) {
            throw ApiException.validation("advance \"" + advance.textValue() + "\" is not an ISO-8601 duration;"
                    + " write one such as \"P30D\" (30 days) or \"PT1H\" (an hour)");
        }
        if (by.isNegative()) {
            throw ApiException.validation("advance \"" + advance.textValue() + "\" is negative; the emulator's"
                    + " clock only moves forward");
        }
        return by;
    }
}
