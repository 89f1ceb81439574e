package dev.cftokens.spring.actuate;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.TokenProvisioner;
import dev.cftokens.runtime.provision.ChangeKind;
import dev.cftokens.runtime.provision.DeclarationScope;
import dev.cftokens.runtime.provision.Plan;
import dev.cftokens.runtime.provision.PlannedChange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * UP while every token the application provisioned exists in Cloudflare, active and as declared: a plan
 * of the declarations (which lists the tokens, and changes nothing) finds nothing to change for any of
 * them. The result is reused for {@code cftokens.health.interval}, so health probes cost Cloudflare at
 * most one plan per interval. Details name each token's state, never a value.
 */
public final class CftokensHealthIndicator implements HealthIndicator {
    private final Provisioning provisioning;
    private final List<TokenProvisioner<?>> provisioners;
    private final Duration interval;
    private final Clock clock;
    private Health cached;
    private Instant checkedAt;

    public CftokensHealthIndicator(
            Provisioning provisioning, List<TokenProvisioner<?>> provisioners, Duration interval, Clock clock) {
        this.provisioning = requireNonNull(provisioning, "provisioning");
        this.provisioners = List.copyOf(provisioners);
        this.interval = requireNonNull(interval, "interval");
        this.clock = requireNonNull(clock, "clock");
    }

    /** Concurrent probes within an interval wait for the one check rather than each asking Cloudflare. */
    @Override
    public synchronized Health health() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(checkedAt.plus(interval))) {
            cached = check();
            checkedAt = now;
        }
        return cached;
    }

    private Health check() {
        if (provisioners.isEmpty()) {
            return Health.up().withDetail("tokens", Map.of()).build();
        }
        Plan plan;
        try {
            plan = provisioning.plan(provisioners, DeclarationScope.PARTIAL);
        } catch (RuntimeException e) {
            // Runtime messages never hold a secret.
            return Health.down()
                    .withDetail("error", String.valueOf(e.getMessage()))
                    .build();
        }
        Set<String> declared = provisioners.stream()
                .map(provisioner -> provisioner.declaration().id())
                .collect(Collectors.toSet());
        Map<String, String> tokens = new LinkedHashMap<>();
        boolean asDeclared = true;
        for (PlannedChange change : plan.changes()) {
            if (declared.contains(change.declarationId())) {
                tokens.put(change.declarationId(), change.describe());
                asDeclared &= change.kind() == ChangeKind.UNCHANGED;
            }
        }
        return (asDeclared ? Health.up() : Health.down())
                .withDetail("tokens", tokens)
                .build();
    }
}
