package dev.cftokens.state.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.provision.ChangeKind;
import dev.cftokens.runtime.provision.DeclarationScope;
import dev.cftokens.runtime.provision.HandMadeProvisioner;
import dev.cftokens.runtime.provision.PlannedChange;
import dev.cftokens.runtime.provision.ProvisioningOutput;
import dev.cftokens.runtime.state.StateException;
import dev.cftokens.runtime.state.StateKey;
import dev.cftokens.runtime.state.StateSession;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A plan writes nothing: even a plan of every declaration reads beside the fleet's readers. */
class ReadingPlanTest {
    private static final StateKey KEY = StateKey.generate();

    private final CloudflareEmulator emulator = CloudflareEmulator.start();
    private final String prefix = Database.freshPrefix();
    private final PostgresStateStore store = PostgresStateStore.builder()
            .url(Database.url())
            .key(KEY)
            .tablePrefix(prefix)
            .lockWait(Duration.ofMillis(500))
            .build();
    private final HandMadeProvisioner first = HandMadeProvisioner.zoneReader("first-token");
    private final HandMadeProvisioner second = HandMadeProvisioner.zoneReader("second-token");

    @AfterEach
    void stop() {
        emulator.close();
    }

    private Provisioning provisioning() {
        return Provisioning.with(Cloudflare.builder()
                        .baseUrl(emulator.baseUrl())
                        .accountId(emulator.accountId())
                        .apiToken(emulator.adminToken())
                        .build())
                .stateStore(store)
                .output(ProvisioningOutput.silent());
    }

    @Test
    void aPlanOfEveryDeclarationReadsWhileAnInstanceReadsItsTokenAndWaitsForAnApply() {
        provisioning().apply(List.of(first, second), DeclarationScope.COMPLETE);

        try (StateSession starting = store.openForReading(Set.of("first-token"))) {
            assertThat(starting.record("first-token")).isPresent();
            assertThat(provisioning()
                            .plan(List.of(first, second), DeclarationScope.COMPLETE)
                            .changes())
                    .extracting(PlannedChange::kind)
                    .containsExactly(ChangeKind.UNCHANGED, ChangeKind.UNCHANGED);
        }

        try (StateSession applying = store.open()) {
            assertThatThrownBy(() -> provisioning().plan(List.of(first, second), DeclarationScope.COMPLETE))
                    .isInstanceOf(StateException.class)
                    .hasMessageContaining("waited 500 ms for the lock");
        }
    }
}
