package dev.cftokens.runtime.internal.http;

import dev.cftokens.runtime.RateLimit;

/** Lets the benchmark in another package time the package-private {@link RateLimiter}. */
public final class RateLimiterProbe {
    private RateLimiterProbe() {}

    public static long nanosPerGrant(TimeSource time, int grants) {
        RateLimiter limiter = new RateLimiter(RateLimit.cloudflareDefault(), time);
        long start = System.nanoTime();
        try {
            for (int i = 0; i < grants; i++) {
                limiter.acquire();
                limiter.answered(time.nanoTime());
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return (System.nanoTime() - start) / grants;
    }
}
