package dev.cftokens.emulator;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * A request limit: past {@code limit} requests in a window, every request answers 429 (code 971, with
 * retry-after) for {@code block}, as Cloudflare blocks for five minutes. Off unless given to {@link
 * EmulatorOptions.Builder#rateLimit} (per credential) or {@link EmulatorOptions.Builder#addressRateLimit}
 * (per client address), so that the project's own fast tests are never throttled.
 *
 * @param limit requests allowed per window, at least 1
 * @param window the window, at least 1 ms
 * @param block how long every request answers 429 once the limit is passed, at least 1 ms
 */
public record EmulatedRateLimit(int limit, Duration window, Duration block) {
    /**
     * Blocks for one whole window.
     *
     * @param limit requests allowed per window, at least 1
     * @param window the window, at least 1 ms
     */
    public EmulatedRateLimit(int limit, Duration window) {
        this(limit, window, window);
    }

    /**
     * Checks the components.
     *
     * @param limit requests allowed per window, at least 1
     * @param window the window, at least 1 ms
     * @param block how long every request answers 429 once the limit is passed, at least 1 ms
     * @throws IllegalArgumentException when a value is below its minimum
     */
    public EmulatedRateLimit {
        requireNonNull(window, "window");
        requireNonNull(block, "block");
        if (block.toMillis() < 1) {
            throw new IllegalArgumentException("rate limit block must be at least 1 ms, not " + block);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("rate limit must allow at least 1 request, not " + limit);
        }
        if (window.toMillis() < 1) {
            throw new IllegalArgumentException("rate limit window must be at least 1 ms, not " + window);
        }
    }

    /**
     * Cloudflare's: 1,200 requests per 5 minutes per user or token.
     *
     * @return the limit
     */
    public static EmulatedRateLimit cloudflare() {
        return new EmulatedRateLimit(1200, Duration.ofMinutes(5));
    }

    /** {@return Cloudflare's per client address: 200 requests per second, then five minutes blocked} */
    public static EmulatedRateLimit cloudflarePerAddress() {
        return new EmulatedRateLimit(200, Duration.ofSeconds(1), Duration.ofMinutes(5));
    }
}
