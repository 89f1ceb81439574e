package dev.cftokens.runtime;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How often and how long a {@link Cloudflare} client tries a request again after a 429, a 5xx or a
 * connection failure. Back-off between attempts doubles from {@code initialBackoff} up to {@code
 * maxBackoff}, with random jitter so that many clients do not retry in step; a 429 waits as long as
 * Cloudflare's {@code retry-after} says instead. A wait that would end after {@code maxElapsed} (counted
 * from the first attempt) is not started: the last failure is thrown instead.
 *
 * @param maxAttempts attempts in total, the first included; 1 means never retry
 * @param maxElapsed the time budget of one call, all attempts and waits included
 * @param initialBackoff the wait after the first failure, before jitter
 * @param maxBackoff the longest wait between two attempts, before jitter
 */
public record RetryPolicy(int maxAttempts, Duration maxElapsed, Duration initialBackoff, Duration maxBackoff) {
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
    }

    /** 4 attempts within 2 minutes, waiting 0.5 s, 1 s, 2 s... (at most 10 s) between them. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMinutes(2), Duration.ofMillis(500), Duration.ofSeconds(10));
    }

    /** One attempt: every failure is thrown at once. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ofMinutes(2), Duration.ofMillis(500), Duration.ofSeconds(10));
    }

    private static void requirePositive(Duration value, String name) {
        requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}
