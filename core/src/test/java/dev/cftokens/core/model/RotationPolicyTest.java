package dev.cftokens.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cftokens.core.rules.InvalidValueException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RotationPolicyTest {
    @Test
    void maxLifetimeIsTwiceEveryPlusOverlap() {
        RotationPolicy policy = RotationPolicy.parse("P30D", "P2D");
        assertThat(policy.every()).isEqualTo(Duration.ofDays(30));
        assertThat(policy.overlap()).isEqualTo(Duration.ofDays(2));
        assertThat(policy.maxLifetime()).isEqualTo(Duration.ofDays(62));
        assertThat(policy).hasToString("every P30D, overlap P2D");
    }

    @Test
    void aGenerationIsDueAfterEveryAndExpiresAfterItsLifetimeInWholeSeconds() {
        RotationPolicy policy = RotationPolicy.parse("P30D", "P2D");
        java.time.Instant issued = java.time.Instant.parse("2026-01-01T00:00:00.750Z");
        assertThat(policy.dueAt(issued)).isEqualTo(java.time.Instant.parse("2026-01-31T00:00:00.750Z"));
        assertThat(policy.expiresOn(issued)).isEqualTo(java.time.Instant.parse("2026-03-04T00:00:00Z"));
    }

    @Test
    void theLongestPolicyHasALifetimeAnInstantCanAdd() {
        RotationPolicy policy = new RotationPolicy(Duration.ofDays(36_500), Duration.ofDays(36_499));
        assertThat(java.time.Instant.parse("2026-01-01T00:00:00Z").plus(policy.maxLifetime()))
                .isBefore(java.time.Instant.parse("9999-12-31T23:59:59Z"));
    }

    @Test
    void checksItselfWithTheRotationRules() {
        assertThatThrownBy(() -> new RotationPolicy(Duration.ofSeconds(30), Duration.ofSeconds(10)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("shorter than one minute");
        assertThatThrownBy(() -> RotationPolicy.parse("P1D", "P1D")).hasMessageContaining("not shorter than every");
        assertThatThrownBy(() -> RotationPolicy.parse("P1D", "PT0S")).hasMessageContaining("not greater than zero");
        assertThatThrownBy(() -> RotationPolicy.parse("monthly", "P1D")).hasMessageContaining("\"monthly\"");
        assertThatThrownBy(() -> new RotationPolicy(null, Duration.ofDays(1))).isInstanceOf(NullPointerException.class);
    }
}
