package dev.cftokens.spring.metrics;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.TokenProvisioner;
import dev.cftokens.runtime.provision.TokenGenerations;
import dev.cftokens.spring.ProvisionedTokens;
import dev.cftokens.spring.internal.LastReading;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Micrometer meters of the application's tokens, tagged {@code declaration}: {@code cftokens.token.expiry}
 * (seconds until the current generation expires; only for rotating tokens, whose generations carry an
 * expiry), {@code cftokens.token.age} (seconds since it was issued), {@code cftokens.token.generation} (the
 * current generation's number, 1 for the first token), {@code cftokens.rotations} (moves to
 * a next generation seen by this instance) and {@code cftokens.refresh.failures} (refreshes that could not
 * read the state or rotate the token). A scrape never waits for the state: the gauges answer from the last
 * reading of it, renewed in the background at most every 30 seconds however often they are scraped, and
 * NaN until the first reading is done.
 */
public final class CftokensMeters implements MeterBinder {
    /** How long a reading of the state serves the gauges. */
    static final Duration READ_EVERY = Duration.ofSeconds(30);

    private final Provisioning provisioning;
    private final List<ProvisionedToken<?>> tokens;
    private final LastReading<Map<String, TokenGenerations>> reading;

    /**
     * Meters of {@code tokens}, whose generations are read through {@code provisioning}.
     *
     * @param provisioning the application's provisioning, for its state and clock
     * @param tokens the tokens provisioned at startup
     */
    public CftokensMeters(Provisioning provisioning, ProvisionedTokens tokens) {
        this(provisioning, tokens.all(), tokens.provisioners(), READ_EVERY);
    }

    CftokensMeters(
            Provisioning provisioning,
            List<ProvisionedToken<?>> tokens,
            List<TokenProvisioner<?>> provisioners,
            Duration readEvery) {
        this.provisioning = requireNonNull(provisioning, "provisioning");
        this.tokens = List.copyOf(tokens);
        List<TokenProvisioner<?>> declarations = List.copyOf(provisioners);
        this.reading = new LastReading<>(
                "cftokens-meters", () -> generations(provisioning, declarations), readEvery, Clock.systemUTC());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        reading.now(); // starts the first reading, so that a first scrape soon after has figures
        for (ProvisionedToken<?> token : tokens) {
            String id = token.declarationId();
            Gauge.builder("cftokens.token.expiry", () -> seconds(id, TokenGenerations::expiresOn, true))
                    .tag("declaration", id)
                    .description("seconds until the current generation expires")
                    .baseUnit("seconds")
                    .register(registry);
            Gauge.builder(
                            "cftokens.token.age",
                            () -> seconds(
                                    id,
                                    entry -> Optional.ofNullable(entry.record().issuedAt()),
                                    false))
                    .tag("declaration", id)
                    .description("seconds since the current generation was issued")
                    .baseUnit("seconds")
                    .register(registry);
            Gauge.builder("cftokens.token.generation", () -> generation(id))
                    .tag("declaration", id)
                    .description("the current generation's number: 1 for the first token, one more for each successor")
                    .register(registry);
            Counter rotations = Counter.builder("cftokens.rotations")
                    .tag("declaration", id)
                    .description("moves to a next generation seen by this instance")
                    .register(registry);
            token.onRotation(rotation -> rotations.increment());
            Counter failures = Counter.builder("cftokens.refresh.failures")
                    .tag("declaration", id)
                    .description("refreshes that could not read the state or rotate the token")
                    .register(registry);
            token.onRefreshFailure(failure -> failures.increment());
        }
    }

    /** Seconds from now to the instant (or from it to now), NaN when unknown or the state cannot be read. */
    private double seconds(String id, Function<TokenGenerations, Optional<Instant>> instant, boolean ahead) {
        Optional<Instant> at = reading.now().value().map(read -> read.get(id)).flatMap(instant);
        if (at.isEmpty()) {
            return Double.NaN;
        }
        Instant now = provisioning.now();
        Duration between = ahead ? Duration.between(now, at.get()) : Duration.between(at.get(), now);
        return between.toMillis() / 1000.0;
    }

    /** The number the state records, NaN when the state cannot be read or records no token yet. */
    private double generation(String id) {
        return reading.now()
                .value()
                .map(read -> read.get(id))
                .map(entry -> (double) entry.record().generation())
                .orElse(Double.NaN);
    }

    private static Map<String, TokenGenerations> generations(
            Provisioning provisioning, List<TokenProvisioner<?>> provisioners) {
        try {
            return provisioning.status(provisioners).stream()
                    .collect(Collectors.toMap(entry -> entry.record().declarationId(), Function.identity()));
        } catch (RuntimeException e) {
            return Map.of(); // NaN until the state can be read again; the health component says why
        }
    }
}
