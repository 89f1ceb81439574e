package dev.cftokens.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.TokenProvisioner;
import dev.cftokens.runtime.provision.ProvisioningOutput;
import dev.cftokens.runtime.state.InMemoryStateStore;
import dev.cftokens.runtime.state.StateSession;
import dev.cftokens.runtime.state.TokenRecord;
import dev.cftokens.spring.app.ReadonlyTokenProvisioner;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tokens' gauges, read from the state in the background. */
class CftokensMetersTest {
    private static final String ID = "readonly-token";
    private static final Duration DAY = Duration.ofDays(1);

    private final CloudflareEmulator emulator = CloudflareEmulator.start();
    private final InMemoryStateStore store = InMemoryStateStore.withValues();
    private final Provisioning provisioning = Provisioning.with(Cloudflare.builder()
                    .baseUrl(emulator.baseUrl())
                    .apiToken(emulator.adminToken())
                    .accountId(emulator.accountId())
                    .build())
            .stateStore(store)
            .rotateInProcess(false)
            .output(ProvisioningOutput.silent());
    private final TokenProvisioner<?> declaration = ReadonlyTokenProvisioner.create();
    private final ExecutorService scraper = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        scraper.shutdownNow();
        emulator.close();
    }

    /** A scrape on a thread of its own, so that one waiting for the state cannot hold up the test. */
    private double scrape(Gauge gauge) throws Exception {
        return scraper.submit(gauge::value).get(10, TimeUnit.SECONDS);
    }

    /** The gauge once a reading has given it a figure. */
    private double figure(Gauge gauge) throws Exception {
        return awaitScrape(gauge, value -> !Double.isNaN(value));
    }

    /** The gauge's value once {@code done} accepts it, or the last value after 10 seconds. */
    private double awaitScrape(Gauge gauge, java.util.function.DoublePredicate done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        double value = scrape(gauge);
        while (!done.test(value) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            value = scrape(gauge);
        }
        return value;
    }

    @Test
    void aScrapeWhileAnotherRunHoldsTheStateAnswersWithTheLastReadingWhichIsRenewedOnceItIsFree() throws Exception {
        ProvisionedToken<?> token = provisioning.provision(declaration);
        // Readings are never reused, so every scrape wants a new one: the worst case for the lock.
        CftokensMeters meters = new CftokensMeters(provisioning, List.of(token), List.of(declaration), Duration.ZERO);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        meters.bindTo(registry);
        Gauge age = registry.get("cftokens.token.age").tag("declaration", ID).gauge();
        double before = figure(age);
        assertThat(before).isBetween(0.0, 3_600.0);

        double busy;
        double again;
        try (StateSession whole = store.open()) { // as an apply from CI holds it
            // What the run writes is not seen until it lets go of the state.
            TokenRecord record = whole.record(ID).orElseThrow();
            whole.put(record.withIssuedAt(Instant.now().minus(DAY)));
            busy = scrape(age);
            again = scrape(age);
        }

        assertThat(busy).isBetween(before, before + 3_600.0);
        assertThat(again).isBetween(before, before + 3_600.0);
        // Once the state is free a reading sees the run's record.
        double after = awaitScrape(age, value -> value >= DAY.toSeconds());
        assertThat(after).isGreaterThanOrEqualTo(DAY.toSeconds());
    }

    @Test
    void theGenerationGaugeShowsTheNumberTheStateRecords() throws Exception {
        ProvisionedToken<?> token = provisioning.provision(declaration);
        CftokensMeters meters = new CftokensMeters(provisioning, List.of(token), List.of(declaration), Duration.ZERO);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        meters.bindTo(registry);
        Gauge generation =
                registry.get("cftokens.token.generation").tag("declaration", ID).gauge();
        assertThat(figure(generation)).isEqualTo(1.0);

        try (StateSession whole = store.open()) {
            whole.put(whole.record(ID).orElseThrow().withGeneration(4));
        }
        assertThat(awaitScrape(generation, value -> value == 4.0)).isEqualTo(4.0);
    }
}
