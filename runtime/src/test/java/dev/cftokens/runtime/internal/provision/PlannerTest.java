package dev.cftokens.runtime.internal.provision;

import static dev.cftokens.runtime.provision.HandMadeProvisioner.ANALYTICS_READ;
import static dev.cftokens.runtime.provision.HandMadeProvisioner.ZONE_READ;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cftokens.core.model.RequestIpCondition;
import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.core.model.TokenSpec;
import dev.cftokens.core.model.TokenStatus;
import dev.cftokens.runtime.provision.AdoptionSource;
import dev.cftokens.runtime.provision.ChangeKind;
import dev.cftokens.runtime.provision.DeclarationScope;
import dev.cftokens.runtime.provision.DesiredToken;
import dev.cftokens.runtime.provision.ExistingToken;
import dev.cftokens.runtime.provision.HandMadeProvisioner;
import dev.cftokens.runtime.provision.Plan;
import dev.cftokens.runtime.provision.PlannedChange;
import dev.cftokens.runtime.provision.TokenField;
import dev.cftokens.runtime.state.PendingCreate;
import dev.cftokens.runtime.state.TokenRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerTest {
    private static final String ACCOUNT = "0123456789abcdef0123456789abcdef";
    private static final String OTHER_ACCOUNT = "fedcba9876543210fedcba9876543210";
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private static DesiredToken desired(String id) {
        return DesiredToken.resolve(HandMadeProvisioner.zoneReader(id), () -> ACCOUNT);
    }

    private static DesiredToken desired(String id, TokenOwner owner, Instant expiresOn) {
        return DesiredToken.resolve(
                new HandMadeProvisioner(
                        HandMadeProvisioner.declaration(
                                id, id, owner, List.of(ZONE_READ, ANALYTICS_READ), RequestIpCondition.NONE, expiresOn),
                        Map.of()),
                () -> ACCOUNT);
    }

    private static TokenRecord recorded(DesiredToken token, String tokenId) {
        return new TokenRecord(
                token.declarationId(),
                tokenId,
                token.owner(),
                token.accountId(),
                token.spec().name(),
                token.specHash());
    }

    private static ExistingToken listed(String tokenId, DesiredToken token) {
        return new ExistingToken(tokenId, token.spec(), TokenStatus.ACTIVE);
    }

    private static Map<TokenOwner, List<ExistingToken>> account(ExistingToken... tokens) {
        return Map.of(TokenOwner.ACCOUNT, List.of(tokens), TokenOwner.USER, List.of());
    }

    /** A plan of {@code desired} with no pending creates, adopting unrecorded tokens, judged now. */
    private static Plan planOf(
            List<DesiredToken> desired,
            Collection<TokenRecord> records,
            Map<TokenOwner, List<ExistingToken>> listed,
            boolean complete,
            String accountId) {
        return planOf(desired, records, List.of(), listed, complete, accountId, true, Instant.now());
    }

    private static Plan planOf(
            List<DesiredToken> desired,
            Collection<TokenRecord> records,
            Collection<PendingCreate> pending,
            Map<TokenOwner, List<ExistingToken>> listed,
            boolean complete,
            String accountId,
            boolean adoptUnrecorded,
            Instant now) {
        return new Planner(
                        new Observed(records, pending, new Listing(listed)),
                        new PlanContext(accountId, adoptUnrecorded, now))
                .plan(desired, complete ? DeclarationScope.COMPLETE : DeclarationScope.PARTIAL);
    }

    @Test
    void newDeclarationIsCreated() {
        Plan plan = planOf(List.of(desired("readonly-token")), List.of(), account(), true, ACCOUNT);
        assertThat(plan.changes()).extracting(PlannedChange::kind).containsExactly(ChangeKind.CREATE);
        assertThat(plan.render())
                .isEqualTo("+ create readonly-token\n"
                        + "Plan: 1 to create, 0 to update, 0 to replace, 0 to delete, 0 drifted, 0 unchanged.");
        assertThat(plan.writes()).isTrue();
    }

    @Test
    void matchingTokenIsUnchangedWhateverOrderTheApiUses() {
        DesiredToken token = desired("a", TokenOwner.ACCOUNT, null);
        // The API returns the same grants as sets built in another order.
        TokenSpec reordered = new TokenSpec(
                token.spec().name(),
                new java.util.LinkedHashSet<>(new ArrayList<>(token.spec().policies())),
                token.spec().condition(),
                null,
                null);
        ExistingToken existing = new ExistingToken("t1", reordered, TokenStatus.ACTIVE);
        Plan plan = planOf(List.of(token), List.of(recorded(token, "t1")), account(existing), true, ACCOUNT);
        assertThat(plan.changes()).extracting(PlannedChange::kind).containsExactly(ChangeKind.UNCHANGED);
        assertThat(plan.hasChanges()).isFalse();
        assertThat(plan.writes()).isFalse();
    }

    @Test
    void changedDeclarationIsAnUpdateListingTheFields() {
        DesiredToken before = desired("restricted-token", TokenOwner.ACCOUNT, null);
        DesiredToken after = DesiredToken.resolve(
                new HandMadeProvisioner(
                        HandMadeProvisioner.declaration(
                                "restricted-token",
                                "restricted-token",
                                TokenOwner.ACCOUNT,
                                List.of(ZONE_READ),
                                RequestIpCondition.NONE,
                                Instant.parse("2030-01-01T00:00:00Z")),
                        Map.of()),
                () -> ACCOUNT);
        Plan plan =
                planOf(List.of(after), List.of(recorded(before, "t1")), account(listed("t1", before)), true, ACCOUNT);
        PlannedChange change = plan.changes().get(0);
        assertThat(change.kind()).isEqualTo(ChangeKind.UPDATE);
        assertThat(change.describe()).isEqualTo("~ update restricted-token (policies, expires_on)");
        assertThat(plan.summary()).startsWith("Plan: 0 to create, 1 to update,");
    }

    private static DesiredToken restricted(RequestIpCondition condition, Instant expiresOn) {
        return DesiredToken.resolve(
                new HandMadeProvisioner(
                        HandMadeProvisioner.declaration(
                                "restricted-token",
                                "restricted-token",
                                TokenOwner.ACCOUNT,
                                List.of(ZONE_READ),
                                condition,
                                expiresOn),
                        Map.of()),
                () -> ACCOUNT);
    }

    private static final RequestIpCondition OFFICE = new RequestIpCondition(Set.of("192.0.2.0/24"), Set.of());

    @Test
    void droppingTheIpConditionIsAReplaceNotAnUpdate() {
        DesiredToken before = restricted(OFFICE, null);
        DesiredToken after = restricted(RequestIpCondition.NONE, null);
        Plan plan =
                planOf(List.of(after), List.of(recorded(before, "t1")), account(listed("t1", before)), true, ACCOUNT);
        PlannedChange change = plan.changes().get(0);
        assertThat(change.kind()).isEqualTo(ChangeKind.REPLACE);
        assertThat(change.existing().id()).isEqualTo("t1");
        assertThat(change.describe())
                .isEqualTo(
                        "-/+ replace restricted-token (request_ip removed: a token's IP condition cannot be removed in place)");
        assertThat(plan.summary()).contains("0 to update, 1 to replace");

        // Changed outside cftokens to add a condition the declaration lacks: put back by a replace too.
        Plan drift =
                planOf(List.of(after), List.of(recorded(after, "t1")), account(listed("t1", before)), true, ACCOUNT);
        assertThat(drift.changes().get(0).kind()).isEqualTo(ChangeKind.REPLACE);

        // Changing or adding a condition is still an update.
        DesiredToken other = restricted(new RequestIpCondition(Set.of("198.51.100.0/24"), Set.of()), null);
        Plan changed =
                planOf(List.of(other), List.of(recorded(before, "t1")), account(listed("t1", before)), true, ACCOUNT);
        assertThat(changed.changes().get(0).describe()).isEqualTo("~ update restricted-token (condition)");
        Plan added =
                planOf(List.of(before), List.of(recorded(after, "t1")), account(listed("t1", after)), true, ACCOUNT);
        assertThat(added.changes().get(0).kind()).isEqualTo(ChangeKind.UPDATE);
    }

    @Test
    void droppingADateIsAReplaceNotAnUpdate() {
        Instant end = Instant.parse("2030-01-01T00:00:00Z");
        DesiredToken before = restricted(RequestIpCondition.NONE, end);
        DesiredToken after = restricted(RequestIpCondition.NONE, null);
        Plan expires =
                planOf(List.of(after), List.of(recorded(before, "t1")), account(listed("t1", before)), true, ACCOUNT);
        assertThat(expires.changes().get(0).kind()).isEqualTo(ChangeKind.REPLACE);
        assertThat(expires.changes().get(0).removals()).containsExactly(TokenField.EXPIRES_ON);
        assertThat(expires.changes().get(0).describe())
                .contains("(expires_on removed: a token's expires_on cannot be removed in place)");

        TokenSpec started = new TokenSpec(
                after.spec().name(),
                after.spec().policies(),
                after.spec().condition(),
                Instant.parse("2026-01-01T00:00:00Z"),
                null);
        Plan notBefore = planOf(
                List.of(after),
                List.of(recorded(after, "t1")),
                account(new ExistingToken("t1", started, TokenStatus.ACTIVE)),
                true,
                ACCOUNT);
        assertThat(notBefore.changes().get(0).kind()).isEqualTo(ChangeKind.REPLACE);
        assertThat(notBefore.changes().get(0).describe()).contains("not_before removed");

        // Moving a date is an update.
        Plan moved = planOf(
                List.of(restricted(RequestIpCondition.NONE, end.plusSeconds(60))),
                List.of(recorded(before, "t1")),
                account(listed("t1", before)),
                true,
                ACCOUNT);
        assertThat(moved.changes().get(0).describe()).isEqualTo("~ update restricted-token (expires_on)");
    }

    @Test
    void tokenChangedOutsideIsDriftAndDisabledCountsAsDrift() {
        DesiredToken token = desired("a");
        DesiredToken other = desired("a", TokenOwner.ACCOUNT, null);
        Plan changed =
                planOf(List.of(token), List.of(recorded(token, "t1")), account(listed("t1", other)), true, ACCOUNT);
        assertThat(changed.changes().get(0).kind()).isEqualTo(ChangeKind.DRIFTED_CHANGED);
        assertThat(changed.changes().get(0).describe()).startsWith("! drifted a (policies)");

        ExistingToken disabled = new ExistingToken("t1", token.spec(), TokenStatus.DISABLED);
        Plan off = planOf(List.of(token), List.of(recorded(token, "t1")), account(disabled), true, ACCOUNT);
        assertThat(off.changes().get(0).kind()).isEqualTo(ChangeKind.DRIFTED_CHANGED);
        assertThat(off.changes().get(0).differences()).containsExactly(TokenField.STATUS);
        assertThat(off.changes().get(0).reenables()).isTrue();
    }

    @Test
    void tokenDeletedOutsideIsCreatedAgain() {
        DesiredToken token = desired("a");
        Plan plan = planOf(List.of(token), List.of(recorded(token, "t1")), account(), true, ACCOUNT);
        assertThat(plan.changes().get(0).kind()).isEqualTo(ChangeKind.DRIFTED_DELETED);
        assertThat(plan.changes().get(0).describe())
                .isEqualTo("! drifted a: token t1 was deleted outside cftokens; will be created again");
        assertThat(plan.summary()).contains("1 drifted");
    }

    /** Listed with an issue time during a pending create made at NOW. */
    private static ExistingToken issued(String tokenId, DesiredToken token) {
        return new ExistingToken(tokenId, token.spec(), TokenStatus.ACTIVE, NOW.plusSeconds(1));
    }

    private static PendingCreate pending(DesiredToken token) {
        return new PendingCreate(token.declarationId(), token.owner(), token.accountId(), token.specHash(), NOW);
    }

    private static Plan plan(
            List<DesiredToken> desired,
            List<PendingCreate> pending,
            Map<TokenOwner, List<ExistingToken>> listed,
            boolean adoptUnrecorded) {
        return planOf(desired, List.of(), pending, listed, true, ACCOUNT, adoptUnrecorded, NOW);
    }

    @Test
    void tokenOfAPendingCreateIsAdoptedNotDuplicated() {
        DesiredToken token = desired("a");
        DesiredToken differentGrants = desired("a", TokenOwner.ACCOUNT, null);
        Plan plan = plan(
                List.of(token),
                List.of(pending(token)),
                account(listed("similar", differentGrants), issued("lost", token)),
                false);
        PlannedChange change = plan.changes().get(0);
        assertThat(change.kind()).isEqualTo(ChangeKind.ADOPT);
        assertThat(change.existing().id()).isEqualTo("lost");
        assertThat(change.adoptionSource()).contains(AdoptionSource.OWN_LOST_CREATE);
        assertThat(plan.writes()).isFalse();
        assertThat(plan.summary()).contains("1 to adopt");
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void aPendingCreateEntitlesOnlyToTheTokenIssuedWhileItWasInFlight() {
        DesiredToken token = desired("a");
        ExistingToken someoneElses = new ExistingToken(
                "someone-elses", token.spec(), TokenStatus.ACTIVE, NOW.minus(java.time.Duration.ofDays(30)));

        Plan withoutAdoption = plan(List.of(token), List.of(pending(token)), account(someoneElses), false);
        assertThat(withoutAdoption.changes()).extracting(PlannedChange::kind).containsExactly(ChangeKind.CREATE);

        // With adoption on, the pending create's own token is preferred to an older one.
        Plan withAdoption =
                plan(List.of(token), List.of(pending(token)), account(someoneElses, issued("lost", token)), true);
        assertThat(withAdoption.changes().get(0).existing().id()).isEqualTo("lost");
    }

    @Test
    void ofSeveralTokensIssuedWhileAPendingCreateWasInFlightNoneIsDeleted() {
        DesiredToken gone = desired("gone");
        Plan plan = plan(
                List.of(),
                List.of(pending(gone)),
                account(
                        issued("mine", gone),
                        new ExistingToken("other-machines", gone.spec(), TokenStatus.ACTIVE, NOW.plusSeconds(240))),
                true);
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.warnings())
                .containsExactly("! gone: 2 unrecorded tokens could be the one an earlier run's"
                        + " create made (mine, other-machines); none is deleted. Delete the one nothing uses by hand.");
    }

    private static final String NOTE = ": unrecorded, with the name and grants a create of %s sent at"
            + " 2026-06-01T00:00:00Z (never recorded by its run) and issued while it ran; %s";

    @Test
    void tokenOfAPendingCreateWhoseDeclarationWasRemovedIsDeletedOnlyByAFullApply() {
        DesiredToken gone = desired("gone");
        ExistingToken orphan = issued("orphan", gone);
        // Same spec, but issued a day before or after the create, or at an unknown time: somebody else's.
        ExistingToken before =
                new ExistingToken("before", gone.spec(), TokenStatus.ACTIVE, NOW.minus(java.time.Duration.ofDays(1)));
        ExistingToken after =
                new ExistingToken("after", gone.spec(), TokenStatus.ACTIVE, NOW.plus(java.time.Duration.ofDays(1)));
        ExistingToken unknown = listed("unknown", gone);

        Plan plan = plan(List.of(), List.of(pending(gone)), account(before, orphan, after, unknown), true);

        assertThat(plan.changes())
                .extracting(PlannedChange::describe)
                .containsExactly("- delete gone~unrecorded-orphan" + String.format(NOTE, "gone", "no longer declared"));
        assertThat(plan.changes().get(0).existing()).isEqualTo(orphan);
        assertThat(planOf(List.of(), List.of(), List.of(pending(gone)), account(orphan), false, ACCOUNT, true, NOW)
                        .changes())
                .isEmpty();
    }

    @Test
    void tokenOfAPendingCreateIsDeletedWhenItsDeclarationChangedOrAlreadyHasAToken() {
        DesiredToken sent = desired("a");
        DesiredToken now = desired("a", TokenOwner.ACCOUNT, null);
        Plan changed = plan(List.of(now), List.of(pending(sent)), account(issued("orphan", sent)), true);
        assertThat(changed.changes())
                .extracting(PlannedChange::describe)
                .containsExactly(
                        "+ create a", "- delete a~unrecorded-orphan" + String.format(NOTE, "a", "not adopted"));

        // A replace killed between its create and its record: the declaration still has its old token.
        Plan replaced = planOf(
                List.of(sent),
                List.of(recorded(sent, "old")),
                List.of(pending(sent)),
                account(listed("old", sent), issued("orphan", sent)),
                true,
                ACCOUNT,
                true,
                NOW);
        assertThat(replaced.changes())
                .extracting(PlannedChange::describe)
                .containsExactly(
                        "= unchanged a", "- delete a~unrecorded-orphan" + String.format(NOTE, "a", "not adopted"));
    }

    @Test
    void withoutTheFullSetOnlyThePendingCreatesOfTheDeclarationsAtHandAreLookedAt() {
        DesiredToken a = desired("a");
        DesiredToken gone = desired("gone");
        Plan plan = planOf(
                List.of(a),
                List.of(recorded(a, "t1")),
                List.of(pending(a), pending(gone)),
                account(listed("t1", a), issued("late", a), issued("other", gone)),
                false,
                ACCOUNT,
                true,
                NOW);
        assertThat(plan.changes())
                .extracting(PlannedChange::describe)
                .containsExactly(
                        "= unchanged a", "- delete a~unrecorded-late" + String.format(NOTE, "a", "not adopted"));
    }

    @Test
    void aRenamedDeclarationAdoptsItsOldPendingTokenOrWithAdoptionOffSeesItDeletedWithoutAWarning() {
        DesiredToken old = desired("old", TokenOwner.ACCOUNT, null);
        DesiredToken renamed = DesiredToken.resolve(
                new HandMadeProvisioner(
                        HandMadeProvisioner.declaration(
                                "new",
                                "old",
                                TokenOwner.ACCOUNT,
                                List.of(ZONE_READ, ANALYTICS_READ),
                                RequestIpCondition.NONE,
                                null),
                        Map.of()),
                () -> ACCOUNT);
        assertThat(renamed.spec()).isEqualTo(old.spec());

        Plan adopting = plan(List.of(renamed), List.of(pending(old)), account(issued("t1", old)), true);
        assertThat(adopting.changes()).extracting(PlannedChange::kind).containsExactly(ChangeKind.ADOPT);

        Plan notAdopting = plan(List.of(renamed), List.of(pending(old)), account(issued("t1", old)), false);
        assertThat(notAdopting.changes())
                .extracting(PlannedChange::describe)
                .containsExactly(
                        "+ create new",
                        "- delete old~unrecorded-t1" + String.format(NOTE, "old", "no longer declared"));
        assertThat(notAdopting.warnings()).isEmpty();
    }

    @Test
    void pendingCreateOfAnotherAccountIsLeftToARunThatSeesIt() {
        DesiredToken gone = desired("gone");
        PendingCreate elsewhere = new PendingCreate("gone", TokenOwner.ACCOUNT, OTHER_ACCOUNT, gone.specHash(), NOW);
        assertThat(plan(List.of(), List.of(elsewhere), account(issued("t1", gone)), true)
                        .changes())
                .isEmpty();
    }

    @Test
    void withAdoptionOffAnUnrecordedTokenWithoutAPendingCreateIsLeftAloneWithAWarning() {
        DesiredToken token = desired("a");
        Plan plan = plan(List.of(token), List.of(), account(listed("someone-elses", token)), false);
        assertThat(plan.changes()).extracting(PlannedChange::kind).containsExactly(ChangeKind.CREATE);
        assertThat(plan.warnings())
                .containsExactly("! a: an unrecorded token with the same name and grants exists:"
                        + " someone-elses; left alone, because adopting unrecorded tokens is turned off (--no-adopt, or"
                        + " Provisioning.adoptUnrecorded(false))");
        assertThat(plan.render()).contains("+ create a\n! a: an unrecorded token");

        // A pending create of another declaration entitles nothing.
        DesiredToken other = desired("b");
        Plan otherPending =
                plan(List.of(token), List.of(pending(other)), account(listed("someone-elses", token)), false);
        assertThat(otherPending.changes()).extracting(PlannedChange::kind).containsExactly(ChangeKind.CREATE);
    }

    @Test
    void unrecordedTokenWithTheSameNameAndGrantsIsAdoptedByDefault() {
        DesiredToken token = desired("readonly-token");
        DesiredToken otherGrants = desired("readonly-token", TokenOwner.ACCOUNT, null);
        Plan plan = planOf(
                List.of(token),
                List.of(),
                account(listed("other-grants", otherGrants), listed("mine-after-all", token)),
                true,
                ACCOUNT);
        assertThat(plan.changes().get(0).kind()).isEqualTo(ChangeKind.ADOPT);
        assertThat(plan.changes().get(0).existing().id()).isEqualTo("mine-after-all");
        assertThat(plan.changes().get(0).adoptionSource()).contains(AdoptionSource.FOUND_ELSEWHERE);
        assertThat(plan.changes().get(0).describe())
                .isEqualTo("~ adopt readonly-token (unrecorded token mine-after-all with the same name and grants)");
        assertThat(plan.warnings()).isEmpty();
        assertThat(plan.writes()).isFalse();
    }

    @Test
    void ofSeveralUnrecordedMatchesTheOldestIsAdoptedAndTheOthersNamed() {
        DesiredToken token = desired("readonly-token");
        Instant day = Instant.parse("2026-05-01T00:00:00Z");
        // Listed in another order than their age, one with no issue time.
        Plan plan = planOf(
                List.of(token),
                List.of(),
                account(
                        new ExistingToken("middle", token.spec(), TokenStatus.ACTIVE, day.plusSeconds(60)),
                        new ExistingToken("unknown", token.spec(), TokenStatus.ACTIVE, null),
                        new ExistingToken("oldest", token.spec(), TokenStatus.ACTIVE, day),
                        new ExistingToken("off", token.spec(), TokenStatus.DISABLED, day.minusSeconds(60))),
                true,
                ACCOUNT);
        assertThat(plan.changes().get(0).existing().id()).isEqualTo("oldest");
        assertThat(plan.warnings())
                .containsExactly(
                        "! readonly-token: 2 unrecorded tokens with the same name and"
                                + " grants besides oldest are left alone: middle, unknown; delete them by hand if nothing uses them");
        assertThat(plan.render())
                .contains("~ adopt readonly-token (unrecorded token oldest with the same name"
                        + " and grants)\n! readonly-token: 2 unrecorded tokens");
    }

    @Test
    void expiredTokenIsUnchangedButWarnedAbout() {
        DesiredToken token = desired("readonly-token", TokenOwner.ACCOUNT, Instant.parse("2026-01-01T00:00:00Z"));
        Plan plan = planOf(
                List.of(token),
                List.of(recorded(token, "t1")),
                List.of(),
                account(new ExistingToken("t1", token.spec(), TokenStatus.EXPIRED)),
                true,
                ACCOUNT,
                false,
                NOW);
        assertThat(plan.changes().get(0).kind()).isEqualTo(ChangeKind.UNCHANGED);
        assertThat(plan.warnings())
                .containsExactly("! readonly-token expired on 2026-01-01T00:00:00Z; its value no"
                        + " longer authenticates. Declare a later expiresOn to renew it.");
        assertThat(plan.render()).contains("= unchanged readonly-token\n! readonly-token expired on");

        Plan before = planOf(
                List.of(token),
                List.of(recorded(token, "t1")),
                List.of(),
                account(listed("t1", token)),
                true,
                ACCOUNT,
                false,
                Instant.parse("2025-12-31T23:59:59Z"));
        assertThat(before.warnings()).isEmpty();
    }

    @Test
    void oneListedTokenIsAdoptedByOneDeclarationOnly() {
        DesiredToken a = desired("same");
        // Same name and grants, another logical id: two declarations cannot share one token.
        DesiredToken b = DesiredToken.resolve(
                new HandMadeProvisioner(
                        HandMadeProvisioner.declaration(
                                "same-too",
                                "same",
                                TokenOwner.ACCOUNT,
                                List.of(ZONE_READ),
                                RequestIpCondition.NONE,
                                null),
                        Map.of()),
                () -> ACCOUNT);
        Plan plan = plan(List.of(a, b), List.of(), account(listed("t1", a)), true);
        assertThat(plan.changes()).extracting(PlannedChange::kind).containsExactly(ChangeKind.ADOPT, ChangeKind.CREATE);
    }

    @Test
    void tokenRecordedForAnotherDeclarationIsNeverAdopted() {
        DesiredToken a = desired("a");
        TokenRecord owned = new TokenRecord("b", "t1", TokenOwner.ACCOUNT, ACCOUNT, "a", a.specHash());
        Plan plan = planOf(List.of(a), List.of(owned), account(listed("t1", a)), false, ACCOUNT);
        assertThat(plan.changes()).extracting(PlannedChange::kind).containsExactly(ChangeKind.CREATE);
    }

    @Test
    void ownerOrAccountChangeIsAReplace() {
        DesiredToken user = desired("a", TokenOwner.USER, null);
        DesiredToken asAccount = desired("a", TokenOwner.ACCOUNT, null);
        Plan owner = planOf(
                List.of(user), List.of(recorded(asAccount, "t1")), account(listed("t1", asAccount)), true, ACCOUNT);
        assertThat(owner.changes().get(0).kind()).isEqualTo(ChangeKind.REPLACE);
        assertThat(owner.changes().get(0).describe()).isEqualTo("-/+ replace a: owner account -> user");
        assertThat(owner.changes().get(0).existing().id()).isEqualTo("t1");

        TokenRecord elsewhere =
                new TokenRecord("a", "t1", TokenOwner.ACCOUNT, OTHER_ACCOUNT, "a", asAccount.specHash());
        Plan account = planOf(List.of(asAccount), List.of(elsewhere), account(), true, ACCOUNT);
        assertThat(account.changes().get(0).kind()).isEqualTo(ChangeKind.REPLACE);
        assertThat(account.changes().get(0).note()).contains(OTHER_ACCOUNT).contains(ACCOUNT);
    }

    @Test
    void undeclaredRecordsAreDeletedOnlyWhenAskedFor() {
        DesiredToken kept = desired("kept");
        DesiredToken old = desired("old-token");
        List<TokenRecord> records = List.of(recorded(kept, "t1"), recorded(old, "t2"));
        Map<TokenOwner, List<ExistingToken>> listing = account(listed("t1", kept), listed("t2", old));

        Plan all = planOf(List.of(kept), records, listing, true, ACCOUNT);
        assertThat(all.changes())
                .extracting(PlannedChange::describe)
                .containsExactly("= unchanged kept", "- delete old-token");

        Plan one = planOf(List.of(kept), records, listing, false, ACCOUNT);
        assertThat(one.changes()).extracting(PlannedChange::kind).containsExactly(ChangeKind.UNCHANGED);
    }

    @Test
    void unrecordedTokensAreNeverDeleted() {
        DesiredToken stranger = desired("stranger");
        Plan plan = planOf(List.of(), List.of(), account(listed("t9", stranger)), true, ACCOUNT);
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.render())
                .isEqualTo("Plan: 0 to create, 0 to update, 0 to replace, 0 to delete, 0 drifted, 0 unchanged.");
    }

    @Test
    void duplicateDeclarationIdsAreRejected() {
        assertThatThrownBy(() -> planOf(List.of(desired("a"), desired("a")), List.of(), account(), true, ACCOUNT))
                .hasMessageContaining("\"a\"")
                .hasMessageContaining("@ApiToken(id");
    }

    @Test
    void userTokensNeedNoAccount() {
        var declaration = new dev.cftokens.core.model.TokenDeclaration(
                "user-token",
                "user-token",
                TokenOwner.USER,
                List.of(new dev.cftokens.core.model.PolicyDeclaration(
                        dev.cftokens.core.model.PolicyEffect.ALLOW,
                        List.of(new dev.cftokens.core.model.PermissionGroupRef(ZONE_READ.id(), ZONE_READ.name())),
                        List.of("com.cloudflare.api.account.zone.*"),
                        "")),
                RequestIpCondition.NONE,
                null,
                null,
                List.of());
        DesiredToken token = DesiredToken.resolve(new HandMadeProvisioner(declaration, Map.of()), () -> {
            throw new AssertionError("a user token with no account key must not discover the account");
        });
        assertThat(token.accountId()).isNull();
        assertThat(token.spec().policies()).hasSize(1);
        assertThat(Set.copyOf(token.spec().policies().iterator().next().permissionGroupIds()))
                .containsExactly(ZONE_READ.id());
    }
}
