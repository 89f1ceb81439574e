package dev.cftokens.runtime.internal.http;

import dev.cftokens.runtime.CloudflareApiException;
import dev.cftokens.runtime.CloudflareException;
import dev.cftokens.runtime.CloudflareOutcomeUnknownException;
import dev.cftokens.runtime.RetryPolicy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * One call: attempts until one succeeds or the retry rules of {@link ApiTransport} say to stop, and what its
 * failures so far leave uncertain. Not thread-safe; one per call.
 */
final class Call {
    private final Wire wire;
    private final Retries retries;
    private final String method;
    private final String path;
    private final HttpExchange.Outgoing request;
    private final boolean idempotent;
    private final boolean secretAnswer;
    // Set once an attempt may have taken effect without our knowing (no answer, a 5xx, a garbled 2xx):
    // a later failure then answers a repeat, which callers such as delete need to know.
    private boolean uncertain;
    // The failure that led to the current retry: thrown as is when the rate limit would hold the retry
    // beyond the call's time budget.
    private RuntimeException retrying;

    Call(Wire wire, RetryPolicy policy, String path, HttpExchange.Outgoing request, boolean secretAnswer) {
        this.wire = wire;
        this.retries = new Retries(policy, wire.time());
        this.method = request.method();
        this.path = path;
        this.request = request;
        this.idempotent = request.idempotent();
        this.secretAnswer = secretAnswer;
    }

    Envelope run() {
        while (true) {
            int attempt = retries.next();
            awaitTurn();
            HttpExchange.Answer answer;
            try {
                answer = wire.send(request, path, attempt);
            } catch (IOException e) {
                noAnswer(e);
                continue;
            }
            int status = answer.status();
            Outcome outcome = Outcome.of(method, path, status, answer.header("cf-ray"), answer.text(), secretAnswer);
            if (outcome.envelope() != null) {
                return outcome.envelope();
            }
            failed(status, outcome, status == 429 ? RetryAfter.of(answer).orElse(null) : null);
        }
    }

    private void awaitTurn() {
        boolean granted;
        try {
            granted = wire.awaitTurn(method, path, retries.rateLimitDeadline());
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        if (!granted) {
            RequestLog.notRetryingBeyondBudget(method, path, retries.maxElapsed());
            throw retrying;
        }
    }

    /** The attempt got no answer: waits to retry, or throws. */
    private void noAnswer(IOException e) {
        if (e instanceof TlsHandshake.Failed) {
            // A server that does not speak TLS will not start to on the next attempt.
            throw new CloudflareException(method + " " + path + " failed: " + e.getMessage(), e);
        }
        String why = RequestLog.describe(e);
        boolean maybeArrived = !certainlyNotSent(e);
        if (!idempotent && maybeArrived) {
            throw new CloudflareOutcomeUnknownException(
                    method, path, "lost its connection before Cloudflare answered (" + why + ")", e);
        }
        uncertain |= maybeArrived;
        int attempt = retries.attempt();
        backOffOrThrow(
                why,
                new CloudflareException(
                        method + " " + path + " failed after " + attempt + (attempt == 1 ? " attempt" : " attempts")
                                + ": " + why,
                        e));
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
            backOffOrThrow("an unreadable HTTP " + status + " answer", failure);
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
            backOffOrThrow("HTTP " + status, failure);
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
        Duration wait = retryAfter != null ? retryAfter : retries.backoff();
        if (retryAfter != null && !retryAfter.isZero()) {
            // Cloudflare's ban covers the credentials, not this request: every thread of this client waits.
            wire.holdAll(retryAfter);
        }
        if (!retries.waitsForRateLimits()) {
            RequestLog.rateLimitedNotWaiting(method, path, wait);
            throw failure;
        }
        if (!retries.mayWaitForRateLimit(wait)) {
            throw tooLongToWait(failure, wait);
        }
        RequestLog.rateLimitedWaiting(method, path, wait, retries.attempt());
        retries.rateLimited();
        sleepBeforeRetry(wait, failure);
    }

    /** The 429 as thrown when waiting {@code wait} more would pass the policy's rate-limit wait. */
    private CloudflareApiException tooLongToWait(CloudflareApiException failure, Duration wait) {
        CloudflareApiException tooLong = new CloudflareApiException(
                429,
                method,
                path,
                failure.errors(),
                failure.cfRay(),
                "rate limited; Cloudflare asked to wait " + RequestLog.seconds(wait) + " more, beyond the "
                        + RequestLog.seconds(retries.maxRateLimitWait())
                        + " this call may wait for rate limits (RetryPolicy.maxRateLimitWait, --max-wait on the"
                        + " command line)",
                failure.bodyExcerpt());
        return uncertain ? tooLong.asRepeated() : tooLong;
    }

    /** Backs off before the next attempt, or throws {@code failure} when the policy allows none. */
    private void backOffOrThrow(String reason, RuntimeException failure) {
        Duration wait = retries.backoff();
        if (!retries.mayRetryAfter(wait)) {
            throw failure;
        }
        RequestLog.retrying(method, path, wait, reason);
        sleepBeforeRetry(wait, failure);
    }

    private void sleepBeforeRetry(Duration wait, RuntimeException failure) {
        retrying = failure;
        try {
            wire.time().sleep(wait);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private CloudflareException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new CloudflareException("interrupted while waiting to send " + method + " " + path, e);
    }
}
