package dev.cftokens.runtime.internal.provision;

import dev.cftokens.core.model.TokenSpec;
import dev.cftokens.core.model.TokenStatus;
import dev.cftokens.core.rules.Timestamps;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.CloudflareApiException;
import dev.cftokens.runtime.CloudflareOutcomeUnknownException;
import dev.cftokens.runtime.CreatedToken;
import dev.cftokens.runtime.Secret;
import dev.cftokens.runtime.Token;
import dev.cftokens.runtime.TokenApi;
import dev.cftokens.runtime.provision.AppliedChange;
import dev.cftokens.runtime.provision.ChangeKind;
import dev.cftokens.runtime.provision.DesiredToken;
import dev.cftokens.runtime.provision.ExistingToken;
import dev.cftokens.runtime.provision.Leftover;
import dev.cftokens.runtime.provision.PlannedChange;
import dev.cftokens.runtime.provision.ProvisioningException;
import dev.cftokens.runtime.provision.ProvisioningOutput;
import dev.cftokens.runtime.provision.TokenField;
import dev.cftokens.runtime.state.PendingCreate;
import dev.cftokens.runtime.state.PreviousGeneration;
import dev.cftokens.runtime.state.StateSession;
import dev.cftokens.runtime.state.TokenRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Carries out one planned change at a time, from any thread: the requests it takes, and the state
 * writes that record each token the moment it exists. A create whose answer was lost is looked up by
 * name and grants before it is tried again, so no declaration ever gets two tokens.
 *
 * <p>The look-up never takes a token the plan's listing already showed (a lost create of this run made
 * its token after that listing), nor one another change claimed, and it runs while no delete of this run
 * is in flight: the client lists oldest first by offset, so a token deleted meanwhile would shift the
 * lost one across a page boundary and hide it.
 */
final class TokenWrites {
    static final int CREATE_ATTEMPTS = 4;

    private final Cloudflare cloudflare;
    private final StateSession state;
    private final ProvisioningOutput output;
    private final ExecutionOptions options;
    private final TokenValues values;
    private final Set<String> claimed = ConcurrentHashMap.newKeySet();
    /** Deletes take the read side, look-ups after a lost create the write side. */
    private final ReadWriteLock deletesVersusLookUps = new ReentrantReadWriteLock();

    TokenWrites(Cloudflare cloudflare, StateSession state, ProvisioningOutput output, ExecutionOptions options) {
        this.cloudflare = cloudflare;
        this.state = state;
        this.output = output;
        this.options = options;
        this.values = new TokenValues(cloudflare, state, output, options.valuesNeeded());
        state.records().forEach(record -> {
            claimed.add(record.tokenId());
            record.previousGeneration().ifPresent(previous -> claimed.add(previous.tokenId()));
        });
    }

    /**
     * Marks the tokens the plan already gave a declaration (kept, updated, adopted): never adopted by
     * another declaration's look-up after a lost create.
     */
    void claimPlanned(Iterable<PlannedChange> changes) {
        for (PlannedChange change : changes) {
            if (change.existing() != null) {
                claimed.add(change.existing().id());
            }
        }
    }

    /** The values handed back so far, by declaration id. */
    Map<String, Secret> values() {
        return values.handedBack();
    }

    AppliedChange apply(PlannedChange change) {
        switch (change.kind()) {
            case UNCHANGED:
                return keep(change);
            case ADOPT:
                return adopt(change);
            case CREATE:
            case DRIFTED_DELETED:
                return create(change.kind(), change.desired(), kept(change));
            case UPDATE:
            case DRIFTED_CHANGED:
                return update(change);
            case REPLACE:
                return replace(change);
            case ROTATE:
                return rotate(change);
            case RETIRE:
                return retire(change);
            case DELETE:
                return delete(change);
            default:
                throw new IllegalStateException("unknown change " + change.kind());
        }
    }

    private AppliedChange keep(PlannedChange change) {
        if (change.desired() == null) {
            return new AppliedChange(
                    ChangeKind.UNCHANGED,
                    change.declarationId(),
                    change.recorded().tokenId(),
                    false);
        }
        TokenRecord record = Unchanged.recordOf(change);
        if (!Unchanged.servedAsIs(change)) {
            state.put(record); // the token is as declared, its record from an older declaration or version
        }
        return values.deliver(ChangeKind.UNCHANGED, change.desired(), record);
    }

    private AppliedChange adopt(PlannedChange change) {
        String id = change.declarationId();
        TokenRecord record = recordFor(change.desired(), change.existing().id(), change.recorded())
                .withIssuedAt(change.existing().issuedOn())
                .withPrevious(kept(change));
        claimed.add(record.tokenId());
        state.put(record);
        AppliedChange adopted = values.deliver(ChangeKind.ADOPT, change.desired(), record);
        if (change.adoptsFromElsewhere()) {
            values.warnAdopted(id, adopted);
        }
        return adopted;
    }

    /**
     * Creates the declaration's token and records it as the current generation, with {@code previous} as
     * the previous one (null for none).
     */
    private AppliedChange create(ChangeKind kind, DesiredToken desired, PreviousGeneration previous) {
        TokenApi api = cloudflare.tokens(desired.owner());
        // On disk before the request leaves: a run killed from here on lets the next run adopt what this
        // create made, and only that.
        state.putPendingCreate(new PendingCreate(
                desired.declarationId(), desired.owner(), desired.accountId(), desired.specHash(), now()));
        CloudflareOutcomeUnknownException unknown = null;
        for (int attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
            try {
                return recordCreated(kind, desired, send(api, desired), previous);
            } catch (CloudflareOutcomeUnknownException e) {
                unknown = e;
            }
            Optional<AppliedChange> found = findLostCreate(kind, desired, api, attempt, previous);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new ProvisioningException(
                "creating token " + desired.declarationId() + " failed " + CREATE_ATTEMPTS
                        + " times without an answer, and no token with its name and grants exists; run apply again",
                unknown);
    }

    private CreatedToken send(TokenApi api, DesiredToken desired) {
        try {
            return api.create(desired.generationSpec(now()));
        } catch (CloudflareApiException e) {
            if (e.status() >= 400 && e.status() < 500) {
                // Refused with an answer: no token came of it, so nothing is pending.
                state.removePendingCreate(desired.declarationId());
            }
            throw e;
        }
    }

    private AppliedChange recordCreated(
            ChangeKind kind, DesiredToken desired, CreatedToken created, PreviousGeneration previous) {
        Instant issued = created.token().issuedOn() != null ? created.token().issuedOn() : now();
        TokenRecord record = recordFor(desired, created.token().id(), recorded(desired))
                .withIssuedAt(issued)
                .withPrevious(previous);
        claimed.add(record.tokenId());
        state.put(record, created.value());
        values.handBackCreated(desired.declarationId(), created.value());
        return new AppliedChange(kind, desired.declarationId(), record.tokenId(), false);
    }

    private Optional<AppliedChange> findLostCreate(
            ChangeKind kind, DesiredToken desired, TokenApi api, int attempt, PreviousGeneration previous) {
        output.line("  " + desired.declarationId() + ": the answer to its create was lost;"
                + " looking the token up by name and grants before trying again");
        // A create that timed out may still be committing: give it a moment before looking.
        pause(attempt);
        return findUnclaimed(api, desired).map(match -> {
            TokenRecord record = recordFor(desired, match.id(), recorded(desired))
                    .withIssuedAt(match.issuedOn())
                    .withPrevious(previous);
            output.line("  " + desired.declarationId() + ": adopted token " + record.tokenId()
                    + ", which the lost create had made");
            if (!state.storesValues()) {
                state.put(record);
                return values.deliver(kind, desired, record);
            }
            // Nobody can hold the value of a token whose create answer was lost: roll it once, so the state
            // keeps a value for the services that read it (a rotation's successor above all).
            Secret value = api.roll(record.tokenId());
            output.line("  " + desired.declarationId() + ": rolled token " + record.tokenId()
                    + " to keep the value the lost answer carried; nobody held it yet");
            state.put(record, value);
            values.handBackCreated(desired.declarationId(), value);
            return new AppliedChange(kind, desired.declarationId(), record.tokenId(), true);
        });
    }

    /**
     * Lists the owner's tokens for one made since planning with exactly the desired name and grants that
     * nobody has claimed, with this run's deletes held back so no token shifts between pages meanwhile.
     */
    private Optional<Token> findUnclaimed(TokenApi api, DesiredToken desired) {
        Lock lock = deletesVersusLookUps.writeLock();
        lock.lock();
        try (var tokens = api.list(true)) {
            return tokens.filter(token -> !options.listed(token.id()))
                    .filter(token -> UnrecordedTokens.couldServe(desired, token.spec(), token.status()))
                    .filter(token -> claimed.add(token.id()))
                    .findFirst();
        } finally {
            lock.unlock();
        }
    }

    private AppliedChange update(PlannedChange change) {
        endPrevious(change); // a revoked previous generation whose delete was cut short
        DesiredToken desired = change.desired();
        TokenApi api = cloudflare.tokens(desired.owner());
        String tokenId = change.existing().id();
        Token updated;
        try {
            TokenSpec spec = desired.specFor(change.existing());
            updated = change.reenables() ? api.update(tokenId, spec, TokenStatus.ACTIVE) : api.update(tokenId, spec);
        } catch (CloudflareApiException e) {
            if (!GoneTokens.isGone(api, tokenId, e)) {
                throw e;
            }
            output.line("  " + desired.declarationId() + ": token " + tokenId
                    + " was deleted while this run was planning; creating it again");
            return create(ChangeKind.DRIFTED_DELETED, desired, kept(change));
        }
        checkTaken(desired, tokenId, updated);
        TokenRecord record = Unchanged.recordOf(change);
        state.put(record);
        return values.deliver(change.kind(), desired, record);
    }

    /** Fails when Cloudflare answered an update with a token that still differs from the declaration. */
    private static void checkTaken(DesiredToken desired, String tokenId, Token updated) {
        Set<TokenField> untaken = SpecDifferences.between(
                new ExistingToken(updated.id(), desired.asDeclared(updated.spec()), updated.status()), desired.spec());
        if (!untaken.isEmpty()) {
            // Not recorded as done and not retried: putting the same body again would be refused the same way.
            throw new ProvisioningException("Cloudflare accepted the update of token " + tokenId + " but did not"
                    + " apply "
                    + String.join(
                            ", ", untaken.stream().map(TokenField::wireName).toList())
                    + "; the token still differs from the declaration there."
                    + " Its record is left as it was, so the next run tries again; if the field never takes, destroy "
                    + desired.declarationId() + " and apply to replace the token");
        }
    }

    private AppliedChange replace(PlannedChange change) {
        TokenRecord old = endPrevious(change);
        boolean deletable = old.owner() != change.desired().owner()
                || old.accountId() == null
                || old.accountId().equals(change.desired().accountId());
        TokenRecord retired = RetiredRecords.of(old);
        if (deletable && change.existing() != null) {
            // Recorded first, so a run killed before the delete below leaves the old token in the state for
            // the next full apply to delete, not orphaned.
            state.put(retired);
        }
        AppliedChange created = create(ChangeKind.REPLACE, change.desired(), null);
        if (!deletable) {
            output.line("  " + old.declarationId() + ": the old token " + old.tokenId() + " is in account "
                    + old.accountId() + ", which these credentials do not provision; delete it there by hand");
        } else if (change.existing() != null) {
            deleteTolerant(old.owner(), old.tokenId());
            state.remove(retired.declarationId());
        }
        return created;
    }

    /**
     * Successor first: the previous generation still recorded (a rotation asked for before its overlap
     * ended) is deleted, so the successor makes two live tokens, never three; then the successor is
     * created and recorded as current with the generation it replaces as previous, valid for the overlap
     * or, when revoked, deleted at once.
     */
    private AppliedChange rotate(PlannedChange change) {
        PreviousGeneration older = change.recorded().previous();
        TokenRecord current = endPrevious(change);
        if (older != null) {
            output.line("  " + change.declarationId() + ": deleted previous generation " + older.tokenId()
                    + " before creating the successor");
        }
        Duration overlap = change.revokes()
                ? Duration.ZERO
                : change.desired().rotation().orElseThrow().overlap();
        // Revoked is recorded with the successor, so a run killed before the delete leaves it to be deleted
        // at once by the next, not held on to as an ordinary previous generation.
        PreviousGeneration replaced = new PreviousGeneration(current.tokenId(), now().plus(overlap), change.revokes());
        AppliedChange created;
        try {
            created = create(ChangeKind.ROTATE, change.desired(), replaced);
        } catch (CloudflareApiException e) {
            // Refused with an answer (a full token quota, a missing permission): nothing was made.
            throw new ProvisioningException(
                    change.declarationId() + ": its successor could not be created (" + e.getMessage()
                            + "); generation " + current.tokenId()
                            + " stays current, and the next run tries the rotation again",
                    e);
        }
        output.line("  " + change.declarationId() + ": generation " + created.tokenId() + " is current; "
                + (change.revokes()
                        ? "revoking " + current.tokenId()
                        : current.tokenId() + " stays valid until " + Timestamps.format(replaced.retireAt())));
        if (change.revokes()) {
            endPrevious(current.owner(), state.record(change.declarationId()).orElseThrow());
        }
        return created;
    }

    /** Deletes the previous generation whose overlap ended, and hands the current one's value back. */
    private AppliedChange retire(PlannedChange change) {
        endPrevious(change);
        TokenRecord record = Unchanged.recordOf(change);
        state.put(record);
        return values.deliver(ChangeKind.RETIRE, change.desired(), record);
    }

    /**
     * Deletes the recorded previous generation {@code change} ends, if any, and records its declaration
     * without it; until Cloudflare confirms the delete (a token already gone counts), it stays recorded and
     * the next run tries again.
     *
     * @return the record as it is now
     */
    private TokenRecord endPrevious(PlannedChange change) {
        TokenRecord record = change.recorded();
        if (record == null || change.endsPrevious().isEmpty()) {
            return record;
        }
        return endPrevious(record.owner(), record);
    }

    private TokenRecord endPrevious(dev.cftokens.core.model.TokenOwner owner, TokenRecord record) {
        if (record.previous() == null) {
            return record;
        }
        deleteTolerant(owner, record.previous().tokenId());
        TokenRecord without = record.withPrevious(null);
        state.put(without);
        return without;
    }

    private AppliedChange delete(PlannedChange change) {
        Optional<Leftover> leftover = change.leftover();
        if (leftover.isPresent()) {
            // Never recorded: only the token goes.
            deleteTolerant(leftover.get().owner(), leftover.get().tokenId());
            return new AppliedChange(ChangeKind.DELETE, change.declarationId(), null, false);
        }
        TokenRecord record = endPrevious(change);
        if (change.existing() != null || options.listedTokenIds().isEmpty()) {
            deleteTolerant(record.owner(), record.tokenId());
        }
        state.remove(record.declarationId());
        return new AppliedChange(ChangeKind.DELETE, change.declarationId(), null, false);
    }

    private void deleteTolerant(dev.cftokens.core.model.TokenOwner owner, String tokenId) {
        TokenApi api = cloudflare.tokens(owner);
        Lock lock = deletesVersusLookUps.readLock();
        lock.lock();
        try {
            api.delete(tokenId);
        } catch (CloudflareApiException e) {
            // Already gone (deleted by hand, or by a retried DELETE whose first answer was lost) is done.
            if (!GoneTokens.isGone(api, tokenId, e)) {
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** The previous generation a change that does not end it keeps recorded. */
    private static PreviousGeneration kept(PlannedChange change) {
        return change.recorded() == null || change.endsPrevious().isPresent()
                ? null
                : change.recorded().previous();
    }

    private Instant now() {
        return options.clock().instant();
    }

    /**
     * The record of {@code tokenId} for {@code desired}, numbered after {@code recorded} (null when the
     * declaration has none), with no issue time or previous generation yet.
     */
    static TokenRecord recordFor(DesiredToken desired, String tokenId, TokenRecord recorded) {
        return new TokenRecord(
                        desired.declarationId(),
                        tokenId,
                        desired.owner(),
                        desired.accountId(),
                        desired.spec().name(),
                        desired.specHash())
                .withInputs(desired.provisioner().inputs())
                .withGeneration(recorded == null ? 1 : recorded.generationOf(tokenId));
    }

    /** The declaration's record as this run last wrote or read it; null when it has none. */
    private TokenRecord recorded(DesiredToken desired) {
        return state.record(desired.declarationId()).orElse(null);
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(2_000, 100L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException("interrupted while retrying a create", e);
        }
    }
}
