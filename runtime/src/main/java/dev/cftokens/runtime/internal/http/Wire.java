package dev.cftokens.runtime.internal.http;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.RateLimit;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every call of one client shares on its way to Cloudflare: the exchange, the client-side rate limit
 * with its pauses, and the pace learnt from answers. It sends single attempts and keeps the count; the
 * calls decide about retries. Thread-safe.
 */
final class Wire {
    private final HttpExchange exchange;
    private final TimeSource time;
    private final RateLimiter rateLimiter;
    private final Pacing pacing;
    // Requests sent and not yet answered, to judge whether the budget x-ratelimit-remaining reports covers them.
    private final AtomicInteger inFlight = new AtomicInteger();

    Wire(HttpExchange exchange, RateLimit rateLimit, TimeSource time) {
        this.exchange = requireNonNull(exchange, "exchange");
        this.time = requireNonNull(time, "time");
        this.rateLimiter = new RateLimiter(requireNonNull(rateLimit, "rateLimit"), time);
        this.pacing = new Pacing(rateLimit);
    }

    TimeSource time() {
        return time;
    }

    /** See {@link Pacing#concurrency}. */
    int concurrency(int fallback, int min, int max) {
        return pacing.concurrency(fallback, min, max);
    }

    /**
     * Waits for the client-side rate limit and any pause, which every thread of this client shares, and
     * counts the request in flight: {@link #send} must follow. False, counting nothing, when the request could
     * not start by {@code deadline}.
     */
    boolean awaitTurn(String method, String path, long deadline) throws InterruptedException {
        return rateLimiter.acquire(deadline, wait -> RequestLog.waitingForRateLimit(method, path, wait));
    }

    /** Holds every request of this client, those already waiting included, for {@code wait}. */
    void holdAll(Duration wait) {
        rateLimiter.pauseUntil(time.nanoTime() + wait.toNanos());
    }

    /** Sends one attempt that {@link #awaitTurn} let through, and logs it. */
    HttpExchange.Answer send(HttpExchange.Outgoing request, String path, int attempt) throws IOException {
        long sent = time.nanoTime();
        HttpExchange.Answer answer;
        try {
            answer = counted(request, sent);
        } catch (IOException e) {
            RequestLog.noAnswer(request.method(), path, time.nanoTime() - sent, attempt, e);
            throw e;
        }
        RequestLog.answered(request.method(), path, answer.status(), time.nanoTime() - sent, attempt);
        return answer;
    }

    private HttpExchange.Answer counted(HttpExchange.Outgoing request, long sent) throws IOException {
        int othersInFlight = inFlight.getAndIncrement();
        try {
            HttpExchange.Answer answer;
            try {
                answer = exchange.send(request);
            } finally {
                rateLimiter.answered(time.nanoTime());
            }
            pacing.answered(time.nanoTime() - sent);
            if (answer.status() != 429) {
                holdForBudget(answer, othersInFlight);
            }
            return answer;
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /**
     * Holds every request of this client until the budget resets when Cloudflare's {@code x-ratelimit-*}
     * headers say it cannot cover the requests already in flight: the per-token budget is shared with
     * every other process using the token, which this client's own limiter cannot see.
     */
    private void holdForBudget(HttpExchange.Answer answer, int othersInFlight) {
        String remaining = answer.header("x-ratelimit-remaining");
        Pacing.budgetWait(remaining, answer.header("x-ratelimit-reset"), othersInFlight)
                .ifPresent(wait -> {
                    RequestLog.budgetNearlySpent(remaining, wait);
                    holdAll(wait);
                });
    }
}
