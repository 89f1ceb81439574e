package dev.cftokens.emulator.access;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts requests per key (a credential, or a client address) as Cloudflare does: {@code limit} requests
 * per window; the request past the limit starts a block in which every request is refused.
 */
public final class RequestThrottle {
    private final int limit;
    private final long windowMillis;
    private final long blockMillis;
    private final Clock clock;
    private final Map<String, Budget> budgets = new HashMap<>();

    /**
     * One request's outcome and what the x-ratelimit headers say.
     *
     * @param allowed whether the request may proceed
     * @param limit requests allowed per window
     * @param remaining requests left in the window
     * @param resetSeconds seconds until the window or the block ends
     */
    public record Decision(boolean allowed, int limit, int remaining, long resetSeconds) {}

    /** One credential's window: when it started, requests in it, and the end of a block (0 for none). */
    private static final class Budget {
        long windowStart;
        int count;
        long blockedUntil;
    }

    /**
     * A throttle with no request counted yet.
     *
     * @param limit requests allowed per window
     * @param windowMillis the window, in milliseconds
     * @param blockMillis how long every request is refused once the limit is passed, in milliseconds
     * @param clock the clock windows are measured on
     */
    public RequestThrottle(int limit, long windowMillis, long blockMillis, Clock clock) {
        this.limit = limit;
        this.windowMillis = windowMillis;
        this.blockMillis = blockMillis;
        this.clock = clock;
    }

    /**
     * Counts one request against {@code key}'s budget.
     *
     * @param key the credential or client address
     * @return whether the request may proceed, and what the x-ratelimit headers say
     */
    public synchronized Decision acquire(String key) {
        long now = clock.millis();
        Budget budget = budgets.computeIfAbsent(key, k -> new Budget());
        if (budget.blockedUntil > now) {
            return new Decision(false, limit, 0, seconds(budget.blockedUntil - now));
        }
        if (budget.blockedUntil != 0 || now >= budget.windowStart + windowMillis) {
            budget.windowStart = now;
            budget.count = 0;
            budget.blockedUntil = 0;
        }
        budget.count++;
        if (budget.count > limit) {
            budget.blockedUntil = now + blockMillis;
            return new Decision(false, limit, 0, seconds(blockMillis));
        }
        return new Decision(true, limit, limit - budget.count, seconds(budget.windowStart + windowMillis - now));
    }

    private static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }
}
