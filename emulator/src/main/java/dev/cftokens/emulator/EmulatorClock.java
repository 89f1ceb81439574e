package dev.cftokens.emulator;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The emulator's one clock: the options' clock plus an offset that only grows, so a test moves a {@code
 * P30D} rotation along in seconds. Every time-dependent part (issued_on, modified_on, last_used_on,
 * not_before and expires_on checks, rate-limit windows, Worker timestamps) reads it, so they never disagree.
 * It never goes back: a token modified before it was issued, or a rate-limit window that ends before it
 * starts, is nothing Cloudflare shows.
 */
final class EmulatorClock extends Clock {
    private final Clock base;
    private final AtomicReference<Duration> offset;

    EmulatorClock(Clock base, Duration offset) {
        this.base = requireNonNull(base, "base");
        this.offset = new AtomicReference<>(checkForward(offset, "clock offset"));
    }

    /** Moves the clock forward by {@code by} and returns the new time. */
    Instant advance(Duration by) {
        checkForward(by, "advanceClock");
        offset.accumulateAndGet(by, Duration::plus);
        return instant();
    }

    Duration offset() {
        return offset.get();
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // Nothing in the emulator asks for another zone; a fixed copy would stop following advance().
        throw new UnsupportedOperationException("the emulator's clock keeps its zone");
    }

    private static Duration checkForward(Duration duration, String what) {
        requireNonNull(duration, what);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, not " + duration
                    + "; the emulator's clock only moves forward (start it with an earlier Clock instead)");
        }
        return duration;
    }
}
