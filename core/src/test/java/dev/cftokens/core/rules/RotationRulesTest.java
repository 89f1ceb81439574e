package dev.cftokens.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RotationRulesTest {
    @Test
    void readsDurationsTheWayJavaTimeDoes() {
        assertThat(RotationRules.parse("every", "P30D")).isEqualTo(Duration.ofDays(30));
        assertThat(RotationRules.parse("overlap", "PT1H")).isEqualTo(Duration.ofHours(1));
        assertThat(RotationRules.parse("every", "P1DT12H")).isEqualTo(Duration.ofHours(36));
    }

    @Test
    void aDurationThatDoesNotParseIsNamedWithExamples() {
        assertThatThrownBy(() -> RotationRules.parse("every", "30 days"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("rotation every \"30 days\" is not an ISO-8601 duration; write one such as \"P30D\""
                        + " (30 days), \"PT12H\" (12 hours) or \"PT90M\" (90 minutes)")
                .extracting(e -> ((InvalidValueException) e).value())
                .isEqualTo("30 days");
        // Months and years are Period units, which Duration does not take: the example says what does.
        assertThatThrownBy(() -> RotationRules.parse("overlap", "P1M")).hasMessageContaining("\"P30D\"");
        assertThatThrownBy(() -> RotationRules.parse("overlap", "")).hasMessageContaining("overlap \"\" is empty");
    }

    @Test
    void everyIsAtLeastOneMinuteAndAtMostOneHundredYears() {
        assertThat(RotationRules.checkEvery(Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(1));
        assertThat(RotationRules.checkEvery(RotationRules.MAX_EVERY)).isEqualTo(RotationRules.MAX_EVERY);
        assertThatThrownBy(() -> RotationRules.checkEvery(Duration.ofSeconds(59)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("rotation every \"PT59S\" is shorter than one minute")
                .hasMessageContaining("\"PT1M\"");
        assertThatThrownBy(() -> RotationRules.checkEvery(Duration.ofDays(-30)))
                .hasMessageStartingWith("rotation every \"P-30D\" is shorter than one minute");
        assertThatThrownBy(() -> RotationRules.checkEvery(Duration.ofDays(36_501)))
                .hasMessageStartingWith("rotation every \"P36501D\" is longer than 100 years")
                .hasMessageContaining("\"P36500D\" or less");
    }

    @Test
    void overlapIsGreaterThanZeroAndShorterThanEvery() {
        Duration every = Duration.ofDays(30);
        assertThat(RotationRules.checkOverlap(Duration.ofSeconds(1), every)).isEqualTo(Duration.ofSeconds(1));
        assertThat(RotationRules.checkOverlap(Duration.ofDays(30).minusSeconds(1), every))
                .isEqualTo(Duration.ofDays(30).minusSeconds(1));
        assertThatThrownBy(() -> RotationRules.checkOverlap(Duration.ZERO, every))
                .hasMessageStartingWith("rotation overlap \"PT0S\" is not greater than zero");
        assertThatThrownBy(() -> RotationRules.checkOverlap(Duration.ofHours(-1), every))
                .hasMessageStartingWith("rotation overlap \"PT-1H\" is not greater than zero");
        assertThatThrownBy(() -> RotationRules.checkOverlap(every, every))
                .hasMessageStartingWith("rotation overlap \"P30D\" is not shorter than every \"P30D\"")
                .hasMessageEndingWith("Write an overlap shorter than \"P30D\"");
    }

    @Test
    void theValueAsWrittenIsTheOneNamed() {
        assertThatThrownBy(() -> RotationRules.checkEvery("PT0.5M", Duration.ofSeconds(30)))
                .hasMessageStartingWith("rotation every \"PT0.5M\" is shorter than one minute")
                .extracting(e -> ((InvalidValueException) e).value())
                .isEqualTo("PT0.5M");
        assertThatThrownBy(() -> RotationRules.checkOverlap("PT720H", Duration.ofDays(30), "P30D", Duration.ofDays(30)))
                .hasMessageStartingWith("rotation overlap \"PT720H\" is not shorter than every \"P30D\"");
    }

    @Test
    void aFixedExpirySaysWhyItCannotGoWithRotation() {
        RotationRules.checkNoFixedExpiry(null);
        assertThatThrownBy(() -> RotationRules.checkNoFixedExpiry(Instant.parse("2030-12-31T23:59:59Z")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("expiresOn \"2030-12-31T23:59:59Z\" cannot be combined with @Rotation")
                .hasMessageContaining("each generation of a rotating token gets its own expiry");
    }

    @Test
    void formatsWholeDaysAsDaysAndReadsEveryFormBack() {
        assertThat(RotationRules.format(Duration.ofDays(30))).isEqualTo("P30D");
        assertThat(RotationRules.format(Duration.ofHours(36))).isEqualTo("PT36H");
        assertThat(RotationRules.format(Duration.ZERO)).isEqualTo("PT0S");
        for (Duration duration :
                new Duration[] {Duration.ofDays(30), Duration.ofHours(36), Duration.ofMillis(1500), Duration.ofDays(-2)
                }) {
            assertThat(Duration.parse(RotationRules.format(duration))).isEqualTo(duration);
        }
    }
}
