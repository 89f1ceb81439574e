package dev.cftokens.runtime;

import dev.cftokens.runtime.internal.http.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Simulated time: sleeping advances the clock at once and is recorded, so back-off tests do not wait. */
final class FakeTime implements TimeSource {
    private long now = 1_000_000_000L;
    final List<Duration> sleeps = new ArrayList<>();

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        if (!duration.isNegative()) {
            now += duration.toNanos();
        }
    }

    synchronized void advance(Duration duration) {
        now += duration.toNanos();
    }
}
