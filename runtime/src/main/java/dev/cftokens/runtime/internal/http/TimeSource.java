package dev.cftokens.runtime.internal.http;

import java.time.Duration;

/**
 * Monotonic time and sleeping, behind an interface so tests of back-off and rate limiting run in
 * simulated time instead of really waiting.
 */
public interface TimeSource {
    /** The real clock: {@link System#nanoTime()} and {@link Thread#sleep}. */
    TimeSource SYSTEM = new TimeSource() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            long nanos = duration.toNanos();
            if (nanos > 0) {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        }

        @Override
        public String toString() {
            return "TimeSource.SYSTEM";
        }
    };

    /** {@return a monotonic reading in nanoseconds, comparable only with other readings of this source} */
    long nanoTime();

    /**
     * Blocks for {@code duration}; a zero or negative duration returns at once.
     *
     * @param duration how long to block
     * @throws InterruptedException when the thread is interrupted while it waits
     */
    void sleep(Duration duration) throws InterruptedException;
}
