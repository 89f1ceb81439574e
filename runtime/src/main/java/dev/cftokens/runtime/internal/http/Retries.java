package dev.cftokens.runtime.internal.http;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@link RetryPolicy} applied to one call: its attempts so far, its time budget, and how long to wait
 * before the next attempt. Once rate limited, a call may wait as long as the policy's rate-limit wait allows,
 * and its 429 answers do not count against the attempts other failures may take: Cloudflare bans for minutes,
 * far longer than a few back-offs. Not thread-safe; one per call.
 */
final class Retries {
    private final RetryPolicy policy;
    private final TimeSource time;
    private final long start;
    private int attempt;
    private int rateLimitedAttempts;

    Retries(RetryPolicy policy, TimeSource time) {
        this.policy = requireNonNull(policy, "policy");
        this.time = requireNonNull(time, "time");
        this.start = time.nanoTime();
    }

    /** Counts the next attempt; {@return its number, from 1} */
    int next() {
        return ++attempt;
    }

    /** {@return the current attempt's number, from 1} */
    int attempt() {
        return attempt;
    }

    /**
     * The latest time (a {@link TimeSource#nanoTime()} value) the rate limit may hold this attempt: a retry's
     * ends with the call's time budget; a first attempt waits as long as it takes, since holding back is the
     * limit's purpose.
     */
    long rateLimitDeadline() {
        return attempt == 1 ? Long.MAX_VALUE : start + budget().toNanos();
    }

    /** Exponential back-off with "equal jitter": half the step for sure, the other half random. */
    Duration backoff() {
        long initial = policy.initialBackoff().toNanos();
        long max = policy.maxBackoff().toNanos();
        long step = initial;
        for (int i = 1; i < attempt && step < max; i++) {
            step *= 2;
        }
        step = Math.min(step, max);
        long half = step / 2;
        return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    /** True when the policy allows another attempt after a failure other than 429 and a wait of {@code wait}. */
    boolean mayRetryAfter(Duration wait) {
        return attempt - rateLimitedAttempts < policy.maxAttempts()
                && time.nanoTime() - start + wait.toNanos() <= budget().toNanos();
    }

    /** True unless the policy says never to wait for Cloudflare's rate limit. */
    boolean waitsForRateLimits() {
        return !policy.maxRateLimitWait().isZero();
    }

    /** True when waiting {@code wait} more for a 429 still ends within the policy's rate-limit wait. */
    boolean mayWaitForRateLimit(Duration wait) {
        return time.nanoTime() - start + wait.toNanos()
                <= policy.maxRateLimitWait().toNanos();
    }

    /** Counts the current attempt as answered 429, to be waited out. */
    void rateLimited() {
        rateLimitedAttempts++;
    }

    /** The policy's retry budget, as a rate-limit refusal cites it. */
    Duration maxElapsed() {
        return policy.maxElapsed();
    }

    /** The policy's rate-limit wait, as a 429 beyond it cites it. */
    Duration maxRateLimitWait() {
        return policy.maxRateLimitWait();
    }

    /** The call's time budget: the policy's, or its rate-limit wait when longer and the call was rate limited. */
    private Duration budget() {
        Duration elapsed = policy.maxElapsed();
        Duration rateLimit = policy.maxRateLimitWait();
        return rateLimitedAttempts > 0 && rateLimit.compareTo(elapsed) > 0 ? rateLimit : elapsed;
    }
}
