package dev.cftokens.spring.actuate;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.TokenProvisioner;
import dev.cftokens.runtime.internal.provision.Generations;
import dev.cftokens.runtime.provision.ChangeKind;
import dev.cftokens.runtime.provision.DeclarationScope;
import dev.cftokens.runtime.provision.Plan;
import dev.cftokens.runtime.provision.PlannedChange;
import dev.cftokens.runtime.provision.ProvisioningMode;
import dev.cftokens.runtime.provision.TokenGenerations;
import dev.cftokens.runtime.state.PreviousGeneration;
import dev.cftokens.spring.internal.LastReading;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** How long a probe waits for a check: a run holding the whole state (an apply from CI) makes one wait. */
    static final Duration PROBE_WAIT = Duration.ofSeconds(5);

    private final Provisioning provisioning;
    private final List<TokenProvisioner<?>> provisioners;
    private final Duration probeWait;
    private final LastReading<Result> reading;

    TokenHealthCheck(
            Provisioning provisioning, List<TokenProvisioner<?>> provisioners, Duration interval, Clock clock) {
        this(provisioning, provisioners, interval, clock, PROBE_WAIT);
    }

    TokenHealthCheck(
            Provisioning provisioning,
            List<TokenProvisioner<?>> provisioners,
            Duration interval,
            Clock clock,
            Duration probeWait) {
        this.provisioning = requireNonNull(provisioning, "provisioning");
        this.provisioners = List.copyOf(provisioners);
        this.probeWait = requireNonNull(probeWait, "probeWait");
        this.reading = new LastReading<>("cftokens-health", this::check, interval, clock);
    }

    /**
     * Concurrent probes within an interval wait for the one check rather than each asking Cloudflare. A check
     * that is still waiting for the state after {@link #PROBE_WAIT} (another run holds it) goes on in the
     * background, and the probe is answered with the last result, or UP (the tokens were provisioned at the
     * start) when there is none yet, saying the state is busy.
     */
    Result result() {
        LastReading.Answer<Result> answer;
        try {
            answer = reading.await(probeWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, Map.of("error", "interrupted while checking"));
        }
        Optional<Result> last = answer.value();
        if (!answer.busy()) {
            return last.orElseThrow();
        }
        Map<String, Object> details =
                new LinkedHashMap<>(last.map(Result::details).orElse(Map.of()));
        details.put("state", "busy: another run holds the state; the check goes on, and this is the last result");
        return new Result(last.map(Result::up).orElse(true), details);
    }

    private Result check() {
        if (provisioners.isEmpty()) {
            return new Result(true, Map.of("mode", provisioning.mode().wireName(), "tokens", Map.of()));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mode", provisioning.mode().wireName());
        Map<String, String> tokens = new LinkedHashMap<>();
        boolean up;
        try {
            up = provisioning.mode() == ProvisioningMode.CONSUME ? recorded(tokens) : asDeclared(tokens);
            up &= generationsHealthy(tokens);
        } catch (RuntimeException e) {
            // Runtime messages never hold a secret.
            details.put("error", String.valueOf(e.getMessage()));
            return new Result(false, details);
        }
        details.put("tokens", tokens);
        return new Result(up, details);
    }

    private Set<String> declared() {
        return provisioners.stream()
                .map(provisioner -> provisioner.declaration().id())
                .collect(Collectors.toSet());
    }

    /** A plan (listing, changing nothing) finds every declaration's token as declared. */
    private boolean asDeclared(Map<String, String> tokens) {
        Plan plan = provisioning.plan(provisioners, DeclarationScope.PARTIAL);
        Set<String> declared = declared();
        boolean asDeclared = true;
        for (PlannedChange change : plan.changes()) {
            if (declared.contains(change.declarationId())) {
                tokens.put(change.declarationId(), change.describe());
                // A due rotation or retirement is upkeep the refresh (or cron) carries out, not a token gone wrong.
                asDeclared &= change.kind() == ChangeKind.UNCHANGED
                        || change.kind() == ChangeKind.ROTATE
                        || change.kind() == ChangeKind.RETIRE;
            }
        }
        return asDeclared;
    }

    /** Without the minting credential: the state records a token for every declaration. */
    private boolean recorded(Map<String, String> tokens) {
        Set<String> found = new java.util.HashSet<>();
        generations().forEach(entry -> found.add(entry.record().declarationId()));
        boolean all = true;
        for (String id : declared()) {
            if (!found.contains(id)) {
                tokens.put(id, "not applied: the state records no token for it");
                all = false;
            }
        }
        return all;
    }

    /**
     * No rotating token is expired, or within a tenth of its lifetime of expiry (its successor is overdue),
     * and no previous generation is still recorded once it is due for its delete whoever holds it.
     */
    private boolean generationsHealthy(Map<String, String> tokens) {
        Instant now = provisioning.now();
        boolean healthy = true;
        for (TokenGenerations entry : generations()) {
            String id = entry.record().declarationId();
            tokens.putIfAbsent(id, entry.describe(now));
            PreviousGeneration previous = entry.record().previous();
            if (previous != null && !now.isBefore(Generations.latestRetire(previous, entry.rotation()))) {
                // Past the time it is deleted whoever holds it: its deletes keep failing.
                tokens.put(
                        id,
                        "previous generation " + previous.tokenId() + " is still recorded a whole period after"
                                + " its overlap ended; its delete keeps failing (see the provisioning log); "
                                + entry.describe(now));
                healthy = false;
            }
            Optional<Instant> expires = entry.expiresOn();
            Optional<Instant> issued = Optional.ofNullable(entry.record().issuedAt());
            if (expires.isPresent() && issued.isPresent()) {
                Duration lifetime = Duration.between(issued.get(), expires.get());
                if (!now.isBefore(expires.get())) {
                    tokens.put(id, "expired " + expires.get() + "; " + entry.describe(now));
                    healthy = false;
                } else if (!now.isBefore(expires.get().minus(lifetime.dividedBy(10)))) {
                    tokens.put(id, "expires " + expires.get() + " and no successor yet; " + entry.describe(now));
                    healthy = false;
                }
            }
        }
        return healthy;
    }

    private List<TokenGenerations> generations() {
        Set<String> declared = declared();
        return provisioning.status(provisioners).stream()
                .filter(entry -> declared.contains(entry.record().declarationId()))
                .collect(Collectors.toList());
    }
}
