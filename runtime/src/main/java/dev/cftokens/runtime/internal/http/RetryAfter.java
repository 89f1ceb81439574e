package dev.cftokens.runtime.internal.http;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long a 429 asks to wait: {@code retry-after} in seconds or as an HTTP date, else {@code
 * x-ratelimit-reset} in seconds; never negative.
 */
final class RetryAfter {
    private RetryAfter() {}

    static Optional<Duration> of(HttpExchange.Answer answer) {
        return of(answer, System.currentTimeMillis());
    }

    /** {@link #of(HttpExchange.Answer)} with an HTTP date counted from {@code nowMillis}, since the epoch. */
    static Optional<Duration> of(HttpExchange.Answer answer, long nowMillis) {
        String retryAfter = answer.header("retry-after");
        if (retryAfter != null) {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim()))));
            } catch (NumberFormatException notSeconds) {
                try {
                    ZonedDateTime date = ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                    long millis = date.toInstant().toEpochMilli() - nowMillis;
                    return Optional.of(Duration.ofMillis(Math.max(0, millis)));
                } catch (DateTimeParseException notDate) {
                    // Neither: fall back to x-ratelimit-reset.
                }
            }
        }
        String reset = answer.header("x-ratelimit-reset");
        if (reset != null) {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(reset.trim()))));
            } catch (NumberFormatException ignored) {
                // Not a number of seconds: fall back to ordinary back-off.
            }
        }
        return Optional.empty();
    }
}
