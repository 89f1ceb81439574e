package dev.cftokens.runtime.provision;

import static dev.cftokens.runtime.provision.EmulatedCloudflare.verifyValue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.core.model.RotationPolicy;
import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.state.InMemoryStateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The previous generation is deleted only when its overlap has passed and no live instance still holds it (or
 * at its expires_on at the latest): found missing by RotationFleetBenchmark, where a slow instance's value
 * was deleted before it refreshed.
 */
class RotationHoldersTest {
    private static final String ID = "rotating-token";

    private final CloudflareEmulator emulator = CloudflareEmulator.start();
    private final Cloudflare cloudflare = EmulatedCloudflare.client(emulator);
    private final InMemoryStateStore store = InMemoryStateStore.withValues();
    private final HandMadeProvisioner rotating = new HandMadeProvisioner(
            HandMadeProvisioner.zoneReader(ID).declaration().withRotation(RotationPolicy.parse("P30D", "P2D")),
            Map.of());

    /** The runtime's clock: the emulator's, so both sides move 30 days together. */
    private final Clock clock = emulator.clock();

    @AfterEach
    void stop() {
        emulator.close();
    }

    private Provisioning instance(Duration refreshInterval) {
        return Provisioning.with(cloudflare)
                .stateStore(store)
                .clock(clock)
                .refreshInterval(refreshInterval)
                .output(ProvisioningOutput.silent());
    }

    @Test
    void thePreviousGenerationOutlivesItsOverlapUntilEveryLiveInstanceHoldsTheSuccessor() throws Exception {
        // Two live instances of one service: one refreshes often and rotates, the other every 5 seconds.
        ProvisionedToken<HandMadeProvisioner.TestToken> rotator =
                instance(Duration.ofMillis(100)).provision(rotating);
        ProvisionedToken<HandMadeProvisioner.TestToken> slower =
                instance(Duration.ofSeconds(5)).rotateInProcess(false).provision(rotating);
        String first = slower.id();
        Thread.sleep(1500); // each handle's first refresh, which notes what it holds, runs within a second

        emulator.advanceClock(Duration.ofDays(30).plusMinutes(1));
        awaitMoved(rotator, first);
        // The overlap passes (in the emulator's time) before the slower instance's next refresh.
        emulator.advanceClock(Duration.ofDays(2).plusMinutes(1));
        Thread.sleep(1000);

        assertThat(slower.id()).as("the slower instance has not refreshed yet").isEqualTo(first);
        // Held by a live instance: kept past its overlap.
        assertThat(verifyValue(emulator, slower.value()).id()).isEqualTo(first);

        // Once it holds the successor, the previous generation goes.
        awaitMoved(slower, first);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (emulator.tokens().stream().anyMatch(token -> token.id().equals(first)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(emulator.tokens()).extracting(token -> token.id()).doesNotContain(first);
        try (var state = store.openForReading(Set.of(ID))) {
            assertThat(state.record(ID).orElseThrow().previous()).isNull();
        }
    }

    private static void awaitMoved(ProvisionedToken<?> token, String from) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (token.id().equals(from) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(token.id()).isNotEqualTo(from);
    }
}
