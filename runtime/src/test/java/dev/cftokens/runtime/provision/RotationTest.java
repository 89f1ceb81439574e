package dev.cftokens.runtime.provision;

import static dev.cftokens.runtime.provision.EmulatedCloudflare.verifyValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cftokens.core.model.RotationPolicy;
import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.Fault;
import dev.cftokens.emulator.RequestKind;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.CloudflareApiException;
import dev.cftokens.runtime.Declarations;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.Secret;
import dev.cftokens.runtime.TokenRotation;
import dev.cftokens.runtime.state.Holding;
import dev.cftokens.runtime.state.InMemoryStateStore;
import dev.cftokens.runtime.state.TokenRecord;
import dev.cftokens.runtime.workers.Worker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Successor-first rotation: the generations of a rotating token, with time moved on both sides. */
class RotationTest {
    private static final String ID = "rotating-token";
    private static final RotationPolicy POLICY = RotationPolicy.parse("P30D", "P2D");

    private final CloudflareEmulator emulator = CloudflareEmulator.start();
    private final Cloudflare cloudflare = EmulatedCloudflare.client(emulator);
    private final InMemoryStateStore store = InMemoryStateStore.withValues();
    private final HandMadeProvisioner rotating = new HandMadeProvisioner(
            HandMadeProvisioner.zoneReader(ID).declaration().withRotation(POLICY), Map.of());

    @AfterEach
    void stop() {
        emulator.close();
    }

    /** The runtime's clock: the emulator's, so both sides move 30 days together. */
    private final Clock clock = emulator.clock();

    private Provisioning provisioning() {
        return Provisioning.with(cloudflare)
                .stateStore(store)
                .clock(clock)
                .rotateInProcess(false)
                .output(ProvisioningOutput.silent());
    }

    private TokenRecord record() {
        try (var state = store.openForReading(Set.of(ID))) {
            return state.record(ID).orElseThrow();
        }
    }

    private Supplier<Declarations.Found> found() {
        return () -> new Declarations.Found(List.of(rotating), List.of(), Map.of());
    }

    /** A generation as the state holds it; not a live handle, which would hold it and keep it alive. */
    private record Generation(String id, Secret value) {}

    private Generation applied() {
        provisioning().apply(rotating);
        try (var state = store.openForReading(Set.of(ID))) {
            return new Generation(
                    state.record(ID).orElseThrow().tokenId(), state.value(ID).orElseThrow());
        }
    }

    @Test
    void aDueGenerationGetsItsSuccessorFirstAndThePreviousStaysValidForTheOverlapThenIsDeleted() {
        Generation first = applied();
        assertThat(record().issuedAt()).isNotNull();
        assertThat(record().generation()).isEqualTo(1);
        assertThat(provisioning().plan(rotating).changes())
                .extracting(PlannedChange::kind)
                .containsExactly(ChangeKind.UNCHANGED);

        emulator.advanceClock(Duration.ofDays(30).plusMinutes(1));
        emulator.resetRequestCounts();
        ApplyResult rotated = provisioning().apply(rotating);

        assertThat(rotated.plan().changes()).extracting(PlannedChange::kind).containsExactly(ChangeKind.ROTATE);
        String second = rotated.change(ID).orElseThrow().tokenId();
        assertThat(second).isNotEqualTo(first.id());
        assertThat(emulator.requestCount(RequestKind.CREATE_TOKEN)).isEqualTo(1);
        assertThat(emulator.requestCount(RequestKind.ROLL_TOKEN)).isZero();
        assertThat(emulator.requestCount(RequestKind.DELETE_TOKEN)).isZero();
        TokenRecord record = record();
        assertThat(record.tokenId()).isEqualTo(second);
        assertThat(record.generation()).isEqualTo(2);
        assertThat(record.previous().tokenId()).isEqualTo(first.id());
        assertThat(record.previous().revoked()).isFalse();
        assertThat(record.previous().retireAt())
                .isAfter(clock.instant().plus(Duration.ofDays(2).minusMinutes(1)));
        // Both generations authenticate during the overlap.
        assertThat(verifyValue(emulator, first.value()).id()).isEqualTo(first.id());
        try (var state = store.openForReading(Set.of(ID))) {
            assertThat(verifyValue(emulator, state.value(ID).orElseThrow()).id())
                    .isEqualTo(second);
        }

        // Within the overlap nothing more happens; after it, the previous generation is deleted.
        emulator.advanceClock(Duration.ofDays(1));
        assertThat(provisioning().apply(rotating).plan().hasChanges()).isFalse();
        emulator.advanceClock(Duration.ofDays(1).plusMinutes(1));
        ApplyResult retired = provisioning().apply(rotating);
        assertThat(retired.plan().changes()).extracting(PlannedChange::kind).containsExactly(ChangeKind.RETIRE);
        assertThat(record().previous()).isNull();
        assertThat(record().generation())
                .as("retiring the previous keeps the number")
                .isEqualTo(2);
        assertThat(emulator.tokens()).extracting(token -> token.id()).doesNotContain(first.id());
        assertThatThrownBy(() -> verifyValue(emulator, first.value())).isInstanceOf(CloudflareApiException.class);
        assertThat(provisioning().apply(rotating).plan().hasChanges()).isFalse();
    }

    @Test
    void aCallerRefusedAfterARevocationGetsTheSuccessorWithoutWaitingForTheRefresh() throws Exception {
        ProvisionedToken<?> token =
                provisioning().refreshInterval(Duration.ofHours(1)).provision(rotating);
        List<TokenRotation> moves = new CopyOnWriteArrayList<>();
        token.onRotation(moves::add);
        Thread.sleep(1500); // the first refresh, within a second; the next one is an hour away
        Secret leaked = token.value();

        provisioning().rotate(found(), new RotationRequest(Set.of(ID), true)); // from CI
        assertThatThrownBy(() -> verifyValue(emulator, leaked)).isInstanceOf(CloudflareApiException.class);
        assertThat(token.value()).isEqualTo(leaked);

        Secret retry = token.valueAfterRejection(leaked);

        assertThat(verifyValue(emulator, retry).id()).isEqualTo(record().tokenId());
        assertThat(token.id()).isEqualTo(record().tokenId());
        assertThat(moves).singleElement().extracting(TokenRotation::tokenId).isEqualTo(record().tokenId());
        // Later callers refused with the old value share that read; a refused current value comes back.
        assertThat(token.valueAfterRejection(leaked)).isEqualTo(retry);
        assertThat(token.valueAfterRejection(retry)).isEqualTo(retry);
        assertThat(moves).hasSize(1);
    }

    /**
     * Applies, then revokes with every delete failing, so the revocation is recorded but cut short; the
     * faults are cleared again. {@return the revoked generation}
     */
    private Generation revokedWithTheDeleteCutShort() {
        Generation first = applied();
        emulator.injectFault(Fault.serverError(500, 1.0).on(RequestKind.DELETE_TOKEN));
        assertThatThrownBy(() -> provisioning().rotate(found(), new RotationRequest(Set.of(ID), true)))
                .isInstanceOf(RuntimeException.class);
        TokenRecord cut = record();
        assertThat(cut.tokenId()).isNotEqualTo(first.id());
        assertThat(cut.generation()).isEqualTo(2);
        assertThat(cut.previous().tokenId()).isEqualTo(first.id());
        assertThat(cut.previous().revoked()).isTrue();
        emulator.clearFaults();
        return first;
    }

    @Test
    void aRevocationCutShortIsFinishedByARunThatUpdatesTheToken() {
        Generation first = revokedWithTheDeleteCutShort();
        HandMadeProvisioner renamed = new HandMadeProvisioner(
                HandMadeProvisioner.declaration(
                                ID,
                                "renamed",
                                dev.cftokens.core.model.TokenOwner.ACCOUNT,
                                List.of(HandMadeProvisioner.ZONE_READ),
                                dev.cftokens.core.model.RequestIpCondition.NONE,
                                null)
                        .withRotation(POLICY),
                Map.of());

        ApplyResult updated = provisioning().apply(renamed);

        assertThat(updated.plan().changes()).extracting(PlannedChange::kind).containsExactly(ChangeKind.UPDATE);
        assertThat(record().previous()).isNull();
        assertThat(record().name()).isEqualTo("renamed");
        assertThatThrownBy(() -> verifyValue(emulator, first.value())).isInstanceOf(CloudflareApiException.class);
        assertThat(emulator.tokens()).hasSize(1);
    }

    @Test
    void aRevocationCutShortIsFinishedByTheNextRunWhoeverStillHoldsTheRevokedToken() {
        Generation first = revokedWithTheDeleteCutShort();
        // Another instance still holds the leaked token; a revoked one is not kept for it.
        try (var state = store.openForReading(Set.of(ID))) {
            state.hold(new Holding(
                    ID, "7@web-2 (other)#1", first.id(), Instant.now().plus(Duration.ofHours(1))));
        }

        ApplyResult finished = provisioning().apply(rotating);

        assertThat(finished.plan().changes()).extracting(PlannedChange::kind).containsExactly(ChangeKind.RETIRE);
        assertThat(finished.plan().changes().get(0).note()).contains("revoked");
        assertThat(record().previous()).isNull();
        assertThatThrownBy(() -> verifyValue(emulator, first.value())).isInstanceOf(CloudflareApiException.class);
        assertThat(emulator.tokens()).hasSize(1);
    }

    @Test
    void aRotationAskedForWithRevocationDeletesTheReplacedGenerationAtOnce() {
        Generation first = applied();

        ApplyResult result = provisioning().rotate(found(), new RotationRequest(Set.of(ID), true));

        assertThat(result.plan().changes()).extracting(PlannedChange::kind).containsExactly(ChangeKind.ROTATE);
        assertThat(record().previous()).isNull();
        assertThat(record().tokenId()).isNotEqualTo(first.id());
        assertThatThrownBy(() -> verifyValue(emulator, first.value())).isInstanceOf(CloudflareApiException.class);
        assertThat(emulator.tokens()).hasSize(1);
    }

    @Test
    void aRotationAskedForWhileThePreviousIsInItsOverlapWaitsUnlessItRevokes() {
        provisioning().provision(rotating);
        RotationRequest now = new RotationRequest(Set.of(ID), false);
        provisioning().rotate(found(), now);
        TokenRecord rotated = record();
        assertThat(emulator.tokens()).hasSize(2);

        // A second successor now would delete the previous generation under whoever still uses it.
        ApplyResult again = provisioning().rotate(found(), now);

        assertThat(again.plan().changes()).extracting(PlannedChange::kind).containsExactly(ChangeKind.UNCHANGED);
        assertThat(again.plan().warnings())
                .singleElement()
                .asString()
                .contains("rotation asked for, but the previous generation "
                        + rotated.previous().tokenId())
                .contains("--revoke-previous");
        assertThat(record()).isEqualTo(rotated);

        StringBuilder printed = new StringBuilder();
        ApplyResult revoked = provisioning()
                .output(line -> printed.append(line).append("\n"))
                .rotate(found(), new RotationRequest(Set.of(ID), true));
        assertThat(emulator.tokens()).hasSize(1); // both earlier generations deleted, the successor alone
        assertThat(record().previous()).isNull();
        // Both deletes are said, in the plan and as they happen.
        assertThat(revoked.plan().changes().get(0).note())
                .contains("previous generation " + rotated.previous().tokenId() + " is deleted first")
                .contains(rotated.tokenId() + " is revoked");
        assertThat(printed.toString())
                .contains("deleted previous generation " + rotated.previous().tokenId())
                .contains("revoking " + rotated.tokenId());
    }

    @Test
    void aStartServesADueButValidGenerationAndRotatesOnlyAnExpiredOne() {
        Generation first = applied();
        emulator.advanceClock(Duration.ofDays(31)); // due, still valid for 31 more days
        emulator.resetRequestCounts();

        ProvisionedToken<HandMadeProvisioner.TestToken> started = provisioning().provision(rotating);

        assertThat(started.id()).isEqualTo(first.id());
        assertThat(emulator.requestCount(RequestKind.CREATE_TOKEN)).isZero();

        emulator.advanceClock(Duration.ofDays(32)); // past 2 x every + overlap: expired
        ProvisionedToken<HandMadeProvisioner.TestToken> late = provisioning().provision(rotating);

        assertThat(late.id()).isNotEqualTo(first.id());
        assertThat(verifyValue(emulator, late.value()).id()).isEqualTo(late.id());
    }

    @Test
    void rotateRefusesAnIdThatIsNoRotatingDeclarationBeforeChangingAnything() {
        provisioning().provision(rotating);
        emulator.resetRequestCounts();

        assertThatThrownBy(() -> provisioning().rotate(found(), new RotationRequest(Set.of("nope"), false)))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageContaining("cannot rotate nope")
                .hasMessageContaining("the rotating declarations are " + ID)
                .hasMessageContaining("Nothing was changed");
        assertThat(emulator.requestCount()).isZero();
    }

    @Test
    void aFailedDeleteOfThePreviousGenerationStaysRecordedAndIsRetriedUntilConfirmed() {
        Generation first = applied();
        emulator.advanceClock(Duration.ofDays(31));
        provisioning().apply(rotating);
        emulator.advanceClock(Duration.ofDays(3));

        emulator.injectFault(Fault.serverError(500, 1.0).on(RequestKind.DELETE_TOKEN));
        assertThatThrownBy(() -> provisioning().apply(rotating)).isInstanceOf(RuntimeException.class);
        assertThat(record().previous().tokenId()).isEqualTo(first.id());

        emulator.clearFaults();
        provisioning().apply(rotating);
        assertThat(record().previous()).isNull();
        assertThat(emulator.tokens()).hasSize(1);
    }

    @Test
    void aWorkerBoundToTheHandleIsReboundWhenItMovesWhileThePreviousIsInItsOverlap() throws Exception {
        ProvisionedToken<HandMadeProvisioner.TestToken> token = Provisioning.with(cloudflare)
                .stateStore(store)
                .clock(clock)
                .refreshInterval(Duration.ofMillis(100))
                .rotateInProcess(false)
                .output(ProvisioningOutput.silent())
                .provision(rotating);
        Worker.named("rebound-worker")
                .script("addEventListener('fetch', e => e.respondWith(new Response('ok')))")
                .bind("API_TOKEN", token)
                .deploy(cloudflare);
        String first = token.id();
        assertThat(emulator.workerSecretText("rebound-worker", "API_TOKEN"))
                .contains(token.value().reveal());

        provisioning().rotate(found(), new RotationRequest(Set.of(ID), false));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while ((token.id().equals(first)
                        || !emulator.workerSecretText("rebound-worker", "API_TOKEN")
                                .equals(java.util.Optional.of(token.value().reveal())))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        assertThat(token.id()).isNotEqualTo(first);
        assertThat(emulator.workerSecretText("rebound-worker", "API_TOKEN"))
                .contains(token.value().reveal());
        assertThat(record().previous().tokenId()).isEqualTo(first); // re-bound before the previous goes
    }

    @Test
    void statusNamesTheLiveHandlesHoldingEachGeneration() throws Exception {
        ProvisionedToken<HandMadeProvisioner.TestToken> token = Provisioning.with(cloudflare)
                .stateStore(store)
                .clock(clock)
                .refreshInterval(Duration.ofMillis(100))
                .rotateInProcess(false)
                .output(ProvisioningOutput.silent())
                .provision(rotating);
        Thread.sleep(300); // the handle's first refresh notes what it holds

        List<TokenGenerations> status = provisioning().status(found());

        assertThat(status).hasSize(1);
        assertThat(status.get(0).holdersOf(token.id()))
                .singleElement()
                .asString()
                .contains("@")
                .contains("#");
        assertThat(status.get(0).describe(clock.instant()))
                .contains(ID + ": generation 1, current " + token.id())
                .contains("next rotation ")
                .contains(", held by ");
    }

    @Test
    void aLiveHandleOfAProcessThatMayRotateRotatesWhenDueAndFollows() throws Exception {
        List<TokenRotation> rotations = new CopyOnWriteArrayList<>();
        ProvisionedToken<HandMadeProvisioner.TestToken> token = Provisioning.with(cloudflare)
                .stateStore(store)
                .clock(clock)
                .refreshInterval(Duration.ofMillis(100))
                .output(ProvisioningOutput.silent())
                .provision(rotating)
                .onRotation(rotations::add);
        String first = token.id();

        emulator.advanceClock(Duration.ofDays(30).plusMinutes(1));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (rotations.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        assertThat(rotations).hasSize(1);
        assertThat(rotations.get(0).previousTokenId()).isEqualTo(first);
        assertThat(token.id()).isEqualTo(record().tokenId()).isNotEqualTo(first);
        assertThat(verifyValue(emulator, token.value()).id()).isEqualTo(token.id());
        assertThat(emulator.tokens()).hasSize(2);
    }
}
