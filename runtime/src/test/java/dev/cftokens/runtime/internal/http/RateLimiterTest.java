package dev.cftokens.runtime.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cftokens.runtime.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    /** Manual clock: sleeping records the wake-up time and advances nothing (reserve() is tested directly). */
    private static final class ManualTime implements TimeSource {
        long now;
        final List<Duration> sleeps = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleep(Duration duration) {
            sleeps.add(duration);
            now += duration.toNanos();
        }
    }

    /** Reserves at {@code now} and, as a request answered {@code roundTrip} after its start, answers it. */
    private static long request(RateLimiter limiter, long now, long roundTrip) {
        long grant = limiter.reserve(now);
        limiter.answered(grant + roundTrip);
        return grant;
    }

    @Test
    void burstUpToTheLimitThenWaitsForTheOldestAnswerToAge() {
        ManualTime time = new ManualTime();
        RateLimiter limiter = new RateLimiter(RateLimit.of(3, Duration.ofSeconds(1)), time);
        assertThat(request(limiter, 0, 10)).isZero();
        assertThat(request(limiter, 100, 10)).isEqualTo(100);
        assertThat(request(limiter, 200, 10)).isEqualTo(200);
        // The fourth waits until the first answer is a full second old, the fifth until the second is.
        assertThat(request(limiter, 300, 10)).isEqualTo(SECOND + 10);
        assertThat(request(limiter, 300, 10)).isEqualTo(SECOND + 110);
        // Much later, the window is empty again.
        assertThat(request(limiter, 10 * SECOND, 10)).isEqualTo(10 * SECOND);
    }

    @Test
    void aRequestCountsFromItsStartUntilAPeriodAfterItsAnswer() {
        ManualTime time = new ManualTime();
        RateLimiter limiter = new RateLimiter(RateLimit.of(2, Duration.ofSeconds(1)), time);
        assertThat(limiter.reserve(0)).isZero();
        assertThat(limiter.reserve(0)).isZero();
        // Both in flight: however long they take, a third could arrive beside them.
        assertThat(limiter.reserve(3 * SECOND)).isEqualTo(RateLimiter.AWAIT_ANSWER);
        assertThat(limiter.reserve(3 * SECOND)).as("waiting counted nothing").isEqualTo(RateLimiter.AWAIT_ANSWER);
        // One answered after 5 s may have arrived just then: the next starts a second later, not at 1 s.
        limiter.answered(5 * SECOND);
        assertThat(limiter.reserve(5 * SECOND)).isEqualTo(6 * SECOND);
    }

    @Test
    void aGrantNeverSentIsGivenBackAndCountsInNoWindow() {
        ManualTime time = new ManualTime();
        RateLimiter limiter = new RateLimiter(RateLimit.of(1, Duration.ofSeconds(1)), time);
        assertThat(limiter.reserve(0)).isZero();
        assertThat(limiter.reserve(0)).isEqualTo(RateLimiter.AWAIT_ANSWER);
        limiter.abandoned(); // an interrupted wait, or one the pause would hold past the retry budget
        assertThat(limiter.reserve(0)).isZero();
        limiter.answered(0);
        assertThat(limiter.reserve(0)).isEqualTo(SECOND);
    }

    @Test
    void anAnswerOrAGiveBackWithoutAGrantIsABug() {
        RateLimiter limiter = new RateLimiter(RateLimit.of(1, Duration.ofSeconds(1)), new ManualTime());
        assertThatThrownBy(() -> limiter.answered(0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(limiter::abandoned).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void everyWindowApplies() {
        ManualTime time = new ManualTime();
        // 2 per second, 3 per 10 seconds.
        RateLimiter limiter =
                new RateLimiter(RateLimit.of(2, Duration.ofSeconds(1)).and(3, Duration.ofSeconds(10)), time);
        assertThat(request(limiter, 0, 0)).isZero();
        assertThat(request(limiter, 0, 0)).isZero();
        assertThat(request(limiter, 0, 0)).isEqualTo(SECOND); // per-second window
        assertThat(request(limiter, 2 * SECOND, 0)).isEqualTo(10 * SECOND); // 10-second window
    }

    @Test
    void cloudflareDefaultAllows200PerSecondAnd1200PerFiveMinutes() {
        ManualTime time = new ManualTime();
        RateLimiter limiter = new RateLimiter(RateLimit.cloudflareDefault(), time);
        long last = 0;
        for (int i = 0; i < 1200; i++) {
            last = request(limiter, 0, SECOND / 20);
        }
        // 1,200 requests answered 50 ms after their start, 200 per second: the last starts at 6 x 1.05 s.
        assertThat(last).isEqualTo(5 * (SECOND + SECOND / 20));
        // The 1,201st waits for the five-minute window: the first answer was at 50 ms.
        assertThat(limiter.reserve(0)).isEqualTo(300 * SECOND + SECOND / 20);
    }

    @Test
    void acquireSleepsOnlyWhenOverTheLimit() throws InterruptedException {
        ManualTime time = new ManualTime();
        RateLimiter limiter = new RateLimiter(RateLimit.of(1, Duration.ofSeconds(2)), time);
        limiter.acquire();
        limiter.answered(0);
        assertThat(time.sleeps).isEmpty();
        limiter.acquire();
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void unlimitedNeverWaits() throws InterruptedException {
        ManualTime time = new ManualTime();
        RateLimiter limiter = new RateLimiter(RateLimit.unlimited(), time);
        for (int i = 0; i < 10_000; i++) {
            limiter.acquire();
        }
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void concurrentCallersNeverExceedTheLimit() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(RateLimit.of(5, Duration.ofSeconds(1)), TimeSource.SYSTEM);
        long start = System.nanoTime();
        ConcurrentLinkedQueue<Long> grants = new ConcurrentLinkedQueue<>();
        CountDownLatch ready = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                try {
                    ready.await();
                    for (int i = 0; i < 3; i++) {
                        long grant = limiter.reserve(System.nanoTime() - start);
                        grants.add(grant);
                        limiter.answered(grant);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
            threads.add(thread);
        }
        ready.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        List<Long> sorted = new ArrayList<>(grants);
        sorted.sort(null);
        assertThat(sorted).hasSize(12);
        // Any 6 consecutive grants span at least one second.
        for (int i = 5; i < sorted.size(); i++) {
            assertThat(sorted.get(i) - sorted.get(i - 5)).isGreaterThanOrEqualTo(SECOND);
        }
    }

    @Test
    void hugeLimitsUseMemoryThatDoesNotGrowWithThePermits() {
        ManualTime time = new ManualTime();
        // A per-permit array would need 16 GB here.
        RateLimiter limiter = new RateLimiter(RateLimit.of(Integer.MAX_VALUE - 8, Duration.ofMinutes(5)), time);
        for (int i = 0; i < 100_000; i++) {
            assertThat(request(limiter, i * 1_000L, 0)).isEqualTo(i * 1_000L);
        }
        assertThat(limiter.runs()).isLessThanOrEqualTo(RateLimiter.MAX_RUNS + 1);
    }

    @Test
    void largeLimitsStillHoldWithinAThousandthOfThePeriod() {
        ManualTime time = new ManualTime();
        RateLimiter limiter = new RateLimiter(RateLimit.of(100_000, Duration.ofSeconds(100)), time);
        for (int i = 0; i < 100_000; i++) {
            request(limiter, i * 10_000L, 0); // one every 10 µs: all within the first second
        }
        assertThat(limiter.runs()).isLessThanOrEqualTo(RateLimiter.MAX_RUNS + 1);
        long next = limiter.reserve(SECOND);
        // Exactly, it would start when the first request is 100 s old; merging may only make it later.
        assertThat(next).isBetween(100 * SECOND, 100 * SECOND + 100 * SECOND / RateLimiter.MAX_RUNS);
    }

    @Test
    void aPauseHoldsEveryRequestUntilItEnds() throws InterruptedException {
        ManualTime time = new ManualTime();
        RateLimiter limiter = new RateLimiter(RateLimit.unlimited(), time);
        limiter.pauseUntil(30 * SECOND);
        assertThat(limiter.reserve(SECOND)).isEqualTo(30 * SECOND);
        limiter.acquire();
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(30));
        assertThat(limiter.reserve(31 * SECOND)).isEqualTo(31 * SECOND);
    }

    @Test
    void aReservationPastTheDeadlineCountsNothing() {
        ManualTime time = new ManualTime();
        RateLimiter limiter = new RateLimiter(RateLimit.of(1, Duration.ofSeconds(10)), time);
        assertThat(limiter.reserve(0, SECOND)).isZero();
        limiter.answered(0);
        assertThat(limiter.reserve(0, SECOND)).isEqualTo(RateLimiter.REFUSED);
        // The refused request took no permit: the next one still starts when the first is 10 s old.
        assertThat(limiter.reserve(0)).isEqualTo(10 * SECOND);
    }
}
