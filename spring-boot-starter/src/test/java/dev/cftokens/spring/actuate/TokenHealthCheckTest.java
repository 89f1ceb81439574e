package dev.cftokens.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.TokenProvisioner;
import dev.cftokens.runtime.provision.ProvisioningOutput;
import dev.cftokens.runtime.state.InMemoryStateStore;
import dev.cftokens.runtime.state.PreviousGeneration;
import dev.cftokens.runtime.state.StateSession;
import dev.cftokens.runtime.state.TokenRecord;
import dev.cftokens.spring.app.ReadonlyTokenProvisioner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The health component's verdict on a token's generations. */
class TokenHealthCheckTest {
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
    private final List<TokenProvisioner<?>> declarations = List.of(ReadonlyTokenProvisioner.create());

    @AfterEach
    void stop() {
        emulator.close();
    }

    private TokenHealthCheck.Result check() {
        return new TokenHealthCheck(provisioning, declarations, Duration.ZERO, Clock.systemUTC()).result();
    }

    private void recordPrevious(Instant retireAt) {
        try (StateSession state = store.open()) {
            TokenRecord record = state.record("readonly-token").orElseThrow();
            state.put(record.withPrevious(new PreviousGeneration("0123456789abcdef0123456789abcdef", retireAt)));
        }
    }

    @Test
    void aPreviousGenerationInItsOverlapIsHealthy() {
        provisioning.apply(declarations);
        recordPrevious(Instant.now().plus(Duration.ofDays(1)));

        TokenHealthCheck.Result result = check();

        assertThat(result.up()).isTrue();
        assertThat(result.details().get("tokens").toString()).doesNotContain("is still recorded");
    }

    @Test
    void aPreviousGenerationStillRecordedPastItsLatestDeleteIsDown() {
        provisioning.apply(declarations);
        recordPrevious(Instant.now().minus(Duration.ofDays(2)));

        TokenHealthCheck.Result result = check();

        assertThat(result.up()).isFalse();
        assertThat(result.details().get("tokens").toString())
                .contains("previous generation 0123456789abcdef0123456789abcdef is still recorded a whole period")
                .contains("its delete keeps failing");
        assertThat(result.details()).containsEntry("mode", "provision");
    }

    @Test
    void aProbeWhileAnotherRunHoldsTheStateIsAnsweredWithTheLastResultAndTheCheckGoesOn() throws Exception {
        provisioning.apply(declarations);
        TokenHealthCheck check = new TokenHealthCheck(
                provisioning, declarations, Duration.ZERO, Clock.systemUTC(), Duration.ofMillis(200));
        assertThat(check.result().up()).isTrue();

        TokenHealthCheck.Result busy;
        long started = System.nanoTime();
        try (StateSession whole = store.open()) { // as an apply from CI holds it
            busy = check.result();
        }
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(busy.up()).isTrue();
        assertThat(busy.details()).containsKey("tokens").containsKey("state");
        assertThat(busy.details().get("state").toString()).startsWith("busy: another run holds the state");
        assertThat(waitedMillis).isLessThan(5_000);
        // Once the state is free the check that went on answers, without the busy note.
        TokenHealthCheck.Result after = check.result();
        assertThat(after.up()).isTrue();
        assertThat(after.details()).doesNotContainKey("state");
    }
}
