package dev.cftokens.spring.metrics;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.provision.TokenGenerations;
import dev.cftokens.spring.ProvisionedTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
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
 * expiry), {@code cftokens.token.age} (seconds since it was issued), {@code cftokens.rotations} (moves to
 * a next generation seen by this instance) and {@code cftokens.refresh.failures} (refreshes that could not
 * read the state or rotate the token). The gauges read the state at most once per {@value
 * #READ_EVERY_SECONDS} seconds, however often they are scraped.
 */
public final class CftokensMeters implements MeterBinder {
    static final long READ_EVERY_SECONDS = 30;

    private final Provisioning provisioning;
    private final ProvisionedTokens tokens;
    private Map<String, TokenGenerations> read = Map.of();
    private Instant readAt = Instant.MIN;

    /**
     * Meters of {@code tokens}, whose generations are read through {@code provisioning}.
     *
     * @param provisioning the application's provisioning, for its state and clock
     * @param tokens the tokens provisioned at startup
     */
    public CftokensMeters(Provisioning provisioning, ProvisionedTokens tokens) {
        this.provisioning = requireNonNull(provisioning, "provisioning");
        this.tokens = requireNonNull(tokens, "tokens");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (ProvisionedToken<?> token : tokens.all()) {
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
        Optional<Instant> at = Optional.ofNullable(generations().get(id)).flatMap(instant);
        if (at.isEmpty()) {
            return Double.NaN;
        }
        Instant now = provisioning.now();
        Duration between = ahead ? Duration.between(now, at.get()) : Duration.between(at.get(), now);
        return between.toMillis() / 1000.0;
    }

    private synchronized Map<String, TokenGenerations> generations() {
        Instant now = Instant.now();
        if (now.isAfter(readAt.plusSeconds(READ_EVERY_SECONDS))) {
            try {
                List<TokenGenerations> status = provisioning.status(tokens.provisioners());
                read = status.stream()
                        .collect(Collectors.toMap(entry -> entry.record().declarationId(), Function.identity()));
            } catch (RuntimeException e) {
                read = Map.of(); // NaN until the state can be read again; the health component says why
            }
            readAt = now;
        }
        return read;
    }
}
