package dev.cftokens.runtime.internal.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.SocketException;
import java.time.Duration;
import java.util.Locale;

/**
 * Every line the transport logs, in one place: one DEBUG line per attempt and retry, and an INFO line
 * whenever a request is held back long enough for a user to wonder why. Lines name the method and path,
 * never a header or a body, so they cannot carry a credential or a token's value.
 */
final class RequestLog {
    private static final System.Logger LOG = System.getLogger("dev.cftokens.runtime.http");
    private static final long LONG_WAIT_NANOS = Duration.ofSeconds(1).toNanos();

    private RequestLog() {}

    /** {@code GET /path -> 200 in 12 ms (attempt 1)}. */
    static void answered(String method, String path, int status, long elapsedNanos, int attempt) {
        attempt(method + " " + path + " -> " + status, elapsedNanos, attempt, "");
    }

    /** {@code GET /path -> no answer in 12 ms (attempt 1): ConnectException: ...}. */
    static void noAnswer(String method, String path, long elapsedNanos, int attempt, IOException e) {
        attempt(method + " " + path + " -> no answer", elapsedNanos, attempt, ": " + describe(e));
    }

    private static void attempt(String outcome, long elapsedNanos, int attempt, String detail) {
        LOG.log(
                Level.DEBUG,
                () -> String.format(
                        Locale.ROOT, "%s in %d ms (attempt %d)%s", outcome, elapsedNanos / 1_000_000, attempt, detail));
    }

    static void retrying(String method, String path, Duration wait, String reason) {
        LOG.log(
                Level.DEBUG,
                () -> String.format(
                        Locale.ROOT, "%s %s: retrying in %d ms after %s", method, path, wait.toMillis(), reason));
    }

    /** A wait for the client-side rate limit; only those over a second are worth a line. */
    static void waitingForRateLimit(String method, String path, long waitNanos) {
        if (waitNanos > LONG_WAIT_NANOS) {
            LOG.log(
                    Level.INFO,
                    () -> String.format(
                            Locale.ROOT,
                            "%s %s: waiting %d ms for the rate limit",
                            method,
                            path,
                            waitNanos / 1_000_000));
        }
    }

    static void notRetryingBeyondBudget(String method, String path, Duration budget) {
        LOG.log(
                Level.INFO,
                () -> String.format(
                        Locale.ROOT,
                        "%s %s: not retrying, because the rate limit would hold it beyond the retry budget of %d s",
                        method,
                        path,
                        budget.toSeconds()));
    }

    static void budgetNearlySpent(String remaining, Duration wait) {
        LOG.log(
                Level.INFO,
                () -> String.format(
                        Locale.ROOT,
                        "Cloudflare's rate-limit budget is nearly spent (x-ratelimit-remaining %s);"
                                + " holding every request of this client for %s until it resets",
                        remaining,
                        seconds(wait)));
    }

    static void rateLimitedNotWaiting(String method, String path, Duration wait) {
        LOG.log(
                Level.INFO,
                () -> String.format(
                        Locale.ROOT,
                        "rate limited by Cloudflare (HTTP 429 to %s %s); not waiting, as the retry policy"
                                + " says, but holding every request of this client for %s, as it asked",
                        method,
                        path,
                        seconds(wait)));
    }

    static void rateLimitedWaiting(String method, String path, Duration wait, int attempt) {
        LOG.log(
                Level.INFO,
                () -> String.format(
                        Locale.ROOT,
                        "rate limited by Cloudflare, waiting %s, attempt %d (%s %s)",
                        seconds(wait),
                        attempt,
                        method,
                        path));
    }

    /** {@code 10 s}, or {@code 0.5 s} below ten seconds when not whole, for the lines a user reads. */
    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 || millis >= 10_000
                ? String.format(Locale.ROOT, "%d s", (millis + 999) / 1000)
                : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** A failure to get an answer as a user reads it, in log lines and exception messages alike. */
    static String describe(IOException e) {
        String message = e.getMessage();
        if (e instanceof InterruptedIOException && !(e instanceof SocketException)) {
            // Read and call timeouts say only "timeout" or "Read timed out"; say plainly what happened.
            return "timed out (" + e.getClass().getSimpleName() + (message == null ? "" : ": " + message) + ")";
        }
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
