package dev.cftokens.runtime.provision;

import static dev.cftokens.runtime.provision.EmulatedCloudflare.assertOneTokenPerDeclaration;
import static dev.cftokens.runtime.provision.EmulatedCloudflare.tokens;
import static dev.cftokens.runtime.provision.EmulatedCloudflare.verifyValue;
import static dev.cftokens.runtime.provision.EmulatedCloudflare.writes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cftokens.core.model.PermissionGroupRef;
import dev.cftokens.core.model.PolicyDeclaration;
import dev.cftokens.core.model.PolicyEffect;
import dev.cftokens.core.model.RequestIpCondition;
import dev.cftokens.core.model.TokenDeclaration;
import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.core.model.TokenStatus;
import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.RequestKind;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.CloudflareApiException;
import dev.cftokens.runtime.Declarations;
import dev.cftokens.runtime.LeakScan;
import dev.cftokens.runtime.LogCapture;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.TokenProvisioner;
import dev.cftokens.runtime.state.FileStateStore;
import dev.cftokens.runtime.state.InMemoryStateStore;
import dev.cftokens.runtime.state.PendingCreate;
import dev.cftokens.runtime.state.StateSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// LeakScan runs on every runtime test (junit-platform.properties); this makes sure it saw the engine's requests.
@LeakScan.ExpectsRequestLog
class ProvisioningTest {
    @TempDir
    Path dir;

    private final CloudflareEmulator emulator = CloudflareEmulator.start();
    private final Cloudflare cloudflare = EmulatedCloudflare.client(emulator);
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        emulator.close();
    }

    private FileStateStore store(String passphrase) {
        return FileStateStore.builder()
                .path(dir.resolve("state.json"))
                .passphrase(passphrase == null ? null : passphrase.toCharArray())
                .build();
    }

    private Provisioning provisioning(FileStateStore store) {
        return Provisioning.with(cloudflare)
                .stateStore(store)
                .output(new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private String output() {
        String text = printed.toString(StandardCharsets.UTF_8);
        printed.reset();
        return text;
    }

    private static List<HandMadeProvisioner> readers(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> HandMadeProvisioner.zoneReader(String.format("reader-%03d", i)))
                .collect(Collectors.toList());
    }

    @Test
    void applyCreatesThenReapplyWritesNothingAndListsOncePer50() {
        FileStateStore store = store(null);
        List<HandMadeProvisioner> declared = readers(120);
        ApplyResult first = provisioning(store).apply(declared);
        assertThat(first.plan().count(ChangeKind.CREATE)).isEqualTo(120);
        assertThat(output())
                .contains("+ create reader-000")
                .contains("Plan: 120 to create, 0 to update, 0 to replace, 0 to delete, 0 drifted, 0 unchanged.")
                .contains("... 25/120 done")
                .contains("Apply complete: 120 created");
        assertThat(emulator.requestCount(RequestKind.CREATE_TOKEN)).isEqualTo(120);
        assertOneTokenPerDeclaration(emulator, store, declared);

        emulator.resetRequestCounts();
        ApplyResult second = provisioning(store).apply(declared);
        assertThat(second.plan().hasChanges()).isFalse();
        assertThat(output())
                .contains("= unchanged reader-119")
                .contains("Plan: 0 to create, 0 to update, 0 to replace, 0 to delete, 0 drifted, 120 unchanged.");
        assertThat(writes(emulator)).isZero();
        // 121 tokens (with the emulator's admin token) are 3 pages of 50.
        assertThat(emulator.requestCount(RequestKind.LIST_TOKENS)).isEqualTo(3);
        assertThat(emulator.requestCount()).isEqualTo(3);
    }

    @Test
    void declarationsLoadedOnceTheStateIsOpenAreAppliedWithTheScopeTheyWereFoundWith() {
        FileStateStore store = store(null);
        List<TokenProvisioner<?>> declared = List.copyOf(readers(3));
        // Nothing recorded yet: the declarations' owner is listed once they are loaded.
        ApplyResult created = provisioning(store).apply(() -> new Declarations.Found(declared, List.of(), Map.of()));
        assertThat(created.plan().count(ChangeKind.CREATE)).isEqualTo(3);
        assertOneTokenPerDeclaration(emulator, store, declared);

        // A load that fails ends the run before anything is written, and leaves the state to the next run.
        emulator.resetRequestCounts();
        assertThatThrownBy(() -> provisioning(store).apply(() -> {
                    throw new IllegalStateException("the class path names no declaration");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the class path names no declaration");
        assertThat(writes(emulator)).isZero();

        // Some declarations need inputs that were not given: the partial set deletes nothing.
        List<Declarations.NeedsInputs> needsInputs =
                List.of(new Declarations.NeedsInputs("zone-token", "com.acme.ZoneTokenProvisioner", List.of("zoneId")));
        Plan partial = provisioning(store)
                .plan(() -> new Declarations.Found(
                        declared.subList(0, 2), needsInputs, Map.of("zone-token", List.of("zoneId"))));
        assertThat(partial.count(ChangeKind.DELETE)).isZero();
        assertThat(partial.count(ChangeKind.UNCHANGED)).isEqualTo(2);

        // The complete set without one declaration deletes its token.
        output();
        ApplyResult deleted =
                provisioning(store).apply(() -> new Declarations.Found(declared.subList(0, 2), List.of(), Map.of()));
        assertThat(deleted.plan().count(ChangeKind.DELETE)).isEqualTo(1);
        assertThat(output()).contains("- delete reader-002");
        assertThat(tokens(emulator)).hasSize(2);
        assertThat(writes(emulator)).isEqualTo(1);
    }

    @Test
    void provisionHandsBackAWorkingValueAndKeepsItEncrypted() {
        FileStateStore store = store("passphrase for the test");
        HandMadeProvisioner reader = HandMadeProvisioner.zoneReader("readonly-token");
        ProvisionedToken<HandMadeProvisioner.TestToken> first =
                provisioning(store).provision(reader);
        assertThat(first.declarationId()).isEqualTo("readonly-token");
        assertThat(first.status()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(verifyValue(emulator, first.value()).id()).isEqualTo(first.id());
        assertThat(output()).doesNotContain(first.value().reveal());

        emulator.resetRequestCounts();
        ProvisionedToken<HandMadeProvisioner.TestToken> second =
                provisioning(store).provision(reader);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.value()).isEqualTo(first.value());
        assertThat(writes(emulator)).isZero();
        assertThat(output()).doesNotContain("rolled");
    }

    @Test
    void withoutPassphraseAValueNeededAgainIsRolledAndSaysSo() {
        FileStateStore store = store(null);
        HandMadeProvisioner reader = HandMadeProvisioner.zoneReader("readonly-token");
        ProvisionedToken<HandMadeProvisioner.TestToken> first =
                provisioning(store).provision(reader);
        // The first run says how to keep the value it created.
        assertThat(output())
                .contains("+ create readonly-token")
                .contains("! values are not kept: without CFTOKENS_KEY or CFTOKENS_PASSPHRASE the state keeps no"
                        + " token value, so the next start rolls readonly-token to hand a value back")
                .contains("java -jar cftokens-cli.jar key");
        ProvisionedToken<HandMadeProvisioner.TestToken> second =
                provisioning(store).provision(reader);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.value()).isNotEqualTo(first.value());
        assertThat(emulator.requestCount(RequestKind.ROLL_TOKEN)).isEqualTo(1);
        // The plan line says the roll, not "unchanged".
        assertThat(output())
                .contains("~ roll readonly-token: unchanged, but no value is kept without CFTOKENS_KEY or"
                        + " CFTOKENS_PASSPHRASE, so it is rolled to hand a value back (the previous value stops"
                        + " working)")
                .contains("0 drifted, 1 unchanged, 1 to roll for a value the state does not keep.")
                .doesNotContain("= unchanged readonly-token")
                .contains("readonly-token: rolled token " + first.id())
                .contains("CFTOKENS_PASSPHRASE");
        assertThat(verifyValue(emulator, second.value()).id()).isEqualTo(first.id());
        assertThatThrownBy(() -> verifyValue(emulator, first.value())).isInstanceOf(CloudflareApiException.class);
    }

    @Test
    void singleProvisionNeverDeletesOtherDeclarations() {
        FileStateStore store = store(null);
        provisioning(store).apply(readers(3));
        provisioning(store).provision(HandMadeProvisioner.zoneReader("reader-000"));
        assertThat(tokens(emulator)).hasSize(3);
        assertThat(emulator.requestCount(RequestKind.DELETE_TOKEN)).isZero();
    }

    @Test
    void changedDeclarationIsUpdatedInPlace() {
        FileStateStore store = store("p");
        HandMadeProvisioner before = HandMadeProvisioner.zoneReader("restricted-token");
        ProvisionedToken<HandMadeProvisioner.TestToken> created =
                provisioning(store).provision(before);
        HandMadeProvisioner after = new HandMadeProvisioner(
                HandMadeProvisioner.declaration(
                        "restricted-token",
                        "restricted-token",
                        TokenOwner.ACCOUNT,
                        List.of(HandMadeProvisioner.ZONE_READ, HandMadeProvisioner.DNS_WRITE),
                        new RequestIpCondition(java.util.Set.of("192.0.2.0/24"), java.util.Set.of()),
                        Instant.parse("2031-01-01T00:00:00Z")),
                Map.of());
        output();
        emulator.resetRequestCounts();
        ProvisionedToken<HandMadeProvisioner.TestToken> updated =
                provisioning(store).provision(after);
        assertThat(output()).contains("~ update restricted-token (policies, condition, expires_on)");
        assertThat(updated.id()).isEqualTo(created.id());
        assertThat(updated.value()).isEqualTo(created.value());
        assertThat(emulator.requestCount(RequestKind.UPDATE_TOKEN)).isEqualTo(1);
        assertThat(writes(emulator)).isEqualTo(1);
        assertOneTokenPerDeclaration(emulator, store, List.of(after));
    }

    @Test
    void driftIsShownThenRepaired() {
        FileStateStore store = store(null);
        List<HandMadeProvisioner> declared = readers(3);
        provisioning(store).apply(declared);
        output();
        String deleted;
        String changed;
        try (StateSession state = store.open()) {
            deleted = state.record("reader-000").orElseThrow().tokenId();
            changed = state.record("reader-001").orElseThrow().tokenId();
        }
        cloudflare.accountTokens().delete(deleted);
        var spec = declared.get(1).declaration().resolve(emulator.accountId(), Map.of());
        cloudflare
                .accountTokens()
                .update(
                        changed,
                        new dev.cftokens.core.model.TokenSpec(
                                "renamed by hand", spec.policies(), spec.condition(), null, null),
                        TokenStatus.DISABLED);

        Plan plan = provisioning(store).plan(declared);
        assertThat(plan.changes())
                .extracting(PlannedChange::describe)
                .containsExactly(
                        "! drifted reader-000: token " + deleted
                                + " was deleted outside cftokens; will be created again",
                        "! drifted reader-001 (name, status): changed outside cftokens; will be put back",
                        "= unchanged reader-002");
        provisioning(store).apply(declared);
        assertThat(output()).contains("Apply complete: 2 repaired");
        assertOneTokenPerDeclaration(emulator, store, declared);
        assertThat(cloudflare.accountTokens().get(changed).status()).isEqualTo(TokenStatus.ACTIVE);
    }

    @Test
    void tokensOfUnrecordedCreatesAreDeletedOnceTheirDeclarationIsRemovedOrChanged() {
        FileStateStore store = store(null);
        HandMadeProvisioner kept = HandMadeProvisioner.zoneReader("kept");
        provisioning(store).apply(List.of(kept));
        // An earlier run was killed just after two creates reached Cloudflare, before it recorded them.
        List<String> orphans = new ArrayList<>();
        for (String id : List.of("removed", "changed")) {
            DesiredToken sent = DesiredToken.resolve(HandMadeProvisioner.zoneReader(id), emulator::accountId);
            try (StateSession state = store.open()) {
                state.putPendingCreate(
                        new PendingCreate(id, TokenOwner.ACCOUNT, sent.accountId(), sent.specHash(), Instant.now()));
            }
            orphans.add(cloudflare.accountTokens().create(sent.spec()).token().id());
        }
        HandMadeProvisioner changed = new HandMadeProvisioner(
                HandMadeProvisioner.declaration(
                        "changed",
                        "changed",
                        TokenOwner.ACCOUNT,
                        List.of(HandMadeProvisioner.ZONE_READ, HandMadeProvisioner.DNS_WRITE),
                        RequestIpCondition.NONE,
                        null),
                Map.of());
        output();

        provisioning(store).apply(List.of(kept, changed));

        assertThat(output())
                .containsPattern("- delete removed~unrecorded-" + orphans.get(0) + ": unrecorded, with the name and"
                        + " grants a create of removed sent at \\S+ \\(never recorded by its run\\) and issued while it ran;"
                        + " no longer declared")
                .containsPattern("- delete changed~unrecorded-" + orphans.get(1) + ": .*; not adopted")
                .contains("+ create changed");
        assertOneTokenPerDeclaration(emulator, store, List.of(kept, changed));
        try (StateSession state = store.open()) {
            assertThat(state.pendingCreates()).isEmpty();
        }
        emulator.resetRequestCounts();
        assertThat(provisioning(store).apply(List.of(kept, changed)).plan().hasChanges())
                .isFalse();
        assertThat(writes(emulator)).isZero();
    }

    @Test
    void applyDeletesOnlyRecordedTokensNoLongerDeclared() {
        FileStateStore store = store(null);
        var stranger = cloudflare
                .accountTokens()
                .create(HandMadeProvisioner.zoneReader("not-ours")
                        .declaration()
                        .resolve(emulator.accountId(), Map.of()));
        provisioning(store).apply(readers(3));
        output();
        ApplyResult result = provisioning(store).apply(readers(2));
        assertThat(output()).contains("- delete reader-002").contains("1 to delete");
        assertThat(result.change("reader-002").orElseThrow().kind()).isEqualTo(ChangeKind.DELETE);
        // The token cftokens never recorded is left alone, even though it looks like one of ours.
        assertThat(tokens(emulator))
                .extracting(t -> t.id())
                .contains(stranger.token().id())
                .hasSize(3);
        try (StateSession state = store.open()) {
            assertThat(state.records())
                    .extracting(r -> r.declarationId())
                    .containsExactlyInAnyOrder("reader-000", "reader-001");
        }
    }

    @Test
    void destroyDeletesEverythingRecordedAndToleratesTokensAlreadyGone() {
        FileStateStore store = store(null);
        provisioning(store).apply(readers(4));
        String gone;
        try (StateSession state = store.open()) {
            gone = state.record("reader-003").orElseThrow().tokenId();
        }
        cloudflare.accountTokens().delete(gone);
        assertThat(provisioning(store).destroy("reader-000")).containsExactly("reader-000");
        assertThat(tokens(emulator)).hasSize(2);
        assertThat(provisioning(store).destroy()).containsExactlyInAnyOrder("reader-001", "reader-002", "reader-003");
        assertThat(tokens(emulator)).isEmpty();
        try (StateSession state = store.open()) {
            assertThat(state.records()).isEmpty();
        }
        assertThat(provisioning(store).destroy()).isEmpty();
    }

    @Test
    void groupTheAccountNoLongerOffersFailsBeforeAnyWrite() {
        TokenDeclaration stale = new TokenDeclaration(
                "stale-token",
                "stale-token",
                TokenOwner.ACCOUNT,
                List.of(new PolicyDeclaration(
                        PolicyEffect.ALLOW,
                        List.of(
                                new PermissionGroupRef(HandMadeProvisioner.ZONE_READ.id(), "Zone Read"),
                                new PermissionGroupRef("0123456789abcdef0123456789abcdef", "Retired Group Read")),
                        List.of("com.cloudflare.api.account.zone.*"),
                        "")),
                RequestIpCondition.NONE,
                null,
                null,
                List.of());
        List<HandMadeProvisioner> declared = new ArrayList<>(readers(2));
        declared.add(new HandMadeProvisioner(stale, Map.of()));
        assertThatThrownBy(() -> provisioning(store(null)).apply(declared))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageContaining("token stale-token: permission group \"Retired Group Read\"")
                .hasMessageContaining("0123456789abcdef0123456789abcdef")
                .hasMessageContaining("permission-groups")
                .hasMessageContaining("Nothing was written");
        assertThat(writes(emulator)).isZero();
        assertThat(emulator.requestCount(RequestKind.LIST_PERMISSION_GROUPS)).isEqualTo(1);
    }

    @Test
    void byDefaultAFreshStateRefusesToRollATokenItDidNotCreateAndChangesNothing() {
        HandMadeProvisioner reader = HandMadeProvisioner.zoneReader("readonly-token");
        ProvisionedToken<HandMadeProvisioner.TestToken> first = Provisioning.with(cloudflare)
                .stateStore(InMemoryStateStore.withValues())
                .provision(reader);
        long written = writes(emulator);
        // A second instance of the service with a state of its own (a rolling deploy without a shared state).
        InMemoryStateStore second = InMemoryStateStore.withValues();
        ProvisioningException refused = LeakScan.caught(
                ProvisioningException.class,
                () -> Provisioning.with(cloudflare).stateStore(second).provision(reader));
        assertThat(refused)
                .hasMessageContaining("readonly-token")
                .hasMessageContaining(first.id())
                .hasMessageContaining("CFTOKENS_STATE")
                .hasMessageContaining("cftokens.roll-adopted=true")
                .hasMessageContaining("Provisioning.rollAdopted(true)");
        assertThat(writes(emulator)).isEqualTo(written);
        assertThat(verifyValue(emulator, first.value()).id()).isEqualTo(first.id());
        try (var session = second.open()) {
            assertThat(session.records()).isEmpty();
        }
        // apply hands no value back, so it adopts without a roll.
        Provisioning.with(cloudflare).stateStore(second).apply(reader);
        assertThat(writes(emulator)).isEqualTo(written);
        assertThat(verifyValue(emulator, first.value()).id()).isEqualTo(first.id());
    }

    /**
     * A state whose pending create of the declaration could not have made the token it finds (another spec,
     * owner or account, or sent long before the token was issued) is not entitled to roll it: the token is
     * another instance's, whose value would die.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"older spec", "user owner", "other account", "long ago"})
    void aStalePendingCreateNeverEntitlesAStateToRollAnotherInstancesToken(String stale) {
        HandMadeProvisioner reader = HandMadeProvisioner.zoneReader("readonly-token");
        ProvisionedToken<HandMadeProvisioner.TestToken> first = Provisioning.with(cloudflare)
                .stateStore(InMemoryStateStore.withValues())
                .provision(reader);
        DesiredToken desired = DesiredToken.resolve(reader, emulator::accountId);
        Instant justNow = Instant.now();
        PendingCreate pending = switch (stale) {
            case "older spec" ->
                new PendingCreate("readonly-token", TokenOwner.ACCOUNT, desired.accountId(), "0".repeat(64), justNow);
            case "user owner" ->
                new PendingCreate("readonly-token", TokenOwner.USER, null, desired.specHash(), justNow);
            case "other account" ->
                new PendingCreate(
                        "readonly-token",
                        TokenOwner.ACCOUNT,
                        "ffffffffffffffffffffffffffffffff",
                        desired.specHash(),
                        justNow);
            default ->
                new PendingCreate(
                        "readonly-token",
                        TokenOwner.ACCOUNT,
                        desired.accountId(),
                        desired.specHash(),
                        justNow.minus(java.time.Duration.ofDays(3)));
        };
        InMemoryStateStore second = InMemoryStateStore.withValues();
        try (StateSession session = second.open()) {
            session.putPendingCreate(pending);
        }
        long written = writes(emulator);

        ProvisioningException refused = LeakScan.caught(
                ProvisioningException.class,
                () -> Provisioning.with(cloudflare).stateStore(second).provision(reader));

        assertThat(refused)
                .hasMessageContaining("readonly-token")
                .hasMessageContaining(first.id())
                .hasMessageContaining("Provisioning.rollAdopted(true)");
        assertThat(writes(emulator)).isEqualTo(written);
        assertThat(emulator.requestCount(RequestKind.ROLL_TOKEN)).isZero();
        assertThat(verifyValue(emulator, first.value()).id()).isEqualTo(first.id());
        try (StateSession session = second.open()) {
            assertThat(session.records()).isEmpty();
            assertThat(session.pendingCreates()).containsExactly(pending);
        }
    }

    @Test
    void anUnchangedTokenWithAStaleRecordHasItsRecordRefreshedOnceThenIsReadAsItIs() {
        HandMadeProvisioner reader = HandMadeProvisioner.zoneReader("readonly-token");
        InMemoryStateStore store = InMemoryStateStore.withValues();
        ProvisionedToken<HandMadeProvisioner.TestToken> first =
                Provisioning.with(cloudflare).stateStore(store).provision(reader);
        DesiredToken desired = DesiredToken.resolve(reader, emulator::accountId);
        // A record an older version wrote: the token is as declared, the recorded spec hash is not this one's.
        try (StateSession session = store.open()) {
            dev.cftokens.runtime.state.TokenRecord current =
                    session.record("readonly-token").orElseThrow();
            session.put(
                    new dev.cftokens.runtime.state.TokenRecord(
                            current.declarationId(),
                            current.tokenId(),
                            current.owner(),
                            current.accountId(),
                            current.name(),
                            "sha256:" + "0".repeat(64)),
                    first.value());
        }
        long written = writes(emulator);

        ProvisionedToken<HandMadeProvisioner.TestToken> second =
                Provisioning.with(cloudflare).stateStore(store).provision(reader);

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.value().reveal()).isEqualTo(first.value().reveal());
        assertThat(writes(emulator)).isEqualTo(written);
        try (StateSession session = store.open()) {
            assertThat(session.record("readonly-token").orElseThrow().specHash())
                    .isEqualTo(desired.specHash());
        }
    }

    @Test
    void withRollAdoptedAFreshStateAdoptsTheTokenOfAnEarlierStartAndSaysWhatAvoidsTheRoll() {
        HandMadeProvisioner reader = HandMadeProvisioner.zoneReader("readonly-token");
        ProvisionedToken<HandMadeProvisioner.TestToken> first = Provisioning.with(cloudflare)
                .stateStore(InMemoryStateStore.withoutValues())
                .provision(reader);
        // A service restart in a fresh container: its state knows nothing.
        try (LogCapture log = new LogCapture(ProvisioningOutput.LOGGER_NAME)) {
            ProvisionedToken<HandMadeProvisioner.TestToken> second = Provisioning.with(cloudflare)
                    .stateStore(InMemoryStateStore.withoutValues())
                    .rollAdopted(true)
                    .output(new PrintStream(printed, true, StandardCharsets.UTF_8))
                    .provision(reader);
            assertThat(second.id()).isEqualTo(first.id());
            String printedSoFar = output();
            assertThat(printedSoFar)
                    .contains("~ adopt readonly-token (unrecorded token " + first.id()
                            + " with the same name and grants)");
            assertThat(tokens(emulator)).hasSize(1);
            // No value was stored, so the adopted token was rolled: the old value is dead, the new one works.
            assertThat(emulator.requestCount(RequestKind.ROLL_TOKEN)).isEqualTo(1);
            assertThat(verifyValue(emulator, second.value()).id()).isEqualTo(first.id());
            // Said once, in the output the application chose: nothing goes to the log besides.
            assertThat(printedSoFar)
                    .contains("readonly-token: adopted token " + first.id())
                    .contains("CFTOKENS_STATE) on persistent storage or in a shared database")
                    .contains("CFTOKENS_KEY or CFTOKENS_PASSPHRASE")
                    .contains("avoids the roll");
            assertThat(log.records()).isEmpty();
        }
    }

    @Test
    void freshFileStateAdoptsAndAThirdStartChangesNothing() {
        HandMadeProvisioner reader = HandMadeProvisioner.zoneReader("readonly-token");
        ProvisionedToken<HandMadeProvisioner.TestToken> first = provisioning(FileStateStore.builder()
                        .path(dir.resolve("first").resolve("state.json"))
                        .passphrase(null)
                        .build())
                .provision(reader);
        FileStateStore second = FileStateStore.builder()
                .path(dir.resolve("second").resolve("state.json"))
                .passphrase("p".toCharArray())
                .build();
        assertThat(provisioning(second).rollAdopted(true).provision(reader).id())
                .isEqualTo(first.id());
        output();
        long written = writes(emulator);
        // Recorded, and its rolled value kept encrypted: the next start neither writes nor rolls.
        ProvisionedToken<HandMadeProvisioner.TestToken> third =
                provisioning(second).provision(reader);
        assertThat(third.id()).isEqualTo(first.id());
        assertThat(writes(emulator)).isEqualTo(written);
        assertThat(output()).contains("= unchanged readonly-token");
        assertThat(tokens(emulator)).hasSize(1);
    }

    @Test
    void withAdoptionOffAnotherStateFilesTokenIsLeftAloneAndNamed() {
        HandMadeProvisioner reader = HandMadeProvisioner.zoneReader("readonly-token");
        FileStateStore theirs = FileStateStore.builder()
                .path(dir.resolve("theirs").resolve("state.json"))
                .passphrase("theirs".toCharArray())
                .build();
        ProvisionedToken<HandMadeProvisioner.TestToken> their =
                provisioning(theirs).provision(reader);
        output();

        // A fresh checkout or container with its own state declares the same token.
        FileStateStore mine = FileStateStore.builder()
                .path(dir.resolve("mine").resolve("state.json"))
                .passphrase(null)
                .build();
        Plan plan = provisioning(mine).adoptUnrecorded(false).plan(reader);
        assertThat(plan.changes()).extracting(PlannedChange::kind).containsExactly(ChangeKind.CREATE);
        assertThat(output())
                .contains("+ create readonly-token")
                .contains("! readonly-token: an unrecorded token with the same name and grants exists: " + their.id()
                        + "; left alone, because adopting unrecorded tokens is turned off");
        ProvisionedToken<HandMadeProvisioner.TestToken> my =
                provisioning(mine).adoptUnrecorded(false).provision(reader);
        assertThat(my.id()).isNotEqualTo(their.id());
        assertThat(emulator.requestCount(RequestKind.ROLL_TOKEN)).isZero();
        // Their token and its value are untouched, and destroying mine leaves theirs.
        assertThat(verifyValue(emulator, their.value()).id()).isEqualTo(their.id());
        provisioning(mine).destroy();
        assertThat(tokens(emulator)).extracting(t -> t.id()).containsExactly(their.id());
        assertThat(verifyValue(emulator, their.value()).id()).isEqualTo(their.id());
    }

    @Test
    void pendingCreateIsOnDiskBeforeTheCreateIsSentAndGoneOnceRecorded() {
        FileStateStore store = store(null);
        // What a process killed as the create leaves would leave behind: the state's files, copied at that instant.
        Path killed = dir.resolve("killed");
        List<PendingCreate> seenBeforeCreate = new ArrayList<>();
        Cloudflare watching = Cloudflare.builder()
                .baseUrl(emulator.baseUrl())
                .accountId(emulator.accountId())
                .apiToken(emulator.adminToken())
                .okHttpClient(new okhttp3.OkHttpClient.Builder()
                        .addInterceptor(chain -> {
                            if (chain.request().method().equals("POST")) {
                                seenBeforeCreate.addAll(pendingCreatesOnDisk(store, killed));
                            }
                            return chain.proceed(chain.request());
                        })
                        .build())
                .build();
        Provisioning.with(watching)
                .stateStore(store)
                .output(ProvisioningOutput.silent())
                .apply(HandMadeProvisioner.zoneReader("new-token"));
        assertThat(seenBeforeCreate).extracting(PendingCreate::declarationId).containsExactly("new-token");
        assertThat(store.journalFile()).doesNotExist();
        try (StateSession state = store.open()) {
            assertThat(state.pendingCreates()).isEmpty();
            assertThat(state.record("new-token")).isPresent();
        }
    }

    private static List<PendingCreate> pendingCreatesOnDisk(FileStateStore store, Path copy) throws IOException {
        Files.createDirectories(copy);
        for (Path file : List.of(store.path(), store.journalFile())) {
            if (Files.exists(file)) {
                Files.copy(file, copy.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (StateSession copied = FileStateStore.builder()
                .path(copy.resolve(store.path().getFileName()))
                .key(null)
                .build()
                .open()) {
            return List.copyOf(copied.pendingCreates());
        }
    }

    @Test
    void destroyOfAnIdNotInTheStateFailsAndDestroysNothing() {
        FileStateStore store = store(null);
        provisioning(store).apply(HandMadeProvisioner.zoneReader("kept-token"));
        assertThatThrownBy(() -> provisioning(store).destroy("kept-token", "typo-token"))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageContaining("typo-token")
                .hasMessageContaining("kept-token");
        assertThat(tokens(emulator)).hasSize(1);
        // A recorded token already gone from Cloudflare is fine.
        emulator.tokens().stream()
                .filter(t -> !t.id().equals(emulator.adminTokenId()))
                .forEach(t -> cloudflare.accountTokens().delete(t.id()));
        assertThat(provisioning(store).destroy("kept-token")).containsExactly("kept-token");
    }

    @Test
    void lostCreateAnswerIsAdoptedAndRolledNotDuplicated() {
        emulator.injectFault(dev.cftokens.emulator.Fault.commitThenDrop(1)
                .on(RequestKind.CREATE_TOKEN)
                .times(1));
        HandMadeProvisioner reader = HandMadeProvisioner.zoneReader("readonly-token");
        ProvisionedToken<HandMadeProvisioner.TestToken> token =
                provisioning(store("p")).provision(reader);
        assertThat(emulator.requestCount(RequestKind.CREATE_TOKEN)).isEqualTo(1);
        assertThat(tokens(emulator)).extracting(t -> t.id()).containsExactly(token.id());
        // The create's answer (and with it the value) was lost, so the adopted token was rolled.
        assertThat(emulator.requestCount(RequestKind.ROLL_TOKEN)).isEqualTo(1);
        assertThat(output())
                .contains("the answer to its create was lost")
                .contains("adopted token " + token.id())
                .contains("rolled token " + token.id());
        assertThat(verifyValue(emulator, token.value()).id()).isEqualTo(token.id());
    }

    private Provisioning withoutAdoption(FileStateStore store) {
        return provisioning(store).adoptUnrecorded(false);
    }

    @Test
    void anotherStatesTokenWithTheSameNameAndGrantsSurvivesALostCreate() {
        HandMadeProvisioner reader = HandMadeProvisioner.zoneReader("shared");
        FileStateStore a = FileStateStore.builder()
                .path(dir.resolve("a.json"))
                .passphrase("p".toCharArray())
                .build();
        FileStateStore b = FileStateStore.builder()
                .path(dir.resolve("b.json"))
                .passphrase("p".toCharArray())
                .build();
        emulator.injectFault(dev.cftokens.emulator.Fault.commitThenDrop(1)
                .on(RequestKind.CREATE_TOKEN)
                .times(1));
        String tokenA = withoutAdoption(a).provision(reader).id();
        String tokenB = withoutAdoption(b).provision(reader).id();

        withoutAdoption(a).provision(reader);
        withoutAdoption(a).apply(reader);

        assertThat(tokens(emulator)).extracting(t -> t.id()).containsExactlyInAnyOrder(tokenA, tokenB);
    }

    @Test
    void destroyingEverythingAlsoDeletesTheTokensOfUnrecordedCreates() {
        FileStateStore store = store(null);
        provisioning(store).apply(HandMadeProvisioner.zoneReader("recorded"));
        DesiredToken sent = DesiredToken.resolve(HandMadeProvisioner.zoneReader("killed"), emulator::accountId);
        try (StateSession state = store.open()) {
            state.putPendingCreate(
                    new PendingCreate("killed", TokenOwner.ACCOUNT, sent.accountId(), sent.specHash(), Instant.now()));
        }
        String leftover = cloudflare.accountTokens().create(sent.spec()).token().id();
        output();

        List<String> destroyed = provisioning(store).destroy();

        assertThat(destroyed).containsExactly("recorded", "killed~unrecorded-" + leftover);
        assertThat(tokens(emulator)).isEmpty();
        assertThat(output()).contains("- delete killed~unrecorded-" + leftover).contains("Destroy complete: 2 deleted");
        try (StateSession state = store.open()) {
            assertThat(state.pendingCreates()).isEmpty();
            assertThat(state.records()).isEmpty();
        }
    }

    @Test
    void aPendingCreateEntitlesOnlyToATokenIssuedWhileItWasInFlight() {
        HandMadeProvisioner reader = HandMadeProvisioner.zoneReader("shared");
        FileStateStore mine = store("p");
        FileStateStore theirs = FileStateStore.builder()
                .path(dir.resolve("theirs.json"))
                .passphrase("p".toCharArray())
                .build();
        String their = withoutAdoption(theirs).provision(reader).id();
        DesiredToken sent = DesiredToken.resolve(reader, emulator::accountId);
        try (StateSession state = mine.open()) {
            // A create of an earlier run of mine, an hour later than their token, never recorded (killed before
            // the request left, say).
            state.putPendingCreate(new PendingCreate(
                    "shared",
                    TokenOwner.ACCOUNT,
                    sent.accountId(),
                    sent.specHash(),
                    Instant.now().plus(java.time.Duration.ofHours(1))));
        }

        String my = withoutAdoption(mine).provision(reader).id();

        assertThat(my).isNotEqualTo(their);
        assertThat(tokens(emulator)).extracting(t -> t.id()).containsExactlyInAnyOrder(my, their);
    }

    @Test
    void aLeftoverWhoseDeleteFailsKeepsItsDeclarationFromCreatingAndKeepsTheTrace() {
        FileStateStore store = store(null);
        HandMadeProvisioner before = HandMadeProvisioner.zoneReader("reader");
        DesiredToken sent = DesiredToken.resolve(before, emulator::accountId);
        try (StateSession state = store.open()) {
            state.putPendingCreate(
                    new PendingCreate("reader", TokenOwner.ACCOUNT, sent.accountId(), sent.specHash(), Instant.now()));
        }
        String leftover = cloudflare.accountTokens().create(sent.spec()).token().id();
        HandMadeProvisioner changed = new HandMadeProvisioner(
                HandMadeProvisioner.declaration(
                        "reader",
                        "reader",
                        TokenOwner.ACCOUNT,
                        List.of(HandMadeProvisioner.ZONE_READ, HandMadeProvisioner.DNS_WRITE),
                        RequestIpCondition.NONE,
                        null),
                Map.of());
        emulator.injectFault(dev.cftokens.emulator.Fault.serverError(500, 1).on(RequestKind.DELETE_TOKEN));

        assertThatThrownBy(() -> provisioning(store).apply(changed))
                .hasMessageContaining(
                        "reader: not created, because the unrecorded token of its earlier create could not"
                                + " be deleted");
        assertThat(tokens(emulator)).extracting(t -> t.id()).containsExactly(leftover);
        try (StateSession state = store.open()) {
            assertThat(state.pendingCreates()).extracting(p -> p.specHash()).containsExactly(sent.specHash());
        }

        emulator.clearFaults();
        provisioning(store).apply(changed);
        assertOneTokenPerDeclaration(emulator, store, List.of(changed));
    }

    @Test
    void aFailedDeleteOfAnUnrecordedTokenIsAWarningAndTriedAgainNextRun() {
        FileStateStore store = store(null);
        HandMadeProvisioner reader = HandMadeProvisioner.zoneReader("reader");
        provisioning(store).provision(reader);
        DesiredToken sent = DesiredToken.resolve(reader, emulator::accountId);
        try (StateSession state = store.open()) {
            // As if a replace had been killed after its create reached Cloudflare.
            state.putPendingCreate(
                    new PendingCreate("reader", TokenOwner.ACCOUNT, sent.accountId(), sent.specHash(), Instant.now()));
        }
        String orphan = cloudflare.accountTokens().create(sent.spec()).token().id();
        emulator.injectFault(dev.cftokens.emulator.Fault.serverError(500, 1).on(RequestKind.DELETE_TOKEN));
        output();

        ProvisionedToken<HandMadeProvisioner.TestToken> token =
                provisioning(store).provision(reader);

        assertThat(token.id()).isNotEqualTo(orphan);
        assertThat(output())
                .contains("! could not delete unrecorded token " + orphan)
                .contains("the next run tries again");
        try (StateSession state = store.open()) {
            assertThat(state.pendingCreates())
                    .extracting(p -> p.declarationId())
                    .containsExactly("reader");
        }
        emulator.clearFaults();
        provisioning(store).provision(reader);
        assertThat(tokens(emulator)).extracting(t -> t.id()).containsExactly(token.id());
        try (StateSession state = store.open()) {
            assertThat(state.pendingCreates()).isEmpty();
        }
    }

    @Test
    void theTokenOfAPendingCreateUnderAnotherOwnerIsFoundAndDeleted() {
        FileStateStore store = store(null);
        DesiredToken sent = DesiredToken.resolve(HandMadeProvisioner.zoneReader("moved"), emulator::accountId);
        try (StateSession state = store.open()) {
            state.putPendingCreate(
                    new PendingCreate("moved", TokenOwner.ACCOUNT, sent.accountId(), sent.specHash(), Instant.now()));
        }
        String orphan = cloudflare.accountTokens().create(sent.spec()).token().id();
        HandMadeProvisioner nowUserOwned = new HandMadeProvisioner(
                HandMadeProvisioner.declaration(
                        "moved",
                        "moved",
                        TokenOwner.USER,
                        List.of(HandMadeProvisioner.ZONE_READ),
                        RequestIpCondition.NONE,
                        null),
                Map.of());

        provisioning(store).provision(nowUserOwned);

        // The account's tokens were listed too, though the declaration is now the user's.
        assertThat(tokens(emulator)).extracting(t -> t.id()).doesNotContain(orphan);
        try (StateSession state = store.open()) {
            assertThat(state.pendingCreates()).isEmpty();
        }
    }

    @Test
    void rollForWantOfAPassphraseIsAWarningOfTheLoggerOutputByDefault() {
        HandMadeProvisioner reader = HandMadeProvisioner.zoneReader("rolled-token");
        FileStateStore store = store(null);
        provisioning(store).provision(reader);
        try (LogCapture log = new LogCapture(ProvisioningOutput.LOGGER_NAME)) {
            Provisioning.with(cloudflare).stateStore(store).provision(reader);
            assertThat(log.warnings())
                    .singleElement()
                    .satisfies(warning -> assertThat(warning)
                            .contains("rolled-token")
                            .contains("rolled")
                            .contains("CFTOKENS_PASSPHRASE"));
        }
    }

    @Test
    void everyLineGoesToOneChannelOnly() {
        HandMadeProvisioner reader = HandMadeProvisioner.zoneReader("once-token");
        FileStateStore store = store(null);
        provisioning(store).provision(reader);
        output();
        // Printed: nothing is logged besides, not even the warning of the roll.
        try (LogCapture log = new LogCapture(ProvisioningOutput.LOGGER_NAME)) {
            provisioning(store).provision(reader);
            assertThat(output()).containsOnlyOnce("rolled token").contains("~ roll once-token");
            assertThat(log.records()).isEmpty();
        }
        // Logged (the default): each line once, nothing printed.
        try (LogCapture log = new LogCapture(ProvisioningOutput.LOGGER_NAME)) {
            Provisioning.with(cloudflare).stateStore(store).provision(reader);
            assertThat(output()).isEmpty();
            List<String> messages = log.records().stream()
                    .map(java.util.logging.LogRecord::getMessage)
                    .collect(Collectors.toList());
            assertThat(messages)
                    .filteredOn(message -> message.contains("~ roll once-token"))
                    .hasSize(1);
            assertThat(messages)
                    .filteredOn(message -> message.contains("rolled token"))
                    .hasSize(1);
            assertThat(log.warnings()).singleElement().asString().contains("rolled token");
        }
    }

    @Test
    void expiredTokenIsWarnedAboutInThePlanAndTheLog() {
        HandMadeProvisioner expired = new HandMadeProvisioner(
                HandMadeProvisioner.declaration(
                        "readonly-token",
                        "readonly-token",
                        TokenOwner.ACCOUNT,
                        List.of(HandMadeProvisioner.ZONE_READ),
                        RequestIpCondition.NONE,
                        Instant.parse("2021-01-01T00:00:00Z")),
                Map.of());
        FileStateStore store = store("p");
        provisioning(store).apply(expired);
        output();
        try (LogCapture log = new LogCapture(ProvisioningOutput.LOGGER_NAME)) {
            ProvisionedToken<HandMadeProvisioner.TestToken> token =
                    provisioning(store).provision(expired);
            assertThat(token.status()).isEqualTo(TokenStatus.EXPIRED);
            assertThat(output())
                    .contains("= unchanged readonly-token")
                    .contains("! readonly-token expired on 2021-01-01T00:00:00Z");
            assertThat(log.records()).isEmpty();
        }
        try (LogCapture log = new LogCapture(ProvisioningOutput.LOGGER_NAME)) {
            Provisioning.with(cloudflare).stateStore(store).provision(expired);
            assertThat(log.warnings())
                    .singleElement()
                    .asString()
                    .startsWith("! readonly-token expired on 2021-01-01T00:00:00Z");
        }
    }

    @Test
    void lookUpAfterALostCreateIsNotFooledByADeleteShiftingThePages() throws Exception {
        FileStateStore store = store("p");
        provisioning(store).apply(HandMadeProvisioner.zoneReader("old-token"));
        // Fill the account to exactly one page, so the next token is the first of page two.
        int filler = 0;
        while (emulator.tokens().stream()
                        .filter(t -> t.owner() == TokenOwner.ACCOUNT)
                        .count()
                < 50) {
            cloudflare
                    .accountTokens()
                    .create(HandMadeProvisioner.zoneReader("filler-" + filler++)
                            .declaration()
                            .resolve(emulator.accountId(), Map.of()));
        }
        emulator.injectFault(dev.cftokens.emulator.Fault.commitThenDrop(1)
                .on(RequestKind.CREATE_TOKEN)
                .times(1));
        // The worst interleaving, forced: the delete of old-token lands between the look-up's first and
        // second page, moving the lost token from page two to page one. Each side waits a bounded time for
        // the other, so a run that keeps them apart only loses those seconds.
        java.util.concurrent.atomic.AtomicBoolean createSent = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CountDownLatch firstPageRead = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch deleted = new java.util.concurrent.CountDownLatch(1);
        Cloudflare interleaving = Cloudflare.builder()
                .baseUrl(emulator.baseUrl())
                .accountId(emulator.accountId())
                .apiToken(emulator.adminToken())
                .okHttpClient(new okhttp3.OkHttpClient.Builder()
                        .addInterceptor(chain -> {
                            okhttp3.Request request = chain.request();
                            String method = request.method();
                            boolean tokenList = method.equals("GET")
                                    && request.url().encodedPath().endsWith("/tokens");
                            if (method.equals("POST")) {
                                createSent.set(true);
                            }
                            if (method.equals("DELETE")) {
                                await(firstPageRead);
                                okhttp3.Response response = chain.proceed(request);
                                deleted.countDown();
                                return response;
                            }
                            okhttp3.Response response = chain.proceed(request);
                            if (tokenList
                                    && createSent.get()
                                    && "1".equals(request.url().queryParameter("page"))) {
                                firstPageRead.countDown();
                                await(deleted);
                            }
                            return response;
                        })
                        .build())
                .build();
        Provisioning.with(interleaving)
                .stateStore(store)
                .output(new PrintStream(printed, true, StandardCharsets.UTF_8))
                .apply(HandMadeProvisioner.zoneReader("new-token"));
        assertThat(output()).contains("the answer to its create was lost").contains("adopted token");
        assertThat(tokens(emulator))
                .filteredOn(t -> t.name().equals("new-token"))
                .hasSize(1);
        assertThat(tokens(emulator))
                .filteredOn(t -> t.name().equals("old-token"))
                .isEmpty();
        assertThat(emulator.requestCount(RequestKind.CREATE_TOKEN)).isEqualTo(1 + 1 + filler);
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await(3, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void ownerChangeReplacesTheTokenAndDeletesTheOldOne() {
        FileStateStore store = store(null);
        HandMadeProvisioner asAccount = HandMadeProvisioner.zoneReader("moving-token");
        ProvisionedToken<HandMadeProvisioner.TestToken> before =
                provisioning(store).provision(asAccount);
        HandMadeProvisioner asUser = new HandMadeProvisioner(
                HandMadeProvisioner.declaration(
                        "moving-token",
                        "moving-token",
                        TokenOwner.USER,
                        List.of(HandMadeProvisioner.ZONE_READ),
                        RequestIpCondition.NONE,
                        null),
                Map.of());
        output();
        ProvisionedToken<HandMadeProvisioner.TestToken> after =
                provisioning(store).provision(asUser);
        assertThat(output()).contains("-/+ replace moving-token: owner account -> user");
        assertThat(after.id()).isNotEqualTo(before.id());
        assertThat(tokens(emulator)).extracting(t -> t.id() + " " + t.owner()).containsExactly(after.id() + " USER");
        try (StateSession state = store.open()) {
            assertThat(state.records())
                    .extracting(r -> r.declarationId() + " " + r.tokenId() + " " + r.owner())
                    .containsExactly("moving-token " + after.id() + " USER");
        }
    }

    private static HandMadeProvisioner restricted(RequestIpCondition condition, Instant expiresOn) {
        return new HandMadeProvisioner(
                HandMadeProvisioner.declaration(
                        "restricted-token",
                        "restricted-token",
                        TokenOwner.ACCOUNT,
                        List.of(HandMadeProvisioner.ZONE_READ),
                        condition,
                        expiresOn),
                Map.of());
    }

    @Test
    void droppingTheIpConditionAndDateReplacesTheTokenAndSettles() {
        FileStateStore store = store("p");
        HandMadeProvisioner limited = restricted(
                new RequestIpCondition(java.util.Set.of("192.0.2.0/24"), java.util.Set.of()),
                Instant.parse("2030-01-01T00:00:00Z"));
        ProvisionedToken<HandMadeProvisioner.TestToken> before =
                provisioning(store).provision(limited);
        output();
        HandMadeProvisioner open = restricted(RequestIpCondition.NONE, null);
        long updates = emulator.requestCount(RequestKind.UPDATE_TOKEN);
        ProvisionedToken<HandMadeProvisioner.TestToken> after =
                provisioning(store).provision(open);
        assertThat(output())
                .contains("-/+ replace restricted-token (request_ip removed: a token's IP condition"
                        + " cannot be removed in place, expires_on removed:");
        assertThat(emulator.requestCount(RequestKind.UPDATE_TOKEN)).isEqualTo(updates);
        assertThat(after.id()).isNotEqualTo(before.id());
        // Exactly one token, the new one, without the condition or date; the old one is deleted.
        assertThat(tokens(emulator)).extracting(t -> t.id()).containsExactly(after.id());
        assertThat(tokens(emulator).get(0).spec().condition()).isEqualTo(RequestIpCondition.NONE);
        assertThat(tokens(emulator).get(0).spec().expiresOn()).isNull();
        assertOneTokenPerDeclaration(emulator, store, List.of(open));
        assertThat(verifyValue(emulator, after.value()).id()).isEqualTo(after.id());
        // And it stays settled: the next run writes nothing.
        long written = writes(emulator);
        assertThat(provisioning(store).plan(open).hasChanges()).isFalse();
        provisioning(store).apply(open);
        assertThat(writes(emulator)).isEqualTo(written);
    }

    @Test
    void updateThatDoesNotTakeFailsNamingTheFieldAndIsNotRecorded() {
        // A Cloudflare that answers a PUT with success but ignores its condition, as it ignores a removal.
        Cloudflare ignoringConditions = Cloudflare.builder()
                .baseUrl(emulator.baseUrl())
                .accountId(emulator.accountId())
                .apiToken(emulator.adminToken())
                .okHttpClient(new okhttp3.OkHttpClient.Builder()
                        .addInterceptor(chain -> {
                            okhttp3.Request request = chain.request();
                            if (!request.method().equals("PUT")) {
                                return chain.proceed(request);
                            }
                            okio.Buffer buffer = new okio.Buffer();
                            request.body().writeTo(buffer);
                            var body = (com.fasterxml.jackson.databind.node.ObjectNode)
                                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(buffer.readUtf8());
                            body.remove("condition");
                            return chain.proceed(request.newBuilder()
                                    .put(okhttp3.RequestBody.create(
                                            body.toString(), okhttp3.MediaType.get("application/json")))
                                    .build());
                        })
                        .build())
                .build();
        FileStateStore store = store("p");
        HandMadeProvisioner open = restricted(RequestIpCondition.NONE, null);
        Provisioning provisioning = Provisioning.with(ignoringConditions)
                .stateStore(store)
                .output(new PrintStream(printed, true, StandardCharsets.UTF_8));
        provisioning.apply(open);
        String hashBefore;
        try (StateSession state = store.open()) {
            hashBefore = state.record("restricted-token").orElseThrow().specHash();
        }
        HandMadeProvisioner limited =
                restricted(new RequestIpCondition(java.util.Set.of("192.0.2.0/24"), java.util.Set.of()), null);
        long updates = emulator.requestCount(RequestKind.UPDATE_TOKEN);
        assertThatThrownBy(() -> provisioning.apply(limited))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageContaining("restricted-token")
                .hasMessageContaining("did not apply condition");
        // One PUT, not a loop, and the state still records the previous declaration.
        assertThat(emulator.requestCount(RequestKind.UPDATE_TOKEN)).isEqualTo(updates + 1);
        try (StateSession state = store.open()) {
            assertThat(state.record("restricted-token").orElseThrow().specHash())
                    .isEqualTo(hashBefore);
        }
        assertThat(tokens(emulator)).hasSize(1);
    }
}
