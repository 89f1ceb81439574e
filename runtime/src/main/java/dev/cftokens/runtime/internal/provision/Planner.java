package dev.cftokens.runtime.internal.provision;

import dev.cftokens.core.model.RotationPolicy;
import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.core.model.TokenSpec;
import dev.cftokens.core.rules.RotationRules;
import dev.cftokens.core.rules.Timestamps;
import dev.cftokens.runtime.provision.AdoptionSource;
import dev.cftokens.runtime.provision.ChangeKind;
import dev.cftokens.runtime.provision.DeclarationScope;
import dev.cftokens.runtime.provision.DesiredToken;
import dev.cftokens.runtime.provision.ExistingToken;
import dev.cftokens.runtime.provision.Leftover;
import dev.cftokens.runtime.provision.Plan;
import dev.cftokens.runtime.provision.PlannedChange;
import dev.cftokens.runtime.provision.TokenField;
import dev.cftokens.runtime.state.PendingCreate;
import dev.cftokens.runtime.state.PreviousGeneration;
import dev.cftokens.runtime.state.TokenRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares desired tokens, the state, and what the API lists, and says what to do with each. Pure: it
 * makes no request and writes nothing, so every classification is testable on its own. One planner
 * makes one plan: it owns that plan's indexes, the tokens already claimed, and the warnings.
 *
 * <p>The state says which token belongs to which declaration; the listing says what that token looks
 * like now; the recorded spec hash tells a changed declaration (update) from a token changed outside
 * cftokens (drift).
 *
 * <p>A declaration that drops a request-IP condition or a date its token has is a replace, not an
 * update: an update cannot remove either, and would leave the token as it was, drifting at every run.
 *
 * <p>A declaration with no recorded token adopts an unrecorded token with exactly its owner, account,
 * name and grants (the oldest, when several match; the others are named in a warning and left alone).
 * That is what a service provisioning at every start in a fresh container, or a CI runner with
 * ephemeral state, needs: creating a new token instead would leave one more live token at every start.
 * With adoption turned off, only the token of a pending create (one an earlier run of this state made
 * but was killed, or lost the answer, before recording) is adopted; any other match is named in a
 * warning and left alone, and a new token is created.
 *
 * <p>It also deletes what a pending create of a killed run made when no declaration will adopt it (the
 * declaration was removed or changed since, or got its token another way), so a killed run leaves no
 * token behind. A run without the full set of declarations only does so for the declarations it has.
 */
final class Planner {
    /**
     * How far a token's issue time (Cloudflare's clock) may be from this machine's clock when it is matched
     * with a pending create.
     */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /**
     * How long after a pending create's time its token can have been issued: the create loop's attempts
     * ({@link TokenWrites#CREATE_ATTEMPTS}, each within the client's two-minute retry budget) and the
     * pauses between them. A token with the same spec issued later is somebody else's.
     */
    static final Duration CREATE_IN_FLIGHT = Duration.ofMinutes(10);

    /** Oldest by issue time first; tokens whose time is unknown after, in listing order. */
    private static final Comparator<ExistingToken> OLDEST_FIRST =
            Comparator.comparing(ExistingToken::issuedOn, Comparator.nullsLast(Comparator.naturalOrder()));

    private final Observed observed;
    private final PlanContext context;
    private final Map<String, TokenRecord> recordsByDeclaration = new LinkedHashMap<>();
    private final Map<String, PendingCreate> pendingByDeclaration = new LinkedHashMap<>();
    private final Map<String, DesiredToken> desiredByDeclaration = new LinkedHashMap<>();
    /** Tokens some change of this plan already acts on, which no other change may take. */
    private final Set<String> claimed = new HashSet<>();
    /** Each listed token's hash once, however many pending creates are matched against it. */
    private final Map<ExistingToken, String> hashes = new IdentityHashMap<>();
    /** Declarations that will not adopt matching unrecorded tokens, for a warning once the plan is complete. */
    private final Map<String, List<ExistingToken>> notAdopted = new LinkedHashMap<>();

    private final List<PlannedChange> changes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private boolean used;

    Planner(Observed observed, PlanContext context) {
        this.observed = observed;
        this.context = context;
        observed.pending().forEach(create -> pendingByDeclaration.put(create.declarationId(), create));
        for (TokenRecord record : observed.records()) {
            recordsByDeclaration.put(record.declarationId(), record);
            claimed.add(record.tokenId());
            // A previous generation is its declaration's until it is deleted: never adopted as anyone's current.
            record.previousGeneration().ifPresent(previous -> claimed.add(previous.tokenId()));
        }
    }

    /**
     * The plan for {@code desired}: a change per declaration, then (for the complete set) a delete per
     * recorded declaration no longer declared, then the deletes of leftovers of earlier runs' creates.
     *
     * @throws IllegalArgumentException when two declarations share an id
     */
    Plan plan(List<DesiredToken> desired, DeclarationScope scope) {
        if (used) {
            throw new IllegalStateException("a planner makes one plan; make another for the next");
        }
        used = true;
        planDeclared(desired);
        if (scope == DeclarationScope.COMPLETE) {
            planUndeclared();
        }
        planLeftovers(scope);
        warnAboutUnadopted();
        return new Plan(changes, warnings);
    }

    /** Step one: what each declaration needs. */
    private void planDeclared(List<DesiredToken> desired) {
        for (DesiredToken token : desired) {
            String id = token.declarationId();
            if (desiredByDeclaration.putIfAbsent(id, token) != null) {
                throw new IllegalArgumentException(
                        "two declarations have the id \"" + id + "\"; give one of them another @ApiToken(id = ...)");
            }
            Instant expiresOn = token.spec().expiresOn();
            if (expiresOn != null && !expiresOn.isAfter(context.now())) {
                warnings.add("! " + id + " expired on " + Timestamps.format(expiresOn)
                        + "; its value no longer authenticates. Declare a later expiresOn to renew it.");
            }
            changes.add(planFor(token));
        }
    }

    private PlannedChange planFor(DesiredToken token) {
        TokenRecord record = recordsByDeclaration.get(token.declarationId());
        if (record == null) {
            return createOrAdopt(ChangeKind.CREATE, token, null);
        }
        if (record.owner() != token.owner() || !sameAccount(record, token)) {
            String from = record.owner() != token.owner()
                    ? "owner " + lower(record.owner()) + " -> " + lower(token.owner())
                    : "account " + record.accountId() + " -> " + token.accountId();
            ExistingToken old = observed.listing().find(record.owner(), record.tokenId());
            return change(ChangeKind.REPLACE, token, record, old).note(from).build();
        }
        ExistingToken existing = observed.listing().find(token.owner(), record.tokenId());
        if (existing == null) {
            return createOrAdopt(ChangeKind.DRIFTED_DELETED, token, record);
        }
        return compare(token, record, existing);
    }

    /** A declaration whose recorded token is listed: unchanged, updated, repaired or replaced. */
    private PlannedChange compare(DesiredToken token, TokenRecord record, ExistingToken existing) {
        ExistingToken declared = new ExistingToken(
                existing.id(), token.asDeclared(existing.spec()), existing.status(), existing.issuedOn());
        Set<TokenField> differences = SpecDifferences.between(declared, token.spec());
        Set<TokenField> removals = SpecDifferences.removals(declared.spec(), token.spec());
        if (!removals.isEmpty()) {
            // An update cannot take these away (the PUT body leaves out what is absent, and Cloudflare keeps
            // a token's IP condition), so only a new token without them matches the declaration.
            return change(ChangeKind.REPLACE, token, record, existing)
                    .removals(removals)
                    .build();
        }
        Optional<PlannedChange> rotation = rotation(token, record, existing);
        if (rotation.isPresent()) {
            // The successor is created with the declared spec, which takes any update along.
            return rotation.get();
        }
        if (differences.isEmpty()) {
            return retirement(token, record, existing)
                    .orElseGet(() -> change(ChangeKind.UNCHANGED, token, record, existing)
                            .build());
        }
        if (record.specHash().equals(token.specHash())) {
            return change(ChangeKind.DRIFTED_CHANGED, token, record, existing)
                    .differences(differences)
                    .note("changed outside cftokens; will be put back")
                    .build();
        }
        return change(ChangeKind.UPDATE, token, record, existing)
                .differences(differences)
                .build();
    }

    /**
     * The rotation of a rotating declaration's token whose generation is due, or that was asked for: its
     * successor is created before anything happens to it.
     */
    private Optional<PlannedChange> rotation(DesiredToken token, TokenRecord record, ExistingToken existing) {
        if (token.rotation().isEmpty()) {
            return Optional.empty();
        }
        RotationPolicy policy = token.rotation().get();
        String id = token.declarationId();
        boolean asked = context.rotations().forces(id);
        boolean revoking = asked && context.rotations().revokePrevious();
        boolean expired = Generations.expired(policy, record, existing, context.now());
        if (!asked && !Generations.due(policy, record, existing, context.now())) {
            return Optional.empty();
        }
        if (!asked && !expired && !context.upkeep()) {
            // A start serves the valid current generation; the rotation is upkeep, done by the refresh or cron.
            return Optional.empty();
        }
        PreviousGeneration previous = record.previous();
        List<String> holders = observed.previousHeldBy().getOrDefault(id, List.of());
        if (previous != null
                && !revoking
                && !previous.revoked()
                && !expired
                && (!previous.retiringAt(context.now()) || !holders.isEmpty())) {
            // A successor now would delete the previous generation under whoever still uses it.
            warnings.add("! " + id + ": " + (asked ? "rotation asked for" : "rotation due") + ", but the previous"
                    + " generation " + previous.tokenId() + " is "
                    + (holders.isEmpty()
                            ? "in its overlap until " + Timestamps.format(previous.retireAt())
                            : "still held by " + String.join(", ", holders))
                    + "; it rotates once that one is retired (rotate --now --revoke-previous " + id
                    + " rotates at once, deleting both)");
            return Optional.empty();
        }
        PlannedChange.Builder rotation = change(ChangeKind.ROTATE, token, record, existing);
        String why = asked
                ? "asked for"
                : Generations.issued(record, existing)
                        .map(issued -> "generation " + record.tokenId() + " issued " + Timestamps.format(issued)
                                + ", due " + Timestamps.format(policy.dueAt(issued)))
                        .orElse("generation " + record.tokenId() + " has no known issue time");
        if (previous != null) {
            // Successor first never makes a third live token: the one still recorded as previous goes first.
            why += "; previous generation " + previous.tokenId() + " is deleted first";
        }
        if (asked && context.rotations().revokePrevious()) {
            rotation.revoking();
            why += "; " + record.tokenId() + " is revoked once its successor is recorded";
        } else {
            why += "; " + record.tokenId() + " stays valid for " + RotationRules.format(policy.overlap());
        }
        return Optional.of(rotation.note(why).build());
    }

    /**
     * The delete of a rotated token's previous generation once its overlap has ended and no live handle
     * holds it any more, or once it has been retiring for a whole period whoever holds it; until then the
     * token is kept, saying who holds the previous generation.
     */
    private Optional<PlannedChange> retirement(DesiredToken token, TokenRecord record, ExistingToken existing) {
        if (!context.upkeep()) {
            return Optional.empty(); // a start never deletes; the refresh or the next apply does
        }
        Optional<PreviousGeneration> retiring =
                record.previousGeneration().filter(previous -> previous.retiringAt(context.now()));
        if (retiring.isEmpty()) {
            return Optional.empty();
        }
        PreviousGeneration previous = retiring.get();
        List<String> holders = observed.previousHeldBy().getOrDefault(token.declarationId(), List.of());
        Instant latest = Generations.latestRetire(previous, token.rotation());
        String ended = "previous generation " + previous.tokenId()
                + (previous.revoked() ? ", revoked " : ", overlap ended ") + Timestamps.format(previous.retireAt());
        if (!Generations.retirable(previous, holders, context.now(), token.rotation())) {
            return Optional.of(change(ChangeKind.UNCHANGED, token, record, existing)
                    .note(ended + ", still held by " + String.join(", ", holders) + "; deleted once "
                            + (holders.size() == 1 ? "it moves" : "they move") + ", by "
                            + Timestamps.format(latest) + " at the latest")
                    .build());
        }
        return Optional.of(change(ChangeKind.RETIRE, token, record, existing)
                .note(ended
                        + (holders.isEmpty()
                                ? ""
                                : "; still held by " + String.join(", ", holders)
                                        + (previous.revoked()
                                                ? ", but revoked"
                                                : ", but retiring since a whole period")))
                .build());
    }

    /**
     * A declaration without a token (none recorded, or the recorded one deleted outside cftokens): adopts
     * the matching unrecorded token its own pending create made, or, with adoption on, any matching
     * unrecorded token; else creates one.
     */
    private PlannedChange createOrAdopt(ChangeKind kind, DesiredToken token, TokenRecord record) {
        String note = record == null ? "" : "token " + record.tokenId() + " was deleted outside cftokens";
        // The listing is of this owner and these credentials' account, so a match has the owner and account.
        List<ExistingToken> matches = observed.listing().tokens(token.owner()).stream()
                .filter(candidate -> !claimed.contains(candidate.id())
                        && UnrecordedTokens.couldServe(token, candidate.spec(), candidate.status()))
                .sorted(OLDEST_FIRST)
                .collect(Collectors.toList());
        List<ExistingToken> ownCreates = ownCreates(token, matches);
        List<ExistingToken> adoptable = new ArrayList<>(ownCreates);
        if (context.adoptUnrecorded()) {
            matches.stream()
                    .filter(candidate -> !ownCreates.contains(candidate))
                    .forEach(adoptable::add);
        }
        if (adoptable.isEmpty()) {
            if (!matches.isEmpty()) {
                notAdopted.put(token.declarationId(), matches);
            }
            String created = kind == ChangeKind.DRIFTED_DELETED ? note + "; will be created again" : note;
            return change(kind, token, record, null).note(created).build();
        }
        ExistingToken adopted = adoptable.get(0);
        claimed.add(adopted.id());
        warnAboutOthers(token, adopted, matches);
        return change(ChangeKind.ADOPT, token, record, adopted)
                .adoptionSource(
                        ownCreates.contains(adopted) ? AdoptionSource.OWN_LOST_CREATE : AdoptionSource.FOUND_ELSEWHERE)
                .note(note)
                .build();
    }

    /** The matches the declaration's own pending create can have made. */
    private List<ExistingToken> ownCreates(DesiredToken token, List<ExistingToken> matches) {
        PendingCreate pending = pendingByDeclaration.get(token.declarationId());
        if (pending == null || !UnrecordedTokens.isOwnCreate(pending, token)) {
            return List.of();
        }
        return matches.stream()
                .filter(candidate -> inFlightOf(pending, candidate))
                .collect(Collectors.toList());
    }

    private void warnAboutOthers(DesiredToken token, ExistingToken adopted, List<ExistingToken> matches) {
        List<ExistingToken> others =
                matches.stream().filter(candidate -> candidate != adopted).collect(Collectors.toList());
        if (others.isEmpty()) {
            return;
        }
        boolean one = others.size() == 1;
        warnings.add("! " + token.declarationId() + ": " + unrecorded(others) + " with the same name and"
                + " grants besides " + adopted.id() + " " + (one ? "is" : "are") + " left alone: " + ids(others)
                + "; delete " + (one ? "it" : "them") + " by hand if nothing uses " + (one ? "it" : "them"));
    }

    /** Step two, for the complete set only: deletes for recorded declarations no longer declared. */
    private void planUndeclared() {
        for (TokenRecord record : recordsByDeclaration.values()) {
            if (!desiredByDeclaration.containsKey(record.declarationId())) {
                changes.add(planUndeclared(record));
            }
        }
    }

    private PlannedChange planUndeclared(TokenRecord record) {
        String accountId = context.accountId();
        if (record.owner() == TokenOwner.ACCOUNT
                && accountId != null
                && record.accountId() != null
                && !record.accountId().equals(accountId)) {
            // Another account's token cannot be deleted with this account's credentials: say so, keep it.
            return PlannedChange.builder(ChangeKind.UNCHANGED)
                    .recorded(record)
                    .note("no longer declared, but recorded in account " + record.accountId() + ", not " + accountId
                            + "; left alone")
                    .build();
        }
        ExistingToken existing = observed.listing().find(record.owner(), record.tokenId());
        return PlannedChange.builder(ChangeKind.DELETE)
                .recorded(record)
                .existing(existing)
                .note(existing == null ? "already gone from Cloudflare" : "")
                .build();
    }

    /**
     * Step three: deletes for the tokens earlier runs' creates made without recording them, when no
     * declaration will adopt them. Without the full set of declarations, only the pending creates of the
     * declarations at hand are this run's business.
     */
    private void planLeftovers(DeclarationScope scope) {
        for (PendingCreate create : observed.pending()) {
            DesiredToken wanted = desiredByDeclaration.get(create.declarationId());
            // Adopted by its declaration in step one if it is still wanted as it was sent, by the same owner,
            // and the declaration has no token of its own yet.
            boolean adoptable = wanted != null
                    && UnrecordedTokens.isOwnCreate(create, wanted)
                    && !recordsByDeclaration.containsKey(create.declarationId());
            if (!adoptable && (wanted != null || scope == DeclarationScope.COMPLETE)) {
                leftoverOf(create, wanted);
            }
        }
    }

    /**
     * Plans the delete of the token {@code create} made, when exactly one unclaimed token has the spec it
     * sent and was issued while it can have been in flight. Left alone, such a token would live on in
     * Cloudflare with nobody knowing of it.
     */
    private void leftoverOf(PendingCreate create, DesiredToken wanted) {
        if (!sees(create, observed.listing().owners(), context.accountId())) {
            return;
        }
        List<ExistingToken> candidates = observed.listing().tokens(create.owner()).stream()
                .filter(token -> !claimed.contains(token.id()) && inFlightOf(create, token) && sent(create, token))
                .collect(Collectors.toList());
        if (candidates.size() > 1) {
            // One create makes one token: which of these it made cannot be told, and the others are somebody
            // else's (another state file, another machine). None is deleted.
            warnings.add("! " + create.declarationId() + ": " + candidates.size()
                    + " unrecorded tokens could be the one an earlier run's create made (" + ids(candidates)
                    + "); none is deleted. Delete the one nothing uses by hand.");
            return;
        }
        for (ExistingToken token : candidates) {
            claimed.add(token.id());
            changes.add(PlannedChange.builder(ChangeKind.DELETE)
                    .leftover(new Leftover(create.declarationId(), token.id(), create.owner()))
                    .existing(token)
                    .note("unrecorded, with the name and grants a create of " + create.declarationId() + " sent at "
                            + Timestamps.format(create.since())
                            + " (never recorded by its run) and issued while it ran; "
                            + (wanted == null ? "no longer declared" : "not adopted"))
                    .build());
        }
    }

    /**
     * Whether {@code token} has the spec {@code create} sent: its hash, or the hash of its spec without an
     * expiry, since a rotating declaration's create notes the declared spec and sends it with the
     * generation's own expiry. The second holds whatever the declaration is now (changed, no longer
     * rotating, or gone), so a killed rotation's successor is found however the declaration changed since.
     */
    private boolean sent(PendingCreate create, ExistingToken token) {
        if (hashOf(token).equals(create.specHash())) {
            return true;
        }
        TokenSpec listed = token.spec();
        return listed.expiresOn() != null
                && DesiredToken.hashOf(new TokenSpec(
                                listed.name(), listed.policies(), listed.condition(), listed.notBefore(), null))
                        .equals(create.specHash());
    }

    private String hashOf(ExistingToken token) {
        return hashes.computeIfAbsent(token, t -> DesiredToken.hashOf(t.spec()));
    }

    /** Last: names the unrecorded tokens left alone because adoption is off, except any this plan deletes. */
    private void warnAboutUnadopted() {
        Set<String> deleted = new HashSet<>();
        changes.stream()
                .filter(change -> change.kind() == ChangeKind.DELETE && change.existing() != null)
                .forEach(change -> deleted.add(change.existing().id()));
        notAdopted.forEach((id, matches) -> {
            List<ExistingToken> leftAlone = matches.stream()
                    .filter(token -> !deleted.contains(token.id()))
                    .collect(Collectors.toList());
            if (!leftAlone.isEmpty()) {
                warnings.add("! " + id + ": " + unrecorded(leftAlone) + " with the same name and grants exists: "
                        + ids(leftAlone) + "; left alone, because adopting unrecorded tokens is turned off"
                        + " (--no-adopt, or Provisioning.adoptUnrecorded(false))");
            }
        });
    }

    /**
     * Whether a run that listed the tokens of {@code listedOwners} in {@code accountId} (null when none is
     * known) sees where {@code create}'s token would be. A create it cannot see (another account's, or an
     * owner it did not list) is left to a run that does.
     */
    static boolean sees(PendingCreate create, Set<TokenOwner> listedOwners, String accountId) {
        return listedOwners.contains(create.owner())
                && (create.owner() == TokenOwner.USER
                        || create.accountId() == null
                        || accountId == null
                        || create.accountId().equals(accountId));
    }

    /**
     * Whether {@code token} was issued while {@code create} can have been in flight: a token of another
     * state file or a person with the same name and grants issued at another time is never taken for it.
     */
    static boolean inFlightOf(PendingCreate create, ExistingToken token) {
        Instant issued = token.issuedOn();
        return issued != null
                && !issued.isBefore(create.since().minus(CLOCK_SKEW))
                && !issued.isAfter(create.since().plus(CREATE_IN_FLIGHT).plus(CLOCK_SKEW));
    }

    private static PlannedChange.Builder change(
            ChangeKind kind, DesiredToken token, TokenRecord record, ExistingToken existing) {
        return PlannedChange.builder(kind).desired(token).recorded(record).existing(existing);
    }

    private static String unrecorded(List<ExistingToken> tokens) {
        return tokens.size() == 1 ? "an unrecorded token" : tokens.size() + " unrecorded tokens";
    }

    private static String ids(List<ExistingToken> tokens) {
        return tokens.stream().map(ExistingToken::id).collect(Collectors.joining(", "));
    }

    private static boolean sameAccount(TokenRecord record, DesiredToken token) {
        // A user token's account only matters when its keys name one; the owner check covers the rest.
        return token.accountId() == null
                || record.accountId() == null
                || Objects.equals(record.accountId(), token.accountId());
    }

    private static String lower(TokenOwner owner) {
        return owner.name().toLowerCase(Locale.ROOT);
    }
}
