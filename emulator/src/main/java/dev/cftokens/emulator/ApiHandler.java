package dev.cftokens.emulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.cftokens.emulator.access.Authenticator;
import dev.cftokens.emulator.access.Caller;
import dev.cftokens.emulator.access.RequestThrottle;
import dev.cftokens.emulator.http.ApiException;
import dev.cftokens.emulator.http.ApiRequest;
import dev.cftokens.emulator.http.ApiResponse;
import dev.cftokens.emulator.http.EnvelopeWriter;
import dev.cftokens.emulator.http.ErrorCodes;
import dev.cftokens.emulator.http.ErrorDetail;
import dev.cftokens.emulator.http.Router;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves one exchange: route, faults, authentication, rate limit, endpoint, envelope. Every answer is
 * Cloudflare's JSON envelope except a 502 fault, which is an HTML page as Cloudflare's edge sends.
 */
final class ApiHandler implements HttpHandler {
    static final String API_PREFIX = "/client/v4";
    private static final Logger LOG = Logger.getLogger(ApiHandler.class.getName());

    private final Router<Endpoint> router;
    private final Authenticator authenticator;
    private final RequestThrottle rateLimiter;
    private final RequestThrottle addressRateLimiter;
    private final FaultInjector faults;
    private final RequestCounters counters;
    private final ExchangeRecording recording;

    ApiHandler(
            Router<Endpoint> router,
            Authenticator authenticator,
            RequestThrottle rateLimiter,
            RequestThrottle addressRateLimiter,
            FaultInjector faults,
            RequestCounters counters,
            ExchangeRecording recording) {
        this.router = router;
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.addressRateLimiter = addressRateLimiter;
        this.faults = faults;
        this.counters = counters;
        this.recording = recording;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            recording.requestArrived(exchange);
            serve(exchange);
        } catch (ApiException e) {
            e.headers().forEach(exchange.getResponseHeaders()::set);
            send(exchange, e.status(), "application/json", EnvelopeWriter.failure(e.errors()));
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "emulator failed on " + exchange.getRequestMethod() + " "
                            + exchange.getRequestURI().getPath(),
                    e);
            send(
                    exchange,
                    500,
                    "application/json",
                    EnvelopeWriter.failure(
                            List.of(new ErrorDetail(ErrorCodes.INTERNAL, "Internal error in the emulator: " + e))));
        } finally {
            recording.exchangeEnded();
            exchange.close();
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        counters.received(method);
        if (addressRateLimiter != null) {
            // Cloudflare's edge counts by address before it looks at the path or the credentials.
            RequestThrottle.Decision limit = addressRateLimiter.acquire(
                    exchange.getRemoteAddress().getAddress().getHostAddress());
            if (!limit.allowed()) {
                throw rateLimited(limit, "this address");
            }
        }
        String fullPath = exchange.getRequestURI().getPath();
        if (!fullPath.startsWith(API_PREFIX + "/")) {
            throw new ApiException(
                    404,
                    ErrorCodes.NO_ROUTE,
                    "Could not route to " + fullPath
                            + ", perhaps your object identifier is invalid? (the API lives under " + API_PREFIX + ")");
        }
        String path = fullPath.substring(API_PREFIX.length());
        Router.Match<Endpoint> match = router.match(method, path);
        Endpoint endpoint = match.route().endpoint();
        counters.routed(endpoint.kind());

        FaultInjector.Decision fault = faults.decide(endpoint.kind());
        if (!fault.delay().isZero()) {
            sleep(fault.delay().toMillis());
        }
        if (fault.status() != 0) {
            sendFault(exchange, fault.status());
            return;
        }

        ApiRequest request = new ApiRequest(exchange, path, match.params());
        Caller caller = authenticator.authenticate(request);
        if (rateLimiter != null) {
            RequestThrottle.Decision limit = rateLimiter.acquire(caller.rateLimitKey());
            Headers headers = exchange.getResponseHeaders();
            headers.set("x-ratelimit-limit", Integer.toString(limit.limit()));
            headers.set("x-ratelimit-remaining", Integer.toString(limit.remaining()));
            headers.set("x-ratelimit-reset", Long.toString(limit.resetSeconds()));
            if (!limit.allowed()) {
                throw rateLimited(limit, "these credentials");
            }
        }
        ApiResponse response = endpoint.handler().handle(request, caller);
        if (fault.drop()) {
            // The change is made; closing before any header is sent makes the server drop the connection, so
            // the client sees it fail without an answer (ExchangeImpl.close closes the connection then).
            return;
        }
        if (response.download() != null) {
            send(
                    exchange,
                    response.status(),
                    response.download().contentType(),
                    response.download().body());
        } else {
            send(exchange, response.status(), "application/json", EnvelopeWriter.success(response));
        }
    }

    /** Cloudflare's 429: code 971, and how long to wait in {@code retry-after}. */
    private static ApiException rateLimited(RequestThrottle.Decision limit, String from) {
        return new ApiException(
                        429,
                        ErrorCodes.RATE_LIMITED,
                        "Rate limited: more than " + limit.limit() + " requests from " + from
                                + " in the current window; retry after " + limit.resetSeconds() + " s")
                .withHeader("retry-after", Long.toString(limit.resetSeconds()));
    }

    private void sendFault(HttpExchange exchange, int status) throws IOException {
        switch (status) {
            case 502:
                send(exchange, 502, "text/html", edgePage("502 Bad Gateway").getBytes(StandardCharsets.UTF_8));
                break;
            case 429:
                Headers headers = exchange.getResponseHeaders();
                headers.set("retry-after", "1");
                headers.set("x-ratelimit-limit", "1200");
                headers.set("x-ratelimit-remaining", "0");
                headers.set("x-ratelimit-reset", "1");
                send(
                        exchange,
                        429,
                        "application/json",
                        EnvelopeWriter.failure(List.of(new ErrorDetail(
                                ErrorCodes.RATE_LIMITED,
                                "Rate limited. Please wait and consider throttling your request speed"))));
                break;
            case 503:
                exchange.getResponseHeaders().set("retry-after", "1");
                send(
                        exchange,
                        503,
                        "application/json",
                        EnvelopeWriter.failure(List.of(new ErrorDetail(
                                ErrorCodes.INTERNAL,
                                "Service temporarily unavailable (fault injected by the emulator)"))));
                break;
            default:
                send(
                        exchange,
                        status,
                        "application/json",
                        EnvelopeWriter.failure(List.of(new ErrorDetail(
                                ErrorCodes.INTERNAL, "Internal server error (fault injected by the emulator)"))));
                break;
        }
    }

    private static String edgePage(String title) {
        return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                + "</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n";
    }

    private void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        String type = contentType.startsWith("text/") ? contentType + "; charset=UTF-8" : contentType;
        recording.answering(exchange, status, type, body);
        headers.set("Content-Type", type);
        headers.set("cf-ray", rayId());
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String rayId() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + "-EMU";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
