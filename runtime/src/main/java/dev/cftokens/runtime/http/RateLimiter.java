package dev.cftokens.runtime.http;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.RateLimit;
import java.time.Duration;
import java.util.List;

/**
 * Enforces a {@link RateLimit} as sliding windows: for each window it remembers the start times of the
 * last {@code permits} requests, and a new request may start only once the oldest of them is a full
 * period old. Requests are granted in arrival order; the wait happens outside the lock so one sleeping
 * caller does not block the bookkeeping of the others.
 */
final class RateLimiter {
  private final TimeSource time;
  private final long[] periodNanos;
  private final long[][] starts; // per window, a ring of the last `permits` grant times
  private final int[] next;
  private final int[] filled;
  private long lastGrant = Long.MIN_VALUE;

  RateLimiter(RateLimit limit, TimeSource time) {
    this.time = requireNonNull(time, "time");
    List<RateLimit.Window> windows = limit.windows();
    periodNanos = new long[windows.size()];
    starts = new long[windows.size()][];
    next = new int[windows.size()];
    filled = new int[windows.size()];
    for (int i = 0; i < windows.size(); i++) {
      periodNanos[i] = windows.get(i).period().toNanos();
      starts[i] = new long[windows.get(i).permits()];
    }
  }

  /** Waits until one more request fits every window, and counts it. */
  void acquire() throws InterruptedException {
    if (starts.length == 0) {
      return;
    }
    long now = time.nanoTime();
    long grant = reserve(now);
    if (grant > now) {
      time.sleep(Duration.ofNanos(grant - now));
    }
  }

  /** The time at which a request arriving at {@code now} may start; counts it as started then. */
  synchronized long reserve(long now) {
    // Never earlier than the previous grant: keeps each ring sorted, so its oldest entry is at `next`.
    long grant = lastGrant == Long.MIN_VALUE ? now : Math.max(now, lastGrant);
    for (int w = 0; w < starts.length; w++) {
      if (filled[w] == starts[w].length) {
        grant = Math.max(grant, starts[w][next[w]] + periodNanos[w]);
      }
    }
    for (int w = 0; w < starts.length; w++) {
      starts[w][next[w]] = grant;
      next[w] = (next[w] + 1) % starts[w].length;
      filled[w] = Math.min(filled[w] + 1, starts[w].length);
    }
    lastGrant = grant;
    return grant;
  }
}
