package dev.cftokens.runtime;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The client-side request budget of one {@link Cloudflare} instance: every window allows at most
 * {@code permits} requests to arrive in any {@code period}, each counted from its start until a period after its
 * answer. A request that would exceed a window waits until it fits, so a busy client slows down instead of earning Cloudflare's five-minute 429 ban. Should a 429
 * come anyway, its {@code retry-after} holds every request of the instance, not only the one refused.
 *
 * @param windows the limits, all of which apply; empty for no limit
 */
public record RateLimit(List<Window> windows) {
    /**
     * At most {@code permits} requests in any {@code period}.
     *
     * @param permits how many requests, at least 1
     * @param period the sliding time span they may take, positive
     */
    public record Window(int permits, Duration period) {
        /**
         * Checks the components.
         *
         * @param permits how many requests, at least 1
         * @param period the sliding time span they may take, positive
         * @throws IllegalArgumentException when {@code permits} is below 1 or {@code period} is not positive
         */
        public Window {
            if (permits < 1) {
                throw new IllegalArgumentException("a rate-limit window needs at least 1 permit, not " + permits);
            }
            requireNonNull(period, "period");
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a rate-limit period must be positive, not " + period);
            }
        }
    }

    /**
     * Copies the components.
     *
     * @param windows the limits, all of which apply, copied; empty for no limit
     */
    public RateLimit {
        windows = List.copyOf(windows);
    }

    /**
     * Cloudflare's published limits: 1,200 requests per 5 minutes and 200 per second. Cloudflare counts a
     * request when it arrives, which a client knows only to lie between sending it and its answer, so the client
     * counts each request from its start until a full period after its answer: no second of arrivals can then
     * hold more than 200, however long a request was held up on its way. Counting from the start alone lets a
     * delayed request land in the next second's arrivals.
     *
     * @return the default budget
     */
    public static RateLimit cloudflareDefault() {
        return of(1200, Duration.ofMinutes(5)).and(200, Duration.ofSeconds(1));
    }

    /** {@return a budget with no client-side limit (Cloudflare's own limit and its 429s still apply)} */
    public static RateLimit unlimited() {
        return new RateLimit(List.of());
    }

    /**
     * At most {@code permits} requests in any {@code period}.
     *
     * @param permits how many requests, at least 1
     * @param period the sliding time span they may take, positive
     * @return the budget of that one window
     * @throws IllegalArgumentException when {@code permits} is below 1 or {@code period} is not positive
     */
    public static RateLimit of(int permits, Duration period) {
        return new RateLimit(List.of(new Window(permits, period)));
    }

    /**
     * {@return this limit and also at most {@code permits} requests in any {@code period}}
     *
     * @param permits how many requests, at least 1
     * @param period the sliding time span they may take, positive
     * @throws IllegalArgumentException when {@code permits} is below 1 or {@code period} is not positive
     */
    public RateLimit and(int permits, Duration period) {
        List<Window> more = new ArrayList<>(windows);
        more.add(new Window(permits, period));
        return new RateLimit(more);
    }

    /** {@return true when there is no window, so requests never wait for the budget} */
    public boolean isUnlimited() {
        return windows.isEmpty();
    }
}
