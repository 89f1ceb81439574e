package dev.cftokens.state.postgres;

import dev.cftokens.runtime.state.StateException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The pauses between attempts of one wait: growing from 25 ms to 1 s, each drawn at random below its
 * bound (full jitter) so that a fleet starting together does not knock on the database in step, and none
 * past the wait's deadline.
 */
final class Backoff {
    private static final long FIRST_MILLIS = 25;
    private static final long LONGEST_MILLIS = 1_000;

    private final Duration wait;
    private final long deadline;
    private long boundMillis = FIRST_MILLIS;
    private int attempts;

    Backoff(Duration wait) {
        this.wait = wait;
        this.deadline = System.nanoTime() + wait.toNanos();
    }

    /** The whole wait this backoff spends. */
    Duration total() {
        return wait;
    }

    /** How many pauses were taken. */
    int attempts() {
        return attempts;
    }

    /** True once the deadline has passed. */
    boolean expired() {
        return remaining().isZero();
    }

    Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    /** The next pause, never past the deadline; zero when the wait is over. */
    Duration next() {
        long millis = 1 + ThreadLocalRandom.current().nextLong(boundMillis);
        boundMillis = Math.min(LONGEST_MILLIS, boundMillis * 2);
        Duration pause = Duration.ofMillis(millis);
        Duration left = remaining();
        return pause.compareTo(left) < 0 ? pause : left;
    }

    /** Sleeps {@code pause} (from {@link #next()}). */
    void sleep(Duration pause) {
        attempts++;
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateException("interrupted while waiting for the PostgreSQL state", e);
        }
    }

    /** A duration as people read it in a message: {@code 250 ms}, {@code 12 s}, {@code 2 min 5 s}. */
    static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        long seconds = duration.toSeconds();
        if (seconds < 120) {
            return millis % 1000 == 0 || seconds >= 10
                    ? seconds + " s"
                    : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }
}
