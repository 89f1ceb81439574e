package dev.cftokens.spring.actuate;

import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.TokenProvisioner;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code cftokens} health component on Spring Boot 4, which moved the health API to {@code
 * org.springframework.boot.health.contributor}: the same check as {@link CftokensHealthIndicator}.
 */
public final class CftokensBoot4HealthIndicator implements HealthIndicator {
    private final TokenHealthCheck check;

    public CftokensBoot4HealthIndicator(
            Provisioning provisioning, List<TokenProvisioner<?>> provisioners, Duration interval, Clock clock) {
        this.check = new TokenHealthCheck(provisioning, provisioners, interval, clock);
    }

    @Override
    public Health health() {
        TokenHealthCheck.Result result = check.result();
        return (result.up() ? Health.up() : Health.down())
                .withDetails(result.details())
                .build();
    }
}
