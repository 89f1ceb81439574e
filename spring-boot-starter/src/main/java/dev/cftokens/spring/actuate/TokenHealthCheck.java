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

/**
 * The check behind the {@code cftokens} health component, whatever Spring Boot generation renders it: UP
 * while a plan of the application's declarations (which lists the tokens and changes nothing) finds nothing
 * to change for any of them. The result is reused for an interval, so probes cost Cloudflare at most one
 * plan per interval. Details name each token's state, never a value.
 */
final class TokenHealthCheck {
    /** One check's answer, in the shape both generations' {@code Health} builders take. */
    record Result(boolean up, Map<String, Object> details) {}

    private final Provisioning provisioning;
    private final List<TokenProvisioner<?>> provisioners;
    private final Duration interval;
    private final Clock clock;
    private Result cached;
    private Instant checkedAt;

    TokenHealthCheck(
            Provisioning provisioning, List<TokenProvisioner<?>> provisioners, Duration interval, Clock clock) {
        this.provisioning = requireNonNull(provisioning, "provisioning");
        this.provisioners = List.copyOf(provisioners);
        this.interval = requireNonNull(interval, "interval");
        this.clock = requireNonNull(clock, "clock");
    }

    /** Concurrent probes within an interval wait for the one check rather than each asking Cloudflare. */
    synchronized Result result() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(checkedAt.plus(interval))) {
            cached = check();
            checkedAt = now;
        }
        return cached;
    }

    private Result check() {
        if (provisioners.isEmpty()) {
            return new Result(true, Map.of("tokens", Map.of()));
        }
        Plan plan;
        try {
            plan = provisioning.plan(provisioners, DeclarationScope.PARTIAL);
        } catch (RuntimeException e) {
            // Runtime messages never hold a secret.
            return new Result(false, Map.of("error", String.valueOf(e.getMessage())));
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
        return new Result(asDeclared, Map.of("tokens", tokens));
    }
}
