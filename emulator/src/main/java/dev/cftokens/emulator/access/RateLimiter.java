package dev.cftokens.emulator.access;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts requests per credential in fixed windows, as Cloudflare's 1,200 per 5 minutes: past the limit,
 * every request until the window ends is refused.
 */
public final class RateLimiter {
  private final int limit;
  private final long windowMillis;
  private final Clock clock;
  private final Map<String, long[]> windows = new HashMap<>();

  /** One request's outcome and what the x-ratelimit headers say. */
  public record Decision(boolean allowed, int limit, int remaining, long resetSeconds) {}

  public RateLimiter(int limit, long windowMillis, Clock clock) {
    this.limit = limit;
    this.windowMillis = windowMillis;
    this.clock = clock;
  }

  public synchronized Decision acquire(String key) {
    long now = clock.millis();
    long[] window = windows.get(key); // {start, count}
    if (window == null || now >= window[0] + windowMillis) {
      window = new long[] {now, 0};
      windows.put(key, window);
    }
    window[1]++;
    long resetSeconds = Math.max(1, (window[0] + windowMillis - now + 999) / 1000);
    int remaining = (int) Math.max(0, limit - window[1]);
    return new Decision(window[1] <= limit, limit, remaining, resetSeconds);
  }
}
