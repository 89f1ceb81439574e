package dev.cftokens.runtime.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final long NOW = Instant.parse("2026-12-08T02:00:00Z").toEpochMilli();

    private static HttpExchange.Answer tooManyRequests(Map<String, String> headers) {
        return new HttpExchange.Answer(429, "", headers);
    }

    @Test
    void secondsAreTakenAsGivenAndNeverNegative() {
        assertThat(RetryAfter.of(tooManyRequests(Map.of("Retry-After", " 7 ")), NOW))
                .contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.of(tooManyRequests(Map.of("retry-after", "-3")), NOW))
                .contains(Duration.ZERO);
    }

    @Test
    void anHttpDateCountsFromNowAndOneInThePastMeansNoWait() {
        String inNinetySeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.ofEpochMilli(NOW).plusSeconds(90).atZone(ZoneOffset.UTC));
        String aMinuteAgo = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.ofEpochMilli(NOW).minusSeconds(60).atZone(ZoneOffset.UTC));
        assertThat(RetryAfter.of(tooManyRequests(Map.of("retry-after", inNinetySeconds)), NOW))
                .contains(Duration.ofSeconds(90));
        assertThat(RetryAfter.of(tooManyRequests(Map.of("retry-after", aMinuteAgo)), NOW))
                .contains(Duration.ZERO);
    }

    @Test
    void withoutAUsableRetryAfterTheBudgetResetIsUsed() {
        assertThat(RetryAfter.of(tooManyRequests(Map.of("x-ratelimit-reset", "12")), NOW))
                .contains(Duration.ofSeconds(12));
        assertThat(RetryAfter.of(tooManyRequests(Map.of("retry-after", "soon", "x-ratelimit-reset", "12")), NOW))
                .contains(Duration.ofSeconds(12));
    }

    @Test
    void nothingReadableLeavesTheWaitToTheBackOff() {
        assertThat(RetryAfter.of(tooManyRequests(Map.of()), NOW)).isEmpty();
        assertThat(RetryAfter.of(tooManyRequests(Map.of("retry-after", "soon", "x-ratelimit-reset", "later")), NOW))
                .isEmpty();
    }
}
