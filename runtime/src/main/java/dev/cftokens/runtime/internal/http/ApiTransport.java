package dev.cftokens.runtime.internal.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cftokens.core.json.JsonTrees;
import dev.cftokens.runtime.ApiError;
import dev.cftokens.runtime.CloudflareApiException;
import dev.cftokens.runtime.CloudflareException;
import dev.cftokens.runtime.CloudflareOutcomeUnknownException;
import dev.cftokens.runtime.RateLimit;
import dev.cftokens.runtime.RetryPolicy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends requests to Cloudflare and returns their envelopes: authentication and {@code User-Agent}
 * headers, the client-side rate limit, retries, envelope parsing and one debug log line per attempt.
 * One instance per {@code Cloudflare} client; thread-safe.
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
    private static final System.Logger LOG = System.getLogger("dev.cftokens.runtime.http");
    private static final String JSON_TYPE = "application/json; charset=utf-8";

    private final HttpExchange exchange;
    private final URI baseUrl;
    private final ApiCredentials credentials;
    private final String userAgent;
    private final RetryPolicy retryPolicy;
    private final RateLimiter rateLimiter;
    private final TimeSource time;
    private final Pacing pacing;
    // Requests sent and not yet answered, to judge whether the budget x-ratelimit-remaining reports covers them.
    private final AtomicInteger inFlight = new AtomicInteger();

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
        this.exchange = requireNonNull(exchange, "exchange");
        this.baseUrl = requireNonNull(baseUrl, "baseUrl");
        this.credentials = requireNonNull(credentials, "credentials");
        this.userAgent = requireNonNull(userAgent, "userAgent");
        this.retryPolicy = requireNonNull(retryPolicy, "retryPolicy");
        this.time = requireNonNull(time, "time");
        this.rateLimiter = new RateLimiter(requireNonNull(rateLimit, "rateLimit"), time);
        this.pacing = new Pacing(rateLimit);
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
        return pacing.concurrency(fallback, min, max);
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
        return new Call(method, path, buildRequest(method, path, query, body), secretAnswer).run();
    }

    /** One call: its attempts, its time budget, and what its failures so far leave uncertain. */
    private final class Call {
        private final String method;
        private final String path;
        private final HttpExchange.Outgoing request;
        private final boolean idempotent;
        private final boolean secretAnswer;
        private final long start = time.nanoTime();
        private int attempt;
        // Set once an attempt may have taken effect without our knowing (no answer, a 5xx, a garbled 2xx):
        // a later failure then answers a repeat, which callers such as delete need to know.
        private boolean uncertain;
        // The failure that led to the current retry: thrown as is when the rate limit would hold the retry
        // beyond the call's time budget.
        private RuntimeException retrying;
        // Once rate limited, the call may wait as long as the policy's rate-limit wait allows; its 429
        // answers do not count against the attempts other failures may take.
        private boolean rateLimitedSince;
        private int rateLimitedAttempts;

        Call(String method, String path, HttpExchange.Outgoing request, boolean secretAnswer) {
            this.method = method;
            this.secretAnswer = secretAnswer;
            this.path = path;
            this.request = request;
            this.idempotent = request.idempotent();
        }

        Envelope run() {
            while (true) {
                attempt++;
                awaitRateLimit();
                long sent = time.nanoTime();
                int status;
                String cfRay;
                String text;
                Duration retryAfter;
                int othersInFlight = inFlight.getAndIncrement();
                try {
                    HttpExchange.Answer answer;
                    try {
                        answer = exchange.send(request);
                    } finally {
                        rateLimiter.answered(time.nanoTime());
                    }
                    text = answer.text();
                    status = answer.status();
                    cfRay = answer.header("cf-ray");
                    retryAfter = status == 429 ? retryAfter(answer).orElse(null) : null;
                    pacing.answered(time.nanoTime() - sent);
                    if (status != 429) {
                        awaitBudget(answer, othersInFlight);
                    }
                } catch (IOException e) {
                    noAnswer(e, sent);
                    continue;
                } finally {
                    inFlight.decrementAndGet();
                }
                logAnswer(method, path, status, sent, attempt);
                Outcome outcome = interpret(method, path, status, cfRay, text, secretAnswer);
                if (outcome.envelope() != null) {
                    return outcome.envelope();
                }
                failed(status, outcome, retryAfter);
            }
        }

        /**
         * Waits for the client-side rate limit and any 429 pause, which every thread of this client shares.
         * A retry waits only within the call's time budget; a first attempt waits as long as it takes, since
         * holding back is the limit's purpose. Waits over a second are logged at INFO.
         */
        private void awaitRateLimit() {
            long deadline = attempt == 1 ? Long.MAX_VALUE : start + budget().toNanos();
            boolean granted;
            try {
                granted = rateLimiter.acquire(deadline, this::logRateLimitWait);
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
            if (!granted) {
                LOG.log(
                        Level.INFO,
                        () -> String.format(
                                Locale.ROOT,
                                "%s %s: not retrying, because the rate limit would"
                                        + " hold it beyond the retry budget of %d s",
                                method,
                                path,
                                retryPolicy.maxElapsed().toSeconds()));
                throw retrying;
            }
        }

        private void logRateLimitWait(long wait) {
            if (wait > 1_000_000_000L) {
                LOG.log(
                        Level.INFO,
                        () -> String.format(
                                Locale.ROOT,
                                "%s %s: waiting %d ms for the rate limit",
                                method,
                                path,
                                wait / 1_000_000));
            }
        }

        /**
         * Holds every request of this client until the budget resets when Cloudflare's {@code x-ratelimit-*}
         * headers say it cannot cover the requests already in flight: the per-token budget is shared with
         * every other process using the token, which this client's own limiter cannot see.
         */
        private void awaitBudget(HttpExchange.Answer response, int othersInFlight) {
            Pacing.budgetWait(
                            response.header("x-ratelimit-remaining"),
                            response.header("x-ratelimit-reset"),
                            othersInFlight)
                    .ifPresent(wait -> {
                        LOG.log(
                                Level.INFO,
                                () -> String.format(
                                        Locale.ROOT,
                                        "Cloudflare's rate-limit budget is nearly spent (x-ratelimit-remaining %s);"
                                                + " holding every request of this client for %s until it resets",
                                        response.header("x-ratelimit-remaining"),
                                        seconds(wait)));
                        rateLimiter.pauseUntil(time.nanoTime() + wait.toNanos());
                    });
        }

        /** The attempt got no answer: waits to retry, or throws. */
        private void noAnswer(IOException e, long sent) {
            logFailure(method, path, sent, attempt, e);
            if (e instanceof TlsHandshake.Failed) {
                // A server that does not speak TLS will not start to on the next attempt.
                throw new CloudflareException(method + " " + path + " failed: " + e.getMessage(), e);
            }
            boolean maybeArrived = !certainlyNotSent(e);
            if (!idempotent && maybeArrived) {
                throw new CloudflareOutcomeUnknownException(
                        method, path, "lost its connection before Cloudflare answered (" + describe(e) + ")", e);
            }
            uncertain |= maybeArrived;
            backOffOrThrow(
                    backoff(attempt),
                    describe(e),
                    new CloudflareException(
                            method + " " + path + " failed after " + attempt + (attempt == 1 ? " attempt" : " attempts")
                                    + ": " + describe(e),
                            e));
        }

        /** The attempt got an answer that is not a success: waits to retry, or throws. */
        private void failed(int status, Outcome outcome, Duration retryAfter) {
            CloudflareApiException failure = uncertain ? outcome.failure().asRepeated() : outcome.failure();
            if (outcome.unreadable() && status >= 200 && status < 300) {
                // A 2xx means the request was carried out; only its answer is unreadable, most likely garbled on
                // the way. A POST must not be repeated (a create's value is lost with the answer); anything else
                // is repeated like a 5xx (a roll then returns a value that can be read).
                if (!idempotent) {
                    throw new CloudflareOutcomeUnknownException(
                            method, path, "got HTTP " + status + " with an answer it cannot read", failure);
                }
                uncertain = true;
                backOffOrThrow(backoff(attempt), "an unreadable HTTP " + status + " answer", failure);
            } else if (status == 429) {
                rateLimited(failure, retryAfter);
            } else if (status >= 500) {
                if (!idempotent) {
                    throw new CloudflareOutcomeUnknownException(
                            method,
                            path,
                            "got HTTP " + status + ", which does not say whether it was carried out",
                            failure);
                }
                uncertain = true;
                backOffOrThrow(backoff(attempt), "HTTP " + status, failure);
            } else {
                throw failure;
            }
        }

        /**
         * Cloudflare answered 429: the request was not processed, so it is safe to repeat (POST included) once
         * the wait is over. Waits as long as Cloudflare asks, as often as it takes within the policy's
         * rate-limit wait, saying so in one line each time.
         */
        private void rateLimited(CloudflareApiException failure, Duration retryAfter) {
            Duration wait = retryAfter != null ? retryAfter : backoff(attempt);
            if (retryAfter != null && !retryAfter.isZero()) {
                // Cloudflare's ban covers the credentials, not this request: every thread of this client waits.
                rateLimiter.pauseUntil(time.nanoTime() + retryAfter.toNanos());
            }
            Duration limit = retryPolicy.maxRateLimitWait();
            if (limit.isZero()) {
                LOG.log(
                        Level.INFO,
                        () -> String.format(
                                Locale.ROOT,
                                "rate limited by Cloudflare (HTTP 429 to %s %s); not waiting, as the retry policy"
                                        + " says, but holding every request of this client for %s, as it asked",
                                method,
                                path,
                                seconds(wait)));
                throw failure;
            }
            if (time.nanoTime() - start + wait.toNanos() > limit.toNanos()) {
                throw tooLongToWait(failure, wait, limit);
            }
            LOG.log(
                    Level.INFO,
                    () -> String.format(
                            Locale.ROOT,
                            "rate limited by Cloudflare, waiting %s, attempt %d (%s %s)",
                            seconds(wait),
                            attempt,
                            method,
                            path));
            rateLimitedSince = true;
            rateLimitedAttempts++;
            retrying = failure;
            try {
                time.sleep(wait);
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
        }

        /** The 429 as thrown when waiting {@code wait} more would pass the policy's rate-limit wait. */
        private CloudflareApiException tooLongToWait(CloudflareApiException failure, Duration wait, Duration limit) {
            CloudflareApiException tooLong = new CloudflareApiException(
                    429,
                    method,
                    path,
                    failure.errors(),
                    failure.cfRay(),
                    "rate limited; Cloudflare asked to wait " + seconds(wait) + " more, beyond the " + seconds(limit)
                            + " this call may wait for rate limits (RetryPolicy.maxRateLimitWait, --max-wait on the"
                            + " command line)",
                    failure.bodyExcerpt());
            return uncertain ? tooLong.asRepeated() : tooLong;
        }

        /** Sleeps {@code wait} before the next attempt, or throws {@code failure} when the policy allows none. */
        private void backOffOrThrow(Duration wait, String reason, RuntimeException failure) {
            if (attempt - rateLimitedAttempts >= retryPolicy.maxAttempts() || !fitsBudget(wait)) {
                throw failure;
            }
            logRetry(method, path, wait, reason);
            retrying = failure;
            try {
                time.sleep(wait);
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
        }

        /** True when waiting {@code wait} still ends within the call's time budget. */
        private boolean fitsBudget(Duration wait) {
            return time.nanoTime() - start + wait.toNanos() <= budget().toNanos();
        }

        /** The call's time budget: the policy's, or its rate-limit wait when longer and the call was rate limited. */
        private Duration budget() {
            Duration elapsed = retryPolicy.maxElapsed();
            Duration rateLimit = retryPolicy.maxRateLimitWait();
            return rateLimitedSince && rateLimit.compareTo(elapsed) > 0 ? rateLimit : elapsed;
        }

        private CloudflareException interrupted(InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CloudflareException("interrupted while waiting to send " + method + " " + path, e);
        }
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

    /** Either the success envelope or the exception describing a failure, and whether the body was readable. */
    private record Outcome(Envelope envelope, CloudflareApiException failure, boolean unreadable) {}

    private Outcome interpret(String method, String path, int status, String cfRay, String text, boolean secretAnswer) {
        JsonNode root;
        try {
            root = JsonTrees.read(text);
        } catch (IOException e) {
            return unreadable(status, method, path, cfRay, "the body is not JSON", text, secretAnswer);
        }
        if (root == null || !root.isObject() || !root.path("success").isBoolean()) {
            return unreadable(
                    status,
                    method,
                    path,
                    cfRay,
                    "the body is not Cloudflare's {\"success\": ...} envelope",
                    text,
                    secretAnswer);
        }
        List<ApiError> errors = Envelope.parseErrors(root.get("errors"));
        boolean success = root.get("success").booleanValue();
        if (success && status >= 200 && status < 300) {
            return new Outcome(
                    new Envelope(
                            status,
                            method,
                            path,
                            cfRay,
                            root.get("result"),
                            root.get("result_info"),
                            Envelope.parseErrors(root.get("messages"))),
                    null,
                    false);
        }
        String problem = errors.isEmpty() ? "the envelope lists no errors" : null;
        return new Outcome(null, new CloudflareApiException(status, method, path, errors, cfRay, problem, null), false);
    }

    private static Outcome unreadable(
            int status, String method, String path, String cfRay, String problem, String text, boolean secretAnswer) {
        String excerpt = secretAnswer ? BodyExcerpt.WITHHELD : BodyExcerpt.of(text);
        return new Outcome(
                null, new CloudflareApiException(status, method, path, List.of(), cfRay, problem, excerpt), true);
    }

    /**
     * True when the request surely never left: the connection could not be opened. Everything else
     * (a reset, a timeout, a truncated answer) may have happened after Cloudflare received the request.
     */
    private static boolean certainlyNotSent(IOException e) {
        return e instanceof ConnectException
                || e instanceof UnknownHostException
                || e instanceof NoRouteToHostException;
    }

    /** Exponential back-off with "equal jitter": half the step for sure, the other half random. */
    /** {@code 10 s}, or {@code 0.5 s} below ten seconds when not whole, for the lines a user reads. */
    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 || millis >= 10_000
                ? String.format(Locale.ROOT, "%d s", (millis + 999) / 1000)
                : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private Duration backoff(int attempt) {
        long initial = retryPolicy.initialBackoff().toNanos();
        long max = retryPolicy.maxBackoff().toNanos();
        long step = initial;
        for (int i = 1; i < attempt && step < max; i++) {
            step *= 2;
        }
        step = Math.min(step, max);
        long half = step / 2;
        return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    /**
     * How long a 429 asks to wait: {@code retry-after} in seconds or as an HTTP date, else {@code
     * x-ratelimit-reset} in seconds.
     */
    private static Optional<Duration> retryAfter(HttpExchange.Answer response) {
        String retryAfter = response.header("retry-after");
        if (retryAfter != null) {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim()))));
            } catch (NumberFormatException notSeconds) {
                try {
                    ZonedDateTime date = ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                    long millis = date.toInstant().toEpochMilli() - System.currentTimeMillis();
                    return Optional.of(Duration.ofMillis(Math.max(0, millis)));
                } catch (DateTimeParseException notDate) {
                    // Neither: fall back to x-ratelimit-reset.
                }
            }
        }
        String reset = response.header("x-ratelimit-reset");
        if (reset != null) {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(reset.trim()))));
            } catch (NumberFormatException ignored) {
                // Not a number of seconds: fall back to ordinary back-off.
            }
        }
        return Optional.empty();
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (e instanceof InterruptedIOException && !(e instanceof java.net.SocketException)) {
            // Read and call timeouts say only "timeout" or "Read timed out"; say plainly what happened.
            return "timed out (" + e.getClass().getSimpleName() + (message == null ? "" : ": " + message) + ")";
        }
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private void logAnswer(String method, String path, int status, long sent, int attempt) {
        logAttempt(method + " " + path + " -> " + status, sent, attempt, "");
    }

    private void logFailure(String method, String path, long sent, int attempt, IOException e) {
        logAttempt(method + " " + path + " -> no answer", sent, attempt, ": " + describe(e));
    }

    /** {@code GET /path -> 200 in 12 ms (attempt 1)}, with {@code detail} at the end. */
    private void logAttempt(String outcome, long sent, int attempt, String detail) {
        LOG.log(
                Level.DEBUG,
                () -> String.format(
                        Locale.ROOT,
                        "%s in %d ms (attempt %d)%s",
                        outcome,
                        (time.nanoTime() - sent) / 1_000_000,
                        attempt,
                        detail));
    }

    private void logRetry(String method, String path, Duration wait, String reason) {
        LOG.log(
                Level.DEBUG,
                () -> String.format(
                        Locale.ROOT, "%s %s: retrying in %d ms after %s", method, path, wait.toMillis(), reason));
    }

    @Override
    public String toString() {
        return "ApiTransport{" + baseUrl + ", " + credentials + "}";
    }
}
