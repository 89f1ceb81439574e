package dev.cftokens.spring.internal;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A reading of the state taken on a daemon thread of its own and served as its last result, so that whoever
 * asks (a health probe, a meter scrape) never waits longer than it chose while another run holds the state.
 * A reading is reused for an interval; after it, the next ask starts one new reading, which concurrent asks
 * share. Not API: the health component and the meters share it. Thread-safe.
 *
 * @param <T> what a reading gives
 */
public final class LastReading<T> {
    /**
     * What an ask got: the reading, and whether it is older than the interval because a newer one is still
     * running.
     *
     * @param <T> what a reading gives
     * @param value the newest finished reading, empty before the first finishes
     * @param busy whether a newer reading is still running (it waits for the state, as a rule)
     */
    public record Answer<T>(Optional<T> value, boolean busy) {}

    private final String threadName;
    private final Supplier<T> read;
    private final Duration interval;
    private final Clock clock;
    private T last;
    private Instant readAt;
    private CompletableFuture<T> running;

    /**
     * A reading not taken yet.
     *
     * @param threadName the name of the threads that read, such as {@code cftokens-health}
     * @param read reads the state and gives a non-null result; its own failures are its to turn into a
     *     result, as anything it throws is thrown to the asker that waits for it
     * @param interval how long a reading is reused
     * @param clock the clock the interval is judged by
     */
    public LastReading(String threadName, Supplier<T> read, Duration interval, Clock clock) {
        this.threadName = requireNonNull(threadName, "threadName");
        this.read = requireNonNull(read, "read");
        this.interval = requireNonNull(interval, "interval");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * {@return the last reading at once}, starting a new one in the background when it is older than the
     * interval (or there is none yet)
     */
    public Answer<T> now() {
        synchronized (this) {
            if (fresh()) {
                return new Answer<>(Optional.of(last), false);
            }
            startIfIdle();
            return new Answer<>(Optional.ofNullable(last), true);
        }
    }

    /**
     * Waits at most {@code wait} for a reading newer than the interval, then answers with the last one.
     *
     * @param wait how long to wait for a reading that is running
     * @return the new reading, or the last one (busy) when it is not done within {@code wait}
     * @throws InterruptedException when the asking thread is interrupted while it waits
     * @throws IllegalStateException when the reading threw, with its exception as the cause
     */
    public Answer<T> await(Duration wait) throws InterruptedException {
        CompletableFuture<T> reading;
        synchronized (this) {
            if (fresh()) {
                return new Answer<>(Optional.of(last), false);
            }
            reading = startIfIdle();
        }
        // Waited for outside the monitor: concurrent asks each wait at most their own time.
        try {
            return new Answer<>(Optional.of(reading.get(wait.toNanos(), TimeUnit.NANOSECONDS)), false);
        } catch (TimeoutException e) {
            synchronized (this) {
                return new Answer<>(Optional.ofNullable(last), true);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading the state on " + threadName + " failed", e.getCause());
        }
    }

    private boolean fresh() {
        return last != null && clock.instant().isBefore(readAt.plus(interval));
    }

    private CompletableFuture<T> startIfIdle() {
        if (running != null) {
            return running;
        }
        CompletableFuture<T> reading = new CompletableFuture<>();
        running = reading;
        Thread thread = new Thread(
                () -> {
                    try {
                        T value = read.get();
                        synchronized (this) {
                            last = value;
                            readAt = clock.instant();
                            running = null;
                        }
                        reading.complete(value);
                    } catch (Throwable failure) {
                        synchronized (this) {
                            running = null;
                        }
                        reading.completeExceptionally(failure);
                    }
                },
                threadName);
        // Daemon: a reading still waiting for the state never keeps the JVM from exiting.
        thread.setDaemon(true);
        thread.start();
        return reading;
    }
}
