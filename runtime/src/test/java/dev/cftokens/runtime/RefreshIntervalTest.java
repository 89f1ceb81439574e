package dev.cftokens.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefreshIntervalTest {
    @Test
    void theEnvironmentSetsTheIntervalAsAnIsoDurationAndThirtySecondsIsTheDefault() {
        assertThat(RefreshInterval.from(Map.<String, String>of()::get)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RefreshInterval.from(Map.of("CFTOKENS_REFRESH_INTERVAL", " PT5M ")::get))
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aWrongValueNamesTheVariableAndARightValue() {
        assertThatThrownBy(() -> RefreshInterval.from(Map.of("CFTOKENS_REFRESH_INTERVAL", "30s")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "CFTOKENS_REFRESH_INTERVAL must be an ISO-8601 duration such as PT30S or PT5M, not \"30s\"");
        assertThatThrownBy(() -> RefreshInterval.from(Map.of("CFTOKENS_REFRESH_INTERVAL", "-PT1S")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CFTOKENS_REFRESH_INTERVAL must be a positive duration such as PT30S, not PT-1S");
    }
}
