package dev.cftokens.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {
    private static final String SHAPE = "write UTC in whole seconds ending in Z, such as 2024-12-31T23:59:59Z";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2024-12-31T23:59:59Z",
                "2018-07-01T05:20:00Z",
                "2024-02-29T00:00:00Z",
                "2000-02-29T12:00:00Z",
                "1970-01-01T00:00:00Z",
                "9999-12-31T23:59:59Z",
                "2026-01-01T00:00:00Z",
                "0000-01-01T00:00:00Z",
                "0001-02-03T04:05:06Z",
                "1969-12-31T23:59:59Z"
            })
    void parsesUtcTimestampsAndFormatsThemBack(String text) {
        Instant instant = Timestamps.parse(text);
        assertThat(instant).isEqualTo(Instant.parse(text));
        assertThat(Timestamps.format(instant)).isEqualTo(text);
    }

    @Test
    void formatDropsFractionalSeconds() {
        assertThat(Timestamps.format(Instant.parse("2024-12-31T23:59:59.999999999Z")))
                .isEqualTo("2024-12-31T23:59:59Z");
        assertThat(Timestamps.format(Instant.parse("1969-12-31T23:59:59.5Z"))).isEqualTo("1969-12-31T23:59:59Z");
    }

    @Test
    void onlyTheShapeParseTakesIsWholeSecondUtc() {
        assertThat(Timestamps.isWholeSecondUtc("2024-12-31T23:59:59Z")).isTrue();
        assertThat(Timestamps.isWholeSecondUtc("2024-13-31T23:59:59Z"))
                .as("shape, not validity")
                .isTrue();
        assertThat(Timestamps.isWholeSecondUtc("2024-12-31T23:59:59.5Z")).isFalse();
        assertThat(Timestamps.isWholeSecondUtc("2024-12-31T23:59:59+00:00")).isFalse();
        assertThat(Timestamps.isWholeSecondUtc("2024-12-31t23:59:59z")).isFalse();
    }

    @Test
    void formatRejectsYearsBeyondFourDigits() {
        assertThatThrownBy(() -> Timestamps.format(Instant.parse("+10000-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("instant +10000-01-01T00:00:00Z is outside the years 0000 to 9999");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "'' | timestamp is empty; " + SHAPE,
                "2024-02-30T00:00:00Z | timestamp \"2024-02-30T00:00:00Z\" is not a real date: February 2024 has days 01 to 29",
                "2023-02-29T00:00:00Z | timestamp \"2023-02-29T00:00:00Z\" is not a real date: February 2023 has days 01 to 28",
                "1900-02-29T00:00:00Z | timestamp \"1900-02-29T00:00:00Z\" is not a real date: February 1900 has days 01 to 28",
                "2024-04-31T00:00:00Z | timestamp \"2024-04-31T00:00:00Z\" is not a real date: April 2024 has days 01 to 30",
                "2024-01-00T00:00:00Z | timestamp \"2024-01-00T00:00:00Z\" is not a real date: January 2024 has days 01 to 31",
                "2024-13-01T00:00:00Z | timestamp \"2024-13-01T00:00:00Z\" has month 13; months are 01 to 12",
                "2024-00-01T00:00:00Z | timestamp \"2024-00-01T00:00:00Z\" has month 00; months are 01 to 12",
                "2024-12-31T24:00:00Z | timestamp \"2024-12-31T24:00:00Z\" has hour 24; hours are 00 to 23 (midnight at the"
                        + " end of the day is 2025-01-01T00:00:00Z)",
                "2024-12-31T25:00:00Z | timestamp \"2024-12-31T25:00:00Z\" has hour 25; hours are 00 to 23",
                "2024-12-31T24:00:01Z | timestamp \"2024-12-31T24:00:01Z\" has hour 24; hours are 00 to 23",
                "2024-12-31T23:60:00Z | timestamp \"2024-12-31T23:60:00Z\" has minute 60; minutes are 00 to 59",
                "2016-12-31T23:59:60Z | timestamp \"2016-12-31T23:59:60Z\" has second 60; seconds are 00 to 59 (leap seconds"
                        + " are not accepted)",
                "2024-12-31T23:59:59.5Z | timestamp \"2024-12-31T23:59:59.5Z\" has fractional seconds; Cloudflare takes whole"
                        + " seconds: write 2024-12-31T23:59:59Z",
                "2024-12-31T23:59:59.000Z | timestamp \"2024-12-31T23:59:59.000Z\" has fractional seconds; Cloudflare takes"
                        + " whole seconds: write 2024-12-31T23:59:59Z",
                "2025-01-01T01:00:00+02:00 | timestamp \"2025-01-01T01:00:00+02:00\" has a UTC offset; Cloudflare takes UTC"
                        + " ending in Z: write 2024-12-31T23:00:00Z",
                "2024-12-31T23:59:59+00:00 | timestamp \"2024-12-31T23:59:59+00:00\" has a UTC offset; Cloudflare takes UTC"
                        + " ending in Z: write 2024-12-31T23:59:59Z",
                "2024-12-31T20:00:00.5-05:00 | timestamp \"2024-12-31T20:00:00.5-05:00\" has a UTC offset; Cloudflare takes"
                        + " UTC ending in Z: write 2025-01-01T01:00:00Z",
                "2024-02-30T00:00:00+01:00 | timestamp \"2024-02-30T00:00:00+01:00\" has a UTC offset; Cloudflare takes UTC"
                        + " ending in Z, such as 2024-12-31T23:59:59Z",
                "2024-12-31 | timestamp \"2024-12-31\" has no time of day; write 2024-12-31T00:00:00Z",
                "2024-02-30 | timestamp \"2024-02-30\" has no time of day; write the form 2024-02-30T00:00:00Z, but that is"
                        + " not a real date: February 2024 has days 01 to 29",
                "2024-12-31T23:59:59 | timestamp \"2024-12-31T23:59:59\" does not end in Z; Cloudflare takes UTC: write"
                        + " 2024-12-31T23:59:59Z",
                "2024-12-31t23:59:59z | timestamp \"2024-12-31t23:59:59z\" has a lower-case t or z; write 2024-12-31T23:59:59Z",
                "2024-12-31 23:59:59Z | timestamp \"2024-12-31 23:59:59Z\" separates date and time with a space, not T; write"
                        + " 2024-12-31T23:59:59Z",
                "' 2024-12-31T23:59:59Z' | timestamp \" 2024-12-31T23:59:59Z\" has leading or trailing whitespace; write"
                        + " 2024-12-31T23:59:59Z",
                "2024-12-31T23:59Z | timestamp \"2024-12-31T23:59Z\" is not an RFC 3339 UTC timestamp; " + SHAPE,
                "24-12-31T23:59:59Z | timestamp \"24-12-31T23:59:59Z\" is not an RFC 3339 UTC timestamp; " + SHAPE,
                "2024-1-31T23:59:59Z | timestamp \"2024-1-31T23:59:59Z\" is not an RFC 3339 UTC timestamp; " + SHAPE,
                "1735689599 | timestamp \"1735689599\" is not an RFC 3339 UTC timestamp; " + SHAPE,
                "tomorrow | timestamp \"tomorrow\" is not an RFC 3339 UTC timestamp; " + SHAPE,
                "２024-12-31T23:59:59Z | timestamp \"２024-12-31T23:59:59Z\" is not an RFC 3339 UTC timestamp; " + SHAPE,
            })
    void rejectsWithActionableMessage(String text, String message) {
        assertThatThrownBy(() -> Timestamps.parse(text))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage(message)
                .satisfies(thrown ->
                        assertThat(((InvalidValueException) thrown).value()).isEqualTo(text));
    }

    @Test
    void validityWindowMustBeNonEmpty() {
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        Instant end = Instant.parse("2024-12-31T23:59:59Z");
        Timestamps.checkValidityWindow(start, end);
        Timestamps.checkValidityWindow(null, end);
        Timestamps.checkValidityWindow(start, null);
        Timestamps.checkValidityWindow(null, null);

        assertThatThrownBy(() -> Timestamps.checkValidityWindow(end, start))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage(
                        "expires_on 2024-01-01T00:00:00Z is before not_before 2024-12-31T23:59:59Z; a token must expire"
                                + " after it becomes valid")
                .satisfies(thrown ->
                        assertThat(((InvalidValueException) thrown).value()).isEqualTo("2024-01-01T00:00:00Z"));
        assertThatThrownBy(() -> Timestamps.checkValidityWindow(start, start))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage(
                        "expires_on 2024-01-01T00:00:00Z is the same time as not_before 2024-01-01T00:00:00Z; a token"
                                + " must expire after it becomes valid");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> Timestamps.parse(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Timestamps.format(null)).isInstanceOf(NullPointerException.class);
    }
}
