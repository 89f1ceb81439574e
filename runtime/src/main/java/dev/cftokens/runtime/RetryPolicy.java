package dev.cftokens.runtime;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How often and how long a {@link Cloudflare} client tries a request again after a 429, a 5xx or a
 * connection failure. Back-off between attempts doubles from {@code initialBackoff} up to {@code
 * maxBackoff}, with random jitter so that many clients do not retry in step. A wait that would end after
 * {@code maxElapsed} (counted from the first attempt) is not started: the last failure is thrown instead.
 *
 * <p>Rate limits are waited out separately: Cloudflare answers 429 for up to five minutes once a limit is
 * exceeded, so a 429 is retried after as long as its {@code retry-after} says (or the back-off when it
 * says nothing), as often as it takes, until waiting longer would end after {@code maxRateLimitWait}
 * (also counted from the first attempt). Each such wait is logged at INFO, one line.
 *
 * @param maxAttempts attempts in total after failures other than 429, the first included; 1 means never
 *     retry them
 * @param maxElapsed the time budget of one call, all attempts and waits included, unless it was rate limited
 * @param initialBackoff the wait after the first failure, before jitter
 * @param maxBackoff the longest wait between two attempts, before jitter
 * @param maxRateLimitWait how long a call may wait out 429 answers, from its first attempt; zero never waits
 */
public record RetryPolicy(
        int maxAttempts, Duration maxElapsed, Duration initialBackoff, Duration maxBackoff, Duration maxRateLimitWait) {
    /** How long a call waits out 429 answers unless told otherwise: longer than Cloudflare's five-minute ban. */
    public static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofMinutes(6);

    /**
     * Checks the components.
     *
     * @param maxAttempts attempts in total after failures other than 429, at least 1
     * @param maxElapsed the time budget of one call, positive
     * @param initialBackoff the wait after the first failure, positive
     * @param maxBackoff the longest wait between two attempts, not shorter than {@code initialBackoff}
     * @param maxRateLimitWait how long a call may wait out 429 answers; zero or more
     * @throws IllegalArgumentException when a value is out of those bounds
     */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
        requirePositive(maxElapsed, "maxElapsed");
        requirePositive(initialBackoff, "initialBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff (" + maxBackoff + ") must not be shorter than initialBackoff (" + initialBackoff + ")");
        }
        requireNonNull(maxRateLimitWait, "maxRateLimitWait");
        if (maxRateLimitWait.isNegative()) {
            throw new IllegalArgumentException("maxRateLimitWait must not be negative, not " + maxRateLimitWait);
        }
    }

    /**
     * A policy that waits out 429 answers for {@link #DEFAULT_RATE_LIMIT_WAIT}.
     *
     * @param maxAttempts attempts in total after failures other than 429, at least 1
     * @param maxElapsed the time budget of one call, positive
     * @param initialBackoff the wait after the first failure, positive
     * @param maxBackoff the longest wait between two attempts, not shorter than {@code initialBackoff}
     * @throws IllegalArgumentException when a value is out of those bounds
     */
    public RetryPolicy(int maxAttempts, Duration maxElapsed, Duration initialBackoff, Duration maxBackoff) {
        this(maxAttempts, maxElapsed, initialBackoff, maxBackoff, DEFAULT_RATE_LIMIT_WAIT);
    }

    /**
     * {@return this policy, waiting out 429 answers for at most {@code maxRateLimitWait} from a call's first
     * attempt}
     *
     * @param maxRateLimitWait the wait; zero never waits
     * @throws IllegalArgumentException when {@code maxRateLimitWait} is negative
     */
    public RetryPolicy withMaxRateLimitWait(Duration maxRateLimitWait) {
        return new RetryPolicy(maxAttempts, maxElapsed, initialBackoff, maxBackoff, maxRateLimitWait);
    }

    /**
     * 4 attempts within 2 minutes, waiting 0.5 s, 1 s, 2 s... (at most 10 s) between them; 429 answers waited
     * out for up to {@link #DEFAULT_RATE_LIMIT_WAIT}.
     *
     * @return the default policy
     */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMinutes(2), Duration.ofMillis(500), Duration.ofSeconds(10));
    }

    /** {@return one attempt: every failure, 429 included, is thrown at once} */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ofMinutes(2), Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ZERO);
    }

    private static void requirePositive(Duration value, String name) {
        requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}
