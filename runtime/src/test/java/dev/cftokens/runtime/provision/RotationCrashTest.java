package dev.cftokens.runtime.provision;

import static dev.cftokens.runtime.provision.EmulatedCloudflare.verifyValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cftokens.core.model.RequestIpCondition;
import dev.cftokens.core.model.RotationPolicy;
import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.core.model.TokenSpec;
import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.EmulatedToken;
import dev.cftokens.emulator.Fault;
import dev.cftokens.emulator.RequestKind;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.Secret;
import dev.cftokens.runtime.state.InMemoryStateStore;
import dev.cftokens.runtime.state.PendingCreate;
import dev.cftokens.runtime.state.StateSession;
import dev.cftokens.runtime.state.StateStore;
import dev.cftokens.runtime.state.TokenRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A rotation killed at each of its steps converges on the next run: no duplicate, no orphan, no lost token.
 * The kill is a state store that dies at the named write, as a process killed there leaves the state.
 */
class RotationCrashTest {
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

    private Provisioning provisioning(StateStore through) {
        return Provisioning.with(cloudflare)
                .stateStore(through)
                .clock(clock)
                .rotateInProcess(false)
                .output(ProvisioningOutput.silent());
    }

    private TokenRecord record() {
        try (StateSession state = store.openForReading(Set.of(ID))) {
            return state.record(ID).orElseThrow();
        }
    }

    private List<String> liveTokenIds() {
        return emulator.tokens().stream()
                .map(EmulatedToken::id)
                .filter(id -> !id.equals(emulator.adminTokenId()))
                .collect(Collectors.toList());
    }

    /** After the converging run: exactly the recorded generations live, and the current one works. */
    private void assertConverged() {
        TokenRecord record = record();
        List<String> recorded = record.previous() == null
                ? List.of(record.tokenId())
                : List.of(record.tokenId(), record.previous().tokenId());
        assertThat(liveTokenIds()).containsExactlyInAnyOrderElementsOf(recorded);
        try (StateSession state = store.openForReading(Set.of(ID))) {
            assertThat(verifyValue(emulator, state.value(ID).orElseThrow()).id())
                    .isEqualTo(record.tokenId());
            assertThat(state.pendingCreates()).isEmpty();
        }
    }

    @Test
    void killedAfterTheSuccessorsCreateBeforeItsRecordTheOrphanIsDeletedAndOneSuccessorMade() {
        // Its id and value as provisioned: the live handle itself moves on once the successor is recorded.
        ProvisionedToken<HandMadeProvisioner.TestToken> handle =
                provisioning(store).provision(rotating);
        String firstId = handle.id();
        Secret firstValue = handle.value();
        emulator.advanceClock(Duration.ofDays(31));

        StateStore dying = new DyingStore(store, record -> record.previous() != null);
        assertThatThrownBy(() -> provisioning(dying).apply(rotating)).hasMessageContaining("killed");
        assertThat(liveTokenIds()).hasSize(2); // the current generation and the unrecorded successor
        assertThat(record().tokenId()).isEqualTo(firstId);

        ApplyResult next = provisioning(store).apply(rotating);

        assertThat(next.plan().changes())
                .extracting(PlannedChange::kind)
                .containsExactlyInAnyOrder(ChangeKind.ROTATE, ChangeKind.DELETE);
        assertThat(record().previous().tokenId()).isEqualTo(firstId);
        assertConverged();
        assertThat(verifyValue(emulator, firstValue).id()).isEqualTo(firstId); // still in its overlap
    }

    @Test
    void aKilledRotationsSuccessorIsFoundWhenTheDeclarationNoLongerRotatesOrEverythingIsDestroyed() {
        provisioning(store).apply(rotating);
        emulator.advanceClock(Duration.ofDays(31));
        StateStore dying = new DyingStore(store, record -> record.previous() != null);
        assertThatThrownBy(() -> provisioning(dying).apply(rotating)).hasMessageContaining("killed");
        assertThat(liveTokenIds()).hasSize(2);

        // The same declaration without @Rotation: the unrecorded successor carries an expiry it never declared.
        ApplyResult next = provisioning(store).apply(HandMadeProvisioner.zoneReader(ID));

        assertThat(next.plan().changes()).extracting(PlannedChange::kind).contains(ChangeKind.DELETE);
        assertConverged();

        // And a destroy after another killed rotation leaves nothing at all.
        provisioning(store).apply(rotating);
        emulator.advanceClock(Duration.ofDays(31));
        assertThatThrownBy(() -> provisioning(dying).apply(rotating)).hasMessageContaining("killed");
        provisioning(store).destroy();
        assertThat(liveTokenIds()).isEmpty();
    }

    @Test
    void killedAfterThePreviousGenerationsDeleteBeforeItsRecordTheNextRunFinishesTheRetire() {
        provisioning(store).apply(rotating); // no live handle: one would hold the generation
        emulator.advanceClock(Duration.ofDays(31));
        provisioning(store).apply(rotating);
        emulator.advanceClock(Duration.ofDays(3));

        StateStore dying = new DyingStore(store, record -> record.previous() == null);
        assertThatThrownBy(() -> provisioning(dying).apply(rotating)).hasMessageContaining("killed");
        assertThat(liveTokenIds()).hasSize(1); // deleted in Cloudflare, still recorded as previous
        assertThat(record().previous()).isNotNull();

        ApplyResult next = provisioning(store).apply(rotating);

        assertThat(next.plan().changes()).extracting(PlannedChange::kind).containsExactly(ChangeKind.RETIRE);
        assertThat(record().previous()).isNull();
        assertConverged();
    }

    @Test
    void aDeleteWhoseAnswerIsLostCountsAsDoneOnceCloudflareSaysTheTokenIsGone() {
        provisioning(store).apply(rotating); // no live handle: one would hold the generation
        emulator.advanceClock(Duration.ofDays(31));
        provisioning(store).apply(rotating);
        emulator.advanceClock(Duration.ofDays(3));
        emulator.injectFault(
                Fault.commitThenDrop(1.0).on(RequestKind.DELETE_TOKEN).times(1));

        provisioning(store).apply(rotating);

        assertThat(record().previous()).isNull();
        assertConverged();
    }

    @Test
    void aSuccessorRefusedByTheQuotaLeavesTheCurrentGenerationCurrentAndSaysWhy() {
        HandMadeProvisioner user = new HandMadeProvisioner(
                HandMadeProvisioner.declaration(
                                ID,
                                ID,
                                TokenOwner.USER,
                                List.of(HandMadeProvisioner.ZONE_READ),
                                RequestIpCondition.NONE,
                                null)
                        .withRotation(RotationPolicy.parse("P30D", "P2D")),
                Map.of());
        ProvisionedToken<HandMadeProvisioner.TestToken> first =
                provisioning(store).provision(user);
        TokenSpec filler = cloudflare.userTokens().get(first.id()).spec();
        long user_tokens = emulator.tokens().stream()
                .filter(token -> token.owner() == TokenOwner.USER)
                .count();
        for (long i = user_tokens; i < 50; i++) {
            cloudflare
                    .userTokens()
                    .create(new TokenSpec("filler " + i, filler.policies(), null, null, filler.expiresOn()));
        }
        emulator.advanceClock(Duration.ofDays(31));

        assertThatThrownBy(() -> provisioning(store).apply(user))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageContaining(ID + ": its successor could not be created")
                .hasMessageContaining("generation " + first.id() + " stays current");

        assertThat(record().tokenId()).isEqualTo(first.id());
        assertThat(record().previous()).isNull();
        assertThat(cloudflare
                        .authenticatedAs(first.value())
                        .userTokens()
                        .verify()
                        .id())
                .isEqualTo(first.id());
        try (StateSession state = store.openForReading(Set.of(ID))) {
            assertThat(state.pendingCreates()).isEmpty();
        }
    }

    /** A store whose sessions die (throw) at the first put of a record matching {@code killAt}. */
    private static final class DyingStore implements StateStore {
        private final StateStore delegate;
        private final Predicate<TokenRecord> killAt;

        DyingStore(StateStore delegate, Predicate<TokenRecord> killAt) {
            this.delegate = delegate;
            this.killAt = killAt;
        }

        @Override
        public StateSession open() {
            return new Dying(delegate.open());
        }

        @Override
        public StateSession open(Set<String> declarationIds) {
            return new Dying(delegate.open(declarationIds));
        }

        @Override
        public StateSession openForReading(Set<String> declarationIds) {
            return new Dying(delegate.openForReading(declarationIds));
        }

        @Override
        public Optional<StateSession> tryOpen(Set<String> declarationIds) {
            return delegate.tryOpen(declarationIds).map(Dying::new);
        }

        @Override
        public String describe() {
            return "a dying " + delegate.describe();
        }

        private final class Dying implements StateSession {
            private final StateSession session;

            Dying(StateSession session) {
                this.session = session;
            }

            private void maybeDie(TokenRecord record) {
                if (killAt.test(record)) {
                    throw new IllegalStateException("killed before recording " + record.tokenId());
                }
            }

            @Override
            public Collection<TokenRecord> records() {
                return session.records();
            }

            @Override
            public Optional<TokenRecord> record(String declarationId) {
                return session.record(declarationId);
            }

            @Override
            public Optional<Secret> value(String declarationId) {
                return session.value(declarationId);
            }

            @Override
            public boolean storesValues() {
                return session.storesValues();
            }

            @Override
            public void put(TokenRecord record) {
                maybeDie(record);
                session.put(record);
            }

            @Override
            public void put(TokenRecord record, Secret value) {
                maybeDie(record);
                session.put(record, value);
            }

            @Override
            public void remove(String declarationId) {
                session.remove(declarationId);
            }

            @Override
            public Collection<PendingCreate> pendingCreates() {
                return session.pendingCreates();
            }

            @Override
            public void putPendingCreate(PendingCreate pending) {
                session.putPendingCreate(pending);
            }

            @Override
            public void removePendingCreate(String declarationId) {
                session.removePendingCreate(declarationId);
            }

            @Override
            public void close() {
                session.close();
            }
        }
    }
}
