package dev.cftokens.runtime.provision;

import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.core.model.TokenStatus;
import dev.cftokens.core.rules.Timestamps;
import dev.cftokens.runtime.state.PendingCreate;
import dev.cftokens.runtime.state.SpecHash;
import dev.cftokens.runtime.state.TokenRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares desired tokens, the state, and what the API lists, and says what to do with each. Pure: it
 * makes no request and writes nothing, so every classification is testable on its own.
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
public final class Planner {
    private Planner() {}

    /**
     * @param listed every token of each owner the desired tokens and considered records use
     * @param deleteUndeclared plan deletes for recorded declarations absent from {@code desired}; only
     *     when {@code desired} is the application's full set
     * @param accountId the account this run provisions, or null when none is known
     */
    public static Plan plan(
            List<DesiredToken> desired,
            Collection<TokenRecord> records,
            Map<TokenOwner, List<ExistingToken>> listed,
            boolean deleteUndeclared,
            String accountId) {
        return plan(desired, records, List.of(), listed, deleteUndeclared, accountId, true, Instant.now());
    }

    /**
     * @param pending creates an earlier run of this state started but never recorded
     * @param adoptUnrecorded adopt an unrecorded token with a declaration's name and grants even without
     *     a pending create (the default), as a state that did not survive a restart must
     * @param now the time expiry is judged against
     * @see #plan(List, Collection, Map, boolean, String)
     */
    public static Plan plan(
            List<DesiredToken> desired,
            Collection<TokenRecord> records,
            Collection<PendingCreate> pending,
            Map<TokenOwner, List<ExistingToken>> listed,
            boolean deleteUndeclared,
            String accountId,
            boolean adoptUnrecorded,
            Instant now) {
        Map<String, PendingCreate> pendingById = new LinkedHashMap<>();
        pending.forEach(create -> pendingById.put(create.declarationId(), create));
        List<String> warnings = new ArrayList<>();
        Map<String, TokenRecord> byDeclaration = new LinkedHashMap<>();
        Set<String> claimed = new HashSet<>();
        for (TokenRecord record : records) {
            byDeclaration.put(record.declarationId(), record);
            claimed.add(record.tokenId());
        }
        Map<TokenOwner, Map<String, ExistingToken>> byId = new LinkedHashMap<>();
        listed.forEach((owner, tokens) -> {
            Map<String, ExistingToken> ids = new LinkedHashMap<>();
            tokens.forEach(token -> ids.put(token.id(), token));
            byId.put(owner, ids);
        });

        List<PlannedChange> changes = new ArrayList<>();
        Map<String, List<ExistingToken>> notAdopted = new LinkedHashMap<>();
        Set<String> declared = new HashSet<>();
        for (DesiredToken token : desired) {
            String id = token.declarationId();
            if (!declared.add(id)) {
                throw new IllegalArgumentException(
                        "two declarations have the id \"" + id + "\"; give one of them another @ApiToken(id = ...)");
            }
            Instant expiresOn = token.spec().expiresOn();
            if (expiresOn != null && !expiresOn.isAfter(now)) {
                warnings.add("! " + id + " expired on " + Timestamps.format(expiresOn)
                        + "; its value no longer authenticates. Declare a later expiresOn to renew it.");
            }
            // A pending create entitles its declaration to the token that create made: same owner and spec,
            // issued while it was in flight.
            PendingCreate own = pendingById.get(id);
            if (own != null && (own.owner() != token.owner() || !own.specHash().equals(token.specHash()))) {
                own = null;
            }
            TokenRecord record = byDeclaration.get(id);
            if (record == null) {
                changes.add(createOrAdopt(
                        ChangeKind.CREATE,
                        token,
                        null,
                        listed,
                        claimed,
                        "",
                        adoptUnrecorded,
                        own,
                        warnings,
                        notAdopted));
                continue;
            }
            if (record.owner() != token.owner() || !sameAccount(record, token)) {
                ExistingToken old = tokens(byId, record.owner()).get(record.tokenId());
                String from = record.owner() != token.owner()
                        ? "owner " + lower(record.owner()) + " -> " + lower(token.owner())
                        : "account " + record.accountId() + " -> " + token.accountId();
                changes.add(new PlannedChange(ChangeKind.REPLACE, id, token, record, old, List.of(), from));
                continue;
            }
            ExistingToken existing = tokens(byId, token.owner()).get(record.tokenId());
            if (existing == null) {
                changes.add(createOrAdopt(
                        ChangeKind.DRIFTED_DELETED,
                        token,
                        record,
                        listed,
                        claimed,
                        "token " + record.tokenId() + " was deleted outside cftokens",
                        adoptUnrecorded,
                        own,
                        warnings,
                        notAdopted));
                continue;
            }
            List<String> differences = SpecDifferences.between(existing, token.spec());
            List<String> removals = SpecDifferences.removals(existing.spec(), token.spec());
            if (!removals.isEmpty()) {
                // An update cannot take these away (the PUT body leaves out what is absent, and Cloudflare keeps
                // a token's IP condition), so only a new token without them matches the declaration.
                changes.add(new PlannedChange(ChangeKind.REPLACE, id, token, record, existing, removals, ""));
            } else if (differences.isEmpty()) {
                changes.add(new PlannedChange(ChangeKind.UNCHANGED, id, token, record, existing, List.of(), ""));
            } else if (record.specHash().equals(token.specHash())) {
                changes.add(new PlannedChange(
                        ChangeKind.DRIFTED_CHANGED,
                        id,
                        token,
                        record,
                        existing,
                        differences,
                        "changed outside cftokens; will be put back"));
            } else {
                changes.add(new PlannedChange(ChangeKind.UPDATE, id, token, record, existing, differences, ""));
            }
        }

        if (deleteUndeclared) {
            for (TokenRecord record : byDeclaration.values()) {
                if (declared.contains(record.declarationId())) {
                    continue;
                }
                if (record.owner() == TokenOwner.ACCOUNT
                        && accountId != null
                        && record.accountId() != null
                        && !record.accountId().equals(accountId)) {
                    // Another account's token cannot be deleted with this account's credentials: say so, keep it.
                    changes.add(new PlannedChange(
                            ChangeKind.UNCHANGED,
                            record.declarationId(),
                            null,
                            record,
                            null,
                            List.of(),
                            "no longer declared, but recorded in account " + record.accountId() + ", not " + accountId
                                    + "; left alone"));
                    continue;
                }
                ExistingToken existing = tokens(byId, record.owner()).get(record.tokenId());
                changes.add(new PlannedChange(
                        ChangeKind.DELETE,
                        record.declarationId(),
                        null,
                        record,
                        existing,
                        List.of(),
                        existing == null ? "already gone from Cloudflare" : ""));
            }
        }
        Map<String, DesiredToken> desiredById = new LinkedHashMap<>();
        desired.forEach(token -> desiredById.put(token.declarationId(), token));
        // Each listed token's hash once, however many pending creates are matched against it.
        Map<ExistingToken, String> hashes = new java.util.IdentityHashMap<>();
        Function<ExistingToken, String> hashOf = token -> hashes.computeIfAbsent(token, t -> SpecHash.of(t.spec()));
        for (PendingCreate create : pending) {
            DesiredToken wanted = desiredById.get(create.declarationId());
            // Adopted by its declaration in the loop above, if it is still wanted as it was sent, by the same
            // owner, and the declaration has no token of its own yet. Without the full set of declarations, only the
            // pending creates of the declarations at hand are this run's business.
            boolean adoptable = wanted != null
                    && wanted.owner() == create.owner()
                    && wanted.specHash().equals(create.specHash())
                    && !byDeclaration.containsKey(create.declarationId());
            if (!adoptable && (wanted != null || deleteUndeclared)) {
                changes.addAll(orphansOf(create, wanted, listed, claimed, accountId, hashOf, warnings));
            }
        }
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
        return new Plan(changes, warnings);
    }

    /**
     * How far a token's issue time (Cloudflare's clock) may be from this machine's clock when it is matched
     * with a pending create.
     */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /**
     * How long after a pending create's time its token can have been issued: the create loop's attempts
     * ({@link PlanExecutor#CREATE_ATTEMPTS}, each within the client's two-minute retry budget) and the
     * pauses between them. A token with the same spec issued later is somebody else's.
     */
    static final Duration CREATE_IN_FLIGHT = Duration.ofMinutes(10);

    /**
     * Deletes for the tokens a create of an earlier run made without recording them, when no declaration
     * will adopt that token: its declaration was removed, changed since, or has a token of its own (a
     * replace killed between its create and its record). Left alone, such a token would live on in
     * Cloudflare with nobody knowing of it. Only unclaimed tokens with exactly the spec that create sent,
     * issued while it can have been in flight, qualify.
     */
    private static List<PlannedChange> orphansOf(
            PendingCreate create,
            DesiredToken wanted,
            Map<TokenOwner, List<ExistingToken>> listed,
            Set<String> claimed,
            String accountId,
            Function<ExistingToken, String> hashOf,
            List<String> warnings) {
        if (!sees(create, listed.keySet(), accountId)) {
            return List.of();
        }
        List<ExistingToken> candidates = listed.get(create.owner()).stream()
                .filter(token -> !claimed.contains(token.id())
                        && inFlightOf(create, token)
                        && hashOf.apply(token).equals(create.specHash()))
                .collect(Collectors.toList());
        if (candidates.size() > 1) {
            // One create makes one token: which of these it made cannot be told, and the others are somebody
            // else's (another state file, another machine). None is deleted.
            warnings.add("! " + create.declarationId() + ": " + candidates.size()
                    + " unrecorded tokens could be the one"
                    + " an earlier run's create made (" + ids(candidates) + "); none is deleted. Delete the one nothing"
                    + " uses by hand.");
            return List.of();
        }
        List<PlannedChange> deletes = new ArrayList<>();
        for (ExistingToken token : candidates) {
            claimed.add(token.id());
            TokenRecord orphan = new TokenRecord(
                    create.declarationId() + ORPHAN_MARK + token.id(),
                    token.id(),
                    create.owner(),
                    create.accountId(),
                    token.spec().name(),
                    create.specHash());
            deletes.add(new PlannedChange(
                    ChangeKind.DELETE,
                    orphan.declarationId(),
                    null,
                    orphan,
                    token,
                    List.of(),
                    "unrecorded, with the name and grants a create of " + create.declarationId() + " sent at "
                            + Timestamps.format(create.since())
                            + " (never recorded by its run) and issued while it ran; "
                            + (wanted == null ? "no longer declared" : "not adopted")));
        }
        return deletes;
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

    /** Marks the id of a delete planned for a pending create's unrecorded token; never part of a declaration id. */
    static final String ORPHAN_MARK = "~unrecorded-";

    private static PlannedChange createOrAdopt(
            ChangeKind kind,
            DesiredToken token,
            TokenRecord record,
            Map<TokenOwner, List<ExistingToken>> listed,
            Set<String> claimed,
            String note,
            boolean adoptUnrecorded,
            PendingCreate own,
            List<String> warnings,
            Map<String, List<ExistingToken>> notAdopted) {
        // The listing is of this owner and these credentials' account, so a match has the owner and account.
        List<ExistingToken> matches = listed.getOrDefault(token.owner(), List.of()).stream()
                .filter(candidate -> !claimed.contains(candidate.id())
                        && candidate.spec().equals(token.spec())
                        && candidate.status() != TokenStatus.DISABLED)
                .sorted(OLDEST_FIRST)
                .collect(Collectors.toList());
        // The token of the declaration's own pending create first; any other only when adoption is on.
        List<ExistingToken> adoptable = new ArrayList<>();
        matches.stream()
                .filter(candidate -> own != null && inFlightOf(own, candidate))
                .forEach(adoptable::add);
        if (adoptUnrecorded) {
            matches.stream().filter(candidate -> !adoptable.contains(candidate)).forEach(adoptable::add);
        }
        if (!matches.isEmpty() && adoptable.isEmpty()) {
            // Warned about once the plan is complete, leaving out any it deletes as a pending create's token.
            notAdopted.put(token.declarationId(), matches);
        } else if (!matches.isEmpty()) {
            ExistingToken adopted = adoptable.get(0);
            claimed.add(adopted.id());
            List<ExistingToken> others =
                    matches.stream().filter(candidate -> candidate != adopted).collect(Collectors.toList());
            if (!others.isEmpty()) {
                warnings.add("! " + token.declarationId() + ": " + unrecorded(others) + " with the same name and"
                        + " grants besides " + adopted.id() + " " + (others.size() == 1 ? "is" : "are")
                        + " left alone: " + ids(others) + "; delete " + (others.size() == 1 ? "it" : "them")
                        + " by hand if nothing uses " + (others.size() == 1 ? "it" : "them"));
            }
            String adoption = "unrecorded token " + adopted.id() + " with the same name and grants";
            return new PlannedChange(
                    ChangeKind.ADOPT, token.declarationId(), token, record, adopted, List.of(adoption), note);
        }
        return new PlannedChange(
                kind,
                token.declarationId(),
                token,
                record,
                null,
                List.of(),
                kind == ChangeKind.DRIFTED_DELETED ? note + "; will be created again" : note);
    }

    /** Oldest by issue time first; tokens whose time is unknown after, in listing order. */
    private static final Comparator<ExistingToken> OLDEST_FIRST =
            Comparator.comparing(ExistingToken::issuedOn, Comparator.nullsLast(Comparator.naturalOrder()));

    private static String unrecorded(List<ExistingToken> tokens) {
        return tokens.size() == 1 ? "an unrecorded token" : tokens.size() + " unrecorded tokens";
    }

    private static String ids(List<ExistingToken> tokens) {
        return tokens.stream().map(ExistingToken::id).collect(Collectors.joining(", "));
    }

    private static Map<String, ExistingToken> tokens(
            Map<TokenOwner, Map<String, ExistingToken>> byId, TokenOwner owner) {
        Map<String, ExistingToken> tokens = byId.get(owner);
        if (tokens == null) {
            throw new IllegalStateException("the " + lower(owner) + " tokens were not listed");
        }
        return tokens;
    }

    private static boolean sameAccount(TokenRecord record, DesiredToken token) {
        // A user token's account only matters when its keys name one; the owner check covers the rest.
        return token.accountId() == null
                || record.accountId() == null
                || Objects.equals(record.accountId(), token.accountId());
    }

    private static String lower(TokenOwner owner) {
        return owner.name().toLowerCase(java.util.Locale.ROOT);
    }
}
