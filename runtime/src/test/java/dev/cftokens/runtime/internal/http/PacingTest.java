package dev.cftokens.runtime.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.runtime.RateLimit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PacingTest {
    @Test
    void theShortestWindowPacesARunAndCloudflaresPerAddressRateCapsIt() {
        assertThat(Pacing.burstRate(RateLimit.cloudflareDefault())).isEqualTo(200);
        assertThat(Pacing.burstRate(RateLimit.of(50, Duration.ofSeconds(1)).and(1000, Duration.ofMinutes(5))))
                .isEqualTo(50);
        assertThat(Pacing.burstRate(RateLimit.of(1000, Duration.ofSeconds(1)))).isEqualTo(200);
        assertThat(Pacing.burstRate(RateLimit.unlimited())).isEqualTo(200);
    }

    @Test
    void concurrencyIsRateTimesRoundTripWithHeadroomWithinBounds() {
        Pacing pacing = new Pacing(RateLimit.cloudflareDefault());
        assertThat(pacing.concurrency(8, 4, 64)).as("nothing measured yet").isEqualTo(8);

        pacing.answered(Duration.ofMillis(50).toNanos());
        // 200/s x 0.05 s = 10 in flight, x 2 headroom.
        assertThat(pacing.concurrency(8, 4, 64)).isEqualTo(20);

        Pacing fast = new Pacing(RateLimit.cloudflareDefault());
        fast.answered(Duration.ofMillis(1).toNanos());
        assertThat(fast.concurrency(8, 4, 64)).as("the floor").isEqualTo(4);

        Pacing slow = new Pacing(RateLimit.cloudflareDefault());
        slow.answered(Duration.ofSeconds(2).toNanos());
        assertThat(slow.concurrency(8, 4, 64)).as("the ceiling").isEqualTo(64);
    }

    @Test
    void theRoundTripIsAMovingAverageSoOneSlowAnswerDoesNotSwingIt() {
        Pacing pacing = new Pacing(RateLimit.cloudflareDefault());
        pacing.answered(Duration.ofMillis(50).toNanos());
        pacing.answered(Duration.ofMillis(550).toNanos());
        assertThat(pacing.roundTripNanos()).hasValue(Duration.ofMillis(150).toNanos());
    }

    @Test
    void waitsForTheBudgetToResetOnlyWhenWhatRemainsCannotCoverTheRequestsInFlight() {
        assertThat(Pacing.budgetWait("12", "40", 11)).isEmpty();
        assertThat(Pacing.budgetWait("11", "40", 11)).hasValue(Duration.ofSeconds(40));
        assertThat(Pacing.budgetWait("0", "3", 0)).hasValue(Duration.ofSeconds(3));
        assertThat(Pacing.budgetWait(null, "3", 0)).as("no header").isEmpty();
        assertThat(Pacing.budgetWait("0", null, 0)).isEmpty();
        assertThat(Pacing.budgetWait("none", "3", 0)).as("not a number").isEmpty();
        assertThat(Pacing.budgetWait("0", "0", 0)).as("already reset").isEmpty();
    }
}
