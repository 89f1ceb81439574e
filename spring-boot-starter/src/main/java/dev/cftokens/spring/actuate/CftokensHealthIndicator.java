package dev.cftokens.spring.actuate;

import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.TokenProvisioner;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The {@code cftokens} health component on Spring Boot 3: UP while every token the application provisioned
 * exists in Cloudflare, active and as declared (see {@link TokenHealthCheck}).
 */
public final class CftokensHealthIndicator implements HealthIndicator {
    private final TokenHealthCheck check;

    public CftokensHealthIndicator(
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
