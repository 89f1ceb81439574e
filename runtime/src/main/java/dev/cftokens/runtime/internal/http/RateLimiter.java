package dev.cftokens.runtime.internal.http;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.RateLimit;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Enforces a {@link RateLimit} as sliding windows, and the pause a 429 asks for, for every thread of one
 * client. Cloudflare counts a request when it arrives, which this client knows only to lie between the
 * request's start and its answer; so a request counts from its start until a full period after its answer
 * (or failure), and a new request may start only once fewer than {@code permits} are in flight or were
 * answered less than a period ago. Then no period of arrivals can hold more than {@code permits}, however
 * long any request took on its way: the last of them to start saw every other one counted. For each window it
 * remembers recent answers as runs of (answer time, count); a request waits, without a time, while
 * {@code permits} are in flight.
 *
 * <p>Memory does not grow with the limit: with up to {@link #MAX_RUNS} permits every answer is its own run
 * (exact); above that, an answer less than {@code period / MAX_RUNS} after the previous run began joins it,
 * the whole run counted at its latest answer, so a window holds at most {@code MAX_RUNS + 1} runs and errs only
 * towards waiting slightly longer. Requests are granted times in the order they ask; one that had to wait for an
 * answer asks again when an answer comes. Callers sleep outside the lock.
 */
final class RateLimiter {
    /** Runs kept per window at most (about). */
    static final int MAX_RUNS = 1024;

    /** What {@link #reserve(long, long)} answers when the request cannot start by the deadline. */
    static final long REFUSED = Long.MIN_VALUE;

    /** What {@link #reserve(long, long)} answers when the request must wait for an answer to some in flight. */
    static final long AWAIT_ANSWER = Long.MAX_VALUE;

    /** The longest a request waiting for an answer waits before it asks again, should no answer come. */
    static final Duration ANSWER_WAIT = Duration.ofMillis(50);

    private final TimeSource time;
    private final Window[] windows;
    private long lastGrant = Long.MIN_VALUE;
    private long lastAnswer = Long.MIN_VALUE;
    private long pausedUntil = Long.MIN_VALUE;
    private int inFlight;

    RateLimiter(RateLimit limit, TimeSource time) {
        this.time = requireNonNull(time, "time");
        List<RateLimit.Window> configured = limit.windows();
        windows = new Window[configured.size()];
        for (int i = 0; i < windows.length; i++) {
            windows[i] = new Window(
                    configured.get(i).permits(), configured.get(i).period().toNanos());
        }
    }

    /**
     * One window's recent answers, oldest first, as {time, count, first} runs: {@code time} is the latest
     * answer of the run (when all of it is taken to have been answered) and {@code first} its earliest, which
     * bounds the run to {@code mergeWithin}.
     */
    private static final class Window {
        final int permits;
        final long period;
        final long mergeWithin; // starts closer than this to the last run join it (0: never, exact)
        final ArrayDeque<long[]> runs = new ArrayDeque<>();
        long counted;

        Window(int permits, long period) {
            this.permits = permits;
            this.period = period;
            this.mergeWithin = permits <= MAX_RUNS ? 0 : Math.max(1, period / MAX_RUNS);
        }

        /**
         * The earliest time from {@code from} at which one more start fits beside {@code inFlight} requests, or
         * {@link #AWAIT_ANSWER} when those alone fill the window; changes nothing.
         */
        long earliest(long from, int inFlight) {
            if (inFlight >= permits) {
                return AWAIT_ANSWER;
            }
            long at = from;
            long remaining = counted + inFlight;
            for (long[] run : runs) { // oldest first
                if (run[0] + period <= at) {
                    remaining -= run[1]; // aged out by then
                } else if (remaining >= permits) {
                    remaining -= run[1]; // must age out first
                    at = run[0] + period;
                } else {
                    break;
                }
            }
            return at;
        }

        /** Counts an answer at {@code at}, no earlier than any before; forgets the runs that aged out by then. */
        void record(long at) {
            while (!runs.isEmpty() && runs.peekFirst()[0] + period <= at) {
                counted -= runs.removeFirst()[1];
            }
            long[] last = runs.peekLast();
            if (last != null && (last[0] == at || at - last[2] < mergeWithin)) {
                last[0] = at;
                last[1]++;
            } else {
                runs.addLast(new long[] {at, 1, at});
            }
            counted++;
        }
    }

    /** {@link #acquire(long, LongConsumer)} without a deadline or a word about the waits. */
    void acquire() throws InterruptedException {
        acquire(Long.MAX_VALUE, wait -> {});
    }

    /**
     * Waits until one more request fits every window and any pause is over, and counts it in flight: {@link
     * #answered} must follow. False, counting nothing, when it could not start by {@code deadline} (a {@link
     * TimeSource#nanoTime()} value), a pause that began meanwhile included. {@code sleeping} hears of each
     * sleep, in nanoseconds, before it starts.
     */
    boolean acquire(long deadline, LongConsumer sleeping) throws InterruptedException {
        long now = time.nanoTime();
        long grant = reserve(now, deadline);
        while (grant == AWAIT_ANSWER && now <= deadline) {
            awaitAnswer(); // nothing counted yet
            now = time.nanoTime();
            grant = reserve(now, deadline);
        }
        if (grant == AWAIT_ANSWER || grant == REFUSED) {
            return false;
        }
        // From here the request is counted in flight: every way out but sending it gives the count back.
        try {
            while (true) {
                if (grant > deadline) {
                    abandoned();
                    return false;
                }
                if (grant <= now) {
                    return true;
                }
                sleeping.accept(grant - now);
                time.sleep(Duration.ofNanos(grant - now));
                // A 429 answered to another thread meanwhile pauses this request too.
                now = time.nanoTime();
                grant = Math.max(now, pausedUntil());
            }
        } catch (InterruptedException e) {
            abandoned();
            throw e;
        }
    }

    /**
     * Waits until a request in flight is answered (or {@link #ANSWER_WAIT} passes): what a request that {@link
     * #reserve} told to {@link #AWAIT_ANSWER} does before it asks again.
     */
    synchronized void awaitAnswer() throws InterruptedException {
        wait(ANSWER_WAIT.toMillis());
    }

    /** {@link #reserve(long, long)} without a deadline. */
    long reserve(long now) {
        return reserve(now, Long.MAX_VALUE);
    }

    /**
     * The time at which a request arriving at {@code now} may start, counted in flight from then on; or
     * {@link #AWAIT_ANSWER} when it must wait for an answer to one in flight, or {@link #REFUSED} when it
     * could not start by {@code deadline}, both counting nothing. A counted request must be {@link #answered}
     * once, whether it was sent or not.
     */
    synchronized long reserve(long now, long deadline) {
        // Never earlier than the previous grant: keeps runs in time order.
        long grant = lastGrant == Long.MIN_VALUE ? now : Math.max(now, lastGrant);
        grant = Math.max(grant, pausedUntil);
        // Moving the grant later only lets more runs age out, so one pass satisfies every window.
        for (Window window : windows) {
            grant = window.earliest(grant, inFlight);
            if (grant == AWAIT_ANSWER) {
                return AWAIT_ANSWER;
            }
        }
        if (grant > deadline) {
            return REFUSED;
        }
        if (windows.length > 0) {
            inFlight++;
        }
        lastGrant = grant;
        return grant;
    }

    /**
     * Counts a request {@link #reserve} granted as answered at {@code at} (a {@link TimeSource#nanoTime()}
     * value): answered, failed, or given up before it was sent. It counts a period from then.
     */
    synchronized void answered(long at) {
        if (!leaveFlight("an answer to a request this limiter did not grant")) {
            return;
        }
        // Never earlier than the previous answer: keeps runs in time order.
        lastAnswer = Math.max(at, lastAnswer);
        for (Window window : windows) {
            window.record(lastAnswer);
        }
    }

    /** Gives back a request {@link #reserve} granted that was never sent: it counts in no window. */
    synchronized void abandoned() {
        leaveFlight("a request this limiter did not grant was given back");
    }

    /**
     * Takes a granted request out of flight and wakes the requests waiting for one to leave; false when there are no
     * windows, so nothing was counted.
     */
    private boolean leaveFlight(String notGranted) {
        if (windows.length == 0) {
            return false;
        }
        if (inFlight == 0) {
            throw new IllegalStateException(notGranted);
        }
        inFlight--;
        notifyAll();
        return true;
    }

    /**
     * Holds every request of this client, including those already granted and waiting, until {@code
     * until} (a {@link TimeSource#nanoTime()} value): what a 429's {@code retry-after} asks of all of them.
     */
    synchronized void pauseUntil(long until) {
        pausedUntil = Math.max(pausedUntil, until);
    }

    /** For tests: the runs remembered over all windows. */
    synchronized int runs() {
        int runs = 0;
        for (Window window : windows) {
            runs += window.runs.size();
        }
        return runs;
    }

    /** The end of the current 429 pause, or a time in the past. */
    synchronized long pausedUntil() {
        return pausedUntil;
    }
}
