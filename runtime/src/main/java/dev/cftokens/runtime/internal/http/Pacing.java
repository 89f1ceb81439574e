package dev.cftokens.runtime.internal.http;

import dev.cftokens.runtime.RateLimit;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * What one client has learnt of its own pace: the round trip of its requests (a moving average) and the
 * budget Cloudflare's {@code x-ratelimit-*} headers last reported. From them it says how many requests to
 * keep in flight (Little's law: requests per second times seconds per request) and when the budget is so
 * nearly spent that every request should wait for it to reset. Thread-safe.
 */
final class Pacing {
    /** Cloudflare's limit per client address, which applies even to a client configured without a limit. */
    static final double CLOUDFLARE_PER_SECOND = 200;

    /** Weight of the newest round trip in the average. */
    private static final double WEIGHT = 0.2;

    /**
     * In flight beyond rate x round trip: time a change spends outside requests (state writes, planning). More in
     * flight than this only wait for the limiter, which keeps the pace.
     */
    private static final double HEADROOM = 2.0;

    private final double perSecond;
    private double averageNanos = Double.NaN;

    Pacing(RateLimit limit) {
        this.perSecond = burstRate(limit);
    }

    /**
     * Requests per second of the shortest window, which paces a run (the longer ones are budgets a run
     * spends, not a pace); Cloudflare's per-address rate when that is lower or when there is no window.
     */
    static double burstRate(RateLimit limit) {
        RateLimit.Window shortest = null;
        for (RateLimit.Window window : limit.windows()) {
            if (shortest == null || window.period().compareTo(shortest.period()) < 0) {
                shortest = window;
            }
        }
        if (shortest == null) {
            return CLOUDFLARE_PER_SECOND;
        }
        double rate = shortest.permits() / (shortest.period().toNanos() / 1e9);
        return Math.min(rate, CLOUDFLARE_PER_SECOND);
    }

    /** Counts one answered attempt that took {@code nanos} from sending to its answer. */
    synchronized void answered(long nanos) {
        averageNanos = Double.isNaN(averageNanos) ? nanos : averageNanos + WEIGHT * (nanos - averageNanos);
    }

    /** The average round trip so far; empty before the first answer. */
    synchronized OptionalLong roundTripNanos() {
        return Double.isNaN(averageNanos) ? OptionalLong.empty() : OptionalLong.of((long) averageNanos);
    }

    /**
     * How many requests to keep in flight to use the rate with the measured round trip, within {@code
     * [min, max]}; {@code fallback} before any answer was measured.
     */
    int concurrency(int fallback, int min, int max) {
        OptionalLong roundTrip = roundTripNanos();
        if (roundTrip.isEmpty()) {
            return fallback;
        }
        double inFlight = perSecond * (roundTrip.getAsLong() / 1e9) * HEADROOM;
        return (int) Math.max(min, Math.min(max, Math.ceil(inFlight)));
    }

    /**
     * When an answer's {@code x-ratelimit-remaining} leaves no more than the requests already in flight, how
     * long every request must wait for the budget to reset ({@code x-ratelimit-reset}); empty when the budget
     * suffices or the headers are absent or not numbers.
     */
    static java.util.Optional<Duration> budgetWait(String remaining, String reset, int inFlight) {
        if (remaining == null || reset == null) {
            return java.util.Optional.empty();
        }
        try {
            long left = Long.parseLong(remaining.trim());
            long seconds = Long.parseLong(reset.trim());
            if (left > inFlight || seconds <= 0) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notNumbers) {
            return java.util.Optional.empty();
        }
    }
}
