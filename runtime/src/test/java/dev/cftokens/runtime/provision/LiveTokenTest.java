package dev.cftokens.runtime.provision;

import static dev.cftokens.runtime.provision.EmulatedCloudflare.verifyValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.RequestKind;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.CreatedToken;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.TokenRotation;
import dev.cftokens.runtime.state.InMemoryStateStore;
import dev.cftokens.runtime.state.StateSession;
import dev.cftokens.runtime.state.TokenRecord;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LiveTokenTest {
    private final CloudflareEmulator emulator = CloudflareEmulator.start();
    private final Cloudflare cloudflare = EmulatedCloudflare.client(emulator);

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void aHandleMovesToTheTokenTheStateRecordsNextAndTellsItsListeners() throws InterruptedException {
        HandMadeProvisioner reader = HandMadeProvisioner.zoneReader("readonly-token");
        InMemoryStateStore store = InMemoryStateStore.withValues();
        ProvisionedToken<HandMadeProvisioner.TestToken> token = Provisioning.with(cloudflare)
                .stateStore(store)
                .refreshInterval(Duration.ofMillis(50))
                .provision(reader);
        String first = token.id();
        List<TokenRotation> told = new CopyOnWriteArrayList<>();
        token.onRotation(told::add);

        // Another instance records a successor, as a rotation does.
        DesiredToken desired = DesiredToken.resolve(reader, emulator::accountId);
        CreatedToken successor = cloudflare.accountTokens().create(desired.spec());
        try (StateSession state = store.open()) {
            TokenRecord current = state.record("readonly-token").orElseThrow();
            state.put(
                    new TokenRecord(
                            current.declarationId(),
                            successor.token().id(),
                            current.owner(),
                            current.accountId(),
                            current.name(),
                            current.specHash()),
                    successor.value());
        }
        emulator.resetRequestCounts();

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (told.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        assertThat(told)
                .containsExactly(new TokenRotation(
                        "readonly-token", first, successor.token().id()));
        assertThat(token.id()).isEqualTo(successor.token().id());
        assertThat(token.value().reveal()).isEqualTo(successor.value().reveal());
        // Following reads the state only: the refreshes sent nothing to Cloudflare.
        assertThat(emulator.requestCount()).isZero();
        assertThat(verifyValue(emulator, token.value()).id())
                .isEqualTo(successor.token().id());
        assertThat(token.toString()).doesNotContain(successor.value().reveal());
    }

    @Test
    void aRefreshIntervalThatIsNotPositiveIsRefusedNamingIt() {
        assertThatThrownBy(() -> Provisioning.with(cloudflare).refreshInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the refresh interval must be a positive duration such as PT30S, not PT0S");
        assertThat(emulator.requestCount(RequestKind.LIST_TOKENS)).isZero();
    }

    @Test
    void aRefreshThatCannotReadTheStateTellsTheFailureListenersAndKeepsTheToken() throws InterruptedException {
        InMemoryStateStore store = InMemoryStateStore.withValues();
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();
        dev.cftokens.runtime.state.StateStore failing = new dev.cftokens.runtime.state.StateStore() {
            @Override
            public StateSession open() {
                if (down.get()) {
                    throw new dev.cftokens.runtime.state.StateException("the state is down");
                }
                return store.open();
            }

            @Override
            public String describe() {
                return "a state that goes down";
            }
        };
        ProvisionedToken<HandMadeProvisioner.TestToken> token = Provisioning.with(cloudflare)
                .stateStore(failing)
                .refreshInterval(Duration.ofMillis(50))
                .output(ProvisioningOutput.silent())
                .provision(HandMadeProvisioner.zoneReader("readonly-token"));
        String held = token.id();
        List<RuntimeException> failures = new CopyOnWriteArrayList<>();
        token.onRefreshFailure(failures::add);

        down.set(true);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (failures.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        assertThat(failures).isNotEmpty();
        assertThat(failures.get(0)).hasMessage("the state is down");
        assertThat(token.id()).isEqualTo(held);
    }
}
