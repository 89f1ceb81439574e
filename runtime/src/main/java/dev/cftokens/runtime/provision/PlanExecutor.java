package dev.cftokens.runtime.provision;

import dev.cftokens.core.model.TokenStatus;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.CloudflareApiException;
import dev.cftokens.runtime.CloudflareOutcomeUnknownException;
import dev.cftokens.runtime.CreatedToken;
import dev.cftokens.runtime.Secret;
import dev.cftokens.runtime.Token;
import dev.cftokens.runtime.TokenApi;
import dev.cftokens.runtime.state.FileStateStore;
import dev.cftokens.runtime.state.PendingCreate;
import dev.cftokens.runtime.state.StateSession;
import dev.cftokens.runtime.state.TokenRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Carries out a {@link Plan}: changes run on a bounded pool (the client's rate limiter paces the
 * requests), each token is recorded in the state the moment it exists, and a create whose answer was
 * lost is looked up by name and grants before it is tried again, so no declaration ever gets two tokens.
 *
 * <p>Changes to tokens of the same owner and name run one after another on one thread: only those can
 * be mistaken for each other by that look-up. The look-up never takes a token the plan's listing
 * already showed (a lost create of this run made its token after that listing), and it runs while no
 * delete of this run is in flight: the client lists oldest first by offset, so a token deleted meanwhile
 * would shift the lost one across a page boundary and hide it.
 */
final class PlanExecutor {
    static final int CREATE_ATTEMPTS = 4;
    private static final System.Logger LOGGER = System.getLogger(ProvisioningEngine.LOGGER_NAME);
    /** Marks a record kept for a replaced token until it is deleted; never part of a declaration id. */
    static final String RETIRED_MARK = "~retired-";

    private final Cloudflare cloudflare;
    private final StateSession state;
    private final ProvisioningOutput output;
    private final int parallelism;
    private final Set<String> valuesNeeded;
    private final boolean listedBeforehand;
    private final Set<String> listedAtPlanning;
    private final Set<String> claimed = ConcurrentHashMap.newKeySet();
    /** Deletes take the read side, look-ups after a lost create the write side. */
    private final ReadWriteLock deletesVersusLookUps = new ReentrantReadWriteLock();

    private final Map<String, Secret> values = new ConcurrentHashMap<>();
    private final java.util.Collection<PendingCreate> pendingAtPlanning;

    /**
     * What an execution did; {@code values} holds only the values the caller asked for. {@code
     * pendingKept} names the declarations whose pending create's token could not be deleted: the run
     * does not fail for it (the declaration's own token is fine), and the pending create stays for the
     * next run to try again.
     */
    record Execution(
            List<AppliedChange> applied, Map<String, Secret> values, List<String> failures, Set<String> pendingKept) {}

    /**
     * @param valuesNeeded declaration ids whose values the caller needs handed back
     * @param listedBeforehand true when the plan came from a listing, so a delete of a token the listing
     *     did not show can be skipped; false for destroy, which deletes without listing
     * @param listedAtPlanning the ids of every token that listing showed
     * @param pendingAtPlanning the pending creates the plan was made with
     */
    PlanExecutor(
            Cloudflare cloudflare,
            StateSession state,
            ProvisioningOutput output,
            int parallelism,
            Set<String> valuesNeeded,
            boolean listedBeforehand,
            Set<String> listedAtPlanning,
            java.util.Collection<PendingCreate> pendingAtPlanning) {
        this.listedAtPlanning = Set.copyOf(listedAtPlanning);
        this.pendingAtPlanning = List.copyOf(pendingAtPlanning);
        this.cloudflare = cloudflare;
        this.state = state;
        this.output = output;
        this.parallelism = parallelism;
        this.valuesNeeded = Set.copyOf(valuesNeeded);
        this.listedBeforehand = listedBeforehand;
        state.records().forEach(record -> claimed.add(record.tokenId()));
    }

    Execution execute(Plan plan) {
        for (PlannedChange change : plan.changes()) {
            // Tokens the plan already gave a declaration (kept, updated, adopted) are never adopted by another
            // declaration's look-up after a lost create.
            if (change.existing() != null) {
                claimed.add(change.existing().id());
            }
        }
        Map<String, List<PlannedChange>> groups = new LinkedHashMap<>();
        Map<String, String> groupOfDeclaration = new java.util.HashMap<>();
        int work = 0;
        for (PlannedChange change : plan.changes()) {
            if (change.kind() != ChangeKind.UNCHANGED) {
                work++;
            }
            if (leftoverOf(change) != null) {
                continue;
            }
            String key = change.desired() == null
                    ? "delete\0" + change.declarationId()
                    : change.desired().owner() + "\0" + change.desired().spec().name();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(change);
            groupOfDeclaration.put(change.declarationId(), key);
        }
        for (PlannedChange change : plan.changes()) {
            String declaration = leftoverOf(change);
            if (declaration != null) {
                // Before the declaration's own change: a create of it would replace the pending create, the only
                // trace of the leftover, before the leftover is gone.
                String key = groupOfDeclaration.getOrDefault(declaration, "delete\0" + change.declarationId());
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(0, change);
            }
        }
        Progress progress = new Progress(output, work);
        ConcurrentLinkedQueue<AppliedChange> applied = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Set<String> pendingKept = ConcurrentHashMap.newKeySet();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool =
                Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, groups.size())), runnable -> {
                    Thread thread = new Thread(runnable, "cftokens-apply-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (List<PlannedChange> group : groups.values()) {
                futures.add(pool.submit(() -> {
                    for (PlannedChange change : group) {
                        if (change.kind().creates() && pendingKept.contains(change.declarationId())) {
                            failures.add(change.declarationId()
                                    + ": not created, because the unrecorded token of its earlier"
                                    + " create could not be deleted (see above); the next run tries both again");
                            progress.finished();
                            continue;
                        }
                        try {
                            applied.add(apply(change));
                        } catch (RuntimeException e) {
                            String declaration = leftoverOf(change);
                            if (declaration != null) {
                                pendingKept.add(declaration);
                                output.line("! could not delete unrecorded token "
                                        + change.recorded().tokenId() + " (" + e.getMessage()
                                        + "); the next run tries again");
                            } else {
                                failures.add(change.declarationId() + ": " + e.getMessage());
                            }
                        }
                        if (change.kind() != ChangeKind.UNCHANGED) {
                            progress.finished();
                        }
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException("interrupted while applying; finished changes are recorded", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a change task failed outside its own error handling", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        for (String id : pendingKept) {
            // Put back once every change is done: recording the declaration's own token (a keep, a roll) drops
            // its pending create, which must outlive this run while its token is still there. A pending create
            // this run wrote since is newer and stays.
            boolean newer = state.pendingCreates().stream()
                    .anyMatch(create -> create.declarationId().equals(id));
            if (!newer) {
                pendingAtPlanning.stream()
                        .filter(create -> create.declarationId().equals(id))
                        .findFirst()
                        .ifPresent(state::putPendingCreate);
            }
        }
        Map<String, AppliedChange> byDeclaration = new LinkedHashMap<>();
        applied.forEach(change -> byDeclaration.put(change.declarationId(), change));
        List<AppliedChange> ordered = new ArrayList<>();
        for (PlannedChange change : plan.changes()) {
            AppliedChange done = byDeclaration.get(change.declarationId());
            if (done != null) {
                ordered.add(done);
            }
        }
        return new Execution(ordered, Map.copyOf(values), List.copyOf(failures), Set.copyOf(pendingKept));
    }

    /** The declaration whose pending create left the token {@code change} deletes, or null for any other change. */
    private static String leftoverOf(PlannedChange change) {
        int mark = change.declarationId().indexOf(Planner.ORPHAN_MARK);
        return mark < 0 ? null : change.declarationId().substring(0, mark);
    }

    private AppliedChange apply(PlannedChange change) {
        switch (change.kind()) {
            case UNCHANGED:
                return keep(change);
            case ADOPT:
                return adopt(change);
            case CREATE:
            case DRIFTED_DELETED:
                return create(change.kind(), change.desired());
            case UPDATE:
            case DRIFTED_CHANGED:
                return update(change);
            case REPLACE:
                return replace(change);
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
        TokenRecord record = recordFor(change.desired(), change.existing().id());
        if (!record.equals(change.recorded())) {
            state.put(record);
        }
        return deliver(ChangeKind.UNCHANGED, change.desired(), record);
    }

    private AppliedChange adopt(PlannedChange change) {
        String id = change.declarationId();
        boolean ownLostCreate =
                state.pendingCreates().stream().anyMatch(p -> p.declarationId().equals(id));
        TokenRecord record = recordFor(change.desired(), change.existing().id());
        claimed.add(record.tokenId());
        state.put(record);
        AppliedChange adopted = deliver(ChangeKind.ADOPT, change.desired(), record);
        if (!ownLostCreate) {
            // Logged whatever the output: a state that does not survive restarts costs a roll at every start
            // (breaking any other holder of the value), and an operator must be able to see why.
            LOGGER.log(
                    System.Logger.Level.WARNING,
                    "cftokens adopted token " + record.tokenId() + " for " + id
                            + ", which no state recorded (a fresh container or CI runner?)"
                            + (adopted.rolled() ? " and rolled it to hand its value back" : "")
                            + ". Keeping " + FileStateStore.DEFAULT_PATH + " on persistent storage, with "
                            + FileStateStore.PASSPHRASE_VARIABLE + " set, avoids the roll.");
        }
        return adopted;
    }

    private AppliedChange create(ChangeKind kind, DesiredToken desired) {
        TokenApi api = cloudflare.tokens(desired.owner());
        // On disk before the request leaves: a run killed from here on lets the next run adopt what this
        // create made, and only that.
        state.putPendingCreate(new PendingCreate(
                desired.declarationId(), desired.owner(), desired.accountId(), desired.specHash(), Instant.now()));
        CloudflareOutcomeUnknownException unknown = null;
        for (int attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
            CreatedToken created;
            try {
                created = api.create(desired.spec());
            } catch (CloudflareApiException e) {
                if (e.status() >= 400 && e.status() < 500) {
                    // Refused with an answer: no token came of it, so nothing is pending.
                    state.removePendingCreate(desired.declarationId());
                }
                throw e;
            } catch (CloudflareOutcomeUnknownException e) {
                created = null;
                unknown = e;
            }
            if (created != null) {
                TokenRecord record = recordFor(desired, created.token().id());
                claimed.add(record.tokenId());
                state.put(record, created.value());
                if (valuesNeeded.contains(desired.declarationId())) {
                    values.put(desired.declarationId(), created.value());
                }
                return new AppliedChange(kind, desired.declarationId(), record.tokenId(), false);
            } else {
                output.line("  " + desired.declarationId() + ": the answer to its create was lost;"
                        + " looking the token up by name and grants before trying again");
                // A create that timed out may still be committing: give it a moment before looking.
                pause(attempt);
                Optional<Token> match = findUnclaimed(api, desired);
                if (match.isPresent()) {
                    TokenRecord record = recordFor(desired, match.get().id());
                    state.put(record);
                    output.line("  " + desired.declarationId() + ": adopted token " + record.tokenId()
                            + ", which the lost create had made");
                    return deliver(kind, desired, record);
                }
            }
        }
        throw new ProvisioningException(
                "creating token " + desired.declarationId() + " failed " + CREATE_ATTEMPTS
                        + " times without an answer, and no token with its name and grants exists; run apply again",
                unknown);
    }

    /**
     * Lists the owner's tokens for one made since planning with exactly the desired name and grants that
     * nobody has claimed, with this run's deletes held back so no token shifts between pages meanwhile.
     */
    private Optional<Token> findUnclaimed(TokenApi api, DesiredToken desired) {
        Lock lock = deletesVersusLookUps.writeLock();
        lock.lock();
        try (var tokens = api.list(true)) {
            return tokens.filter(token -> !listedAtPlanning.contains(token.id()))
                    .filter(token -> token.spec().equals(desired.spec()) && token.status() != TokenStatus.DISABLED)
                    .filter(token -> claimed.add(token.id()))
                    .findFirst();
        } finally {
            lock.unlock();
        }
    }

    private AppliedChange update(PlannedChange change) {
        DesiredToken desired = change.desired();
        TokenApi api = cloudflare.tokens(desired.owner());
        String tokenId = change.existing().id();
        Token updated;
        try {
            if (change.differences().contains("status")) {
                updated = api.update(tokenId, desired.spec(), TokenStatus.ACTIVE);
            } else {
                updated = api.update(tokenId, desired.spec());
            }
        } catch (CloudflareApiException e) {
            if (!isGone(api, tokenId, e)) {
                throw e;
            }
            output.line("  " + desired.declarationId() + ": token " + tokenId
                    + " was deleted while this run was planning; creating it again");
            return create(ChangeKind.DRIFTED_DELETED, desired);
        }
        List<String> untaken = SpecDifferences.between(
                new ExistingToken(updated.id(), desired.owner(), updated.spec(), updated.status()), desired.spec());
        if (!untaken.isEmpty()) {
            // Not recorded as done and not retried: putting the same body again would be refused the same way.
            throw new ProvisioningException("Cloudflare accepted the update of token " + tokenId + " but did not"
                    + " apply " + String.join(", ", untaken) + "; the token still differs from the declaration there."
                    + " Its record is left as it was, so the next run tries again; if the field never takes, destroy "
                    + desired.declarationId() + " and apply to replace the token");
        }
        TokenRecord record = recordFor(desired, tokenId);
        state.put(record);
        return deliver(change.kind(), desired, record);
    }

    private AppliedChange replace(PlannedChange change) {
        TokenRecord old = change.recorded();
        boolean deletable = old.owner() != change.desired().owner()
                || old.accountId() == null
                || old.accountId().equals(change.desired().accountId());
        if (deletable && change.existing() != null) {
            // Recorded first, so a run killed before the delete below leaves the old token in the state for
            // the next full apply to delete, not orphaned.
            state.put(new TokenRecord(
                    old.declarationId() + RETIRED_MARK + old.tokenId(),
                    old.tokenId(),
                    old.owner(),
                    old.accountId(),
                    old.name(),
                    old.specHash()));
        }
        AppliedChange created = create(ChangeKind.REPLACE, change.desired());
        if (!deletable) {
            output.line("  " + old.declarationId() + ": the old token " + old.tokenId() + " is in account "
                    + old.accountId() + ", which these credentials do not provision; delete it there by hand");
        } else if (change.existing() != null) {
            deleteTolerant(old);
            state.remove(old.declarationId() + RETIRED_MARK + old.tokenId());
        }
        return created;
    }

    private AppliedChange delete(PlannedChange change) {
        TokenRecord record = change.recorded();
        if (change.existing() != null || !listedBeforehand) {
            deleteTolerant(record);
        }
        state.remove(record.declarationId());
        return new AppliedChange(ChangeKind.DELETE, change.declarationId(), null, false);
    }

    private void deleteTolerant(TokenRecord record) {
        TokenApi api = cloudflare.tokens(record.owner());
        Lock lock = deletesVersusLookUps.readLock();
        lock.lock();
        try {
            api.delete(record.tokenId());
        } catch (CloudflareApiException e) {
            // Already gone (deleted by hand, or by a retried DELETE whose first answer was lost) is done.
            if (!isGone(api, record.tokenId(), e)) {
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * True when a failed request failed because the token no longer exists. Cloudflare does not document
     * its answer for an unknown token id (404, or 400 with code 1001, are both seen), so anything but a
     * 404 is confirmed with a GET before the token is taken for gone.
     */
    private static boolean isGone(TokenApi api, String tokenId, CloudflareApiException failure) {
        if (failure.status() == 404) {
            return true;
        }
        if (failure.status() != 400) {
            return false;
        }
        try {
            api.get(tokenId);
            return false;
        } catch (CloudflareApiException e) {
            return e.status() == 404 || e.status() == 400;
        }
    }

    /** Hands back the value when the caller needs it: from the state, or by rolling the token. */
    private AppliedChange deliver(ChangeKind kind, DesiredToken desired, TokenRecord record) {
        String id = desired.declarationId();
        if (!valuesNeeded.contains(id)) {
            return new AppliedChange(kind, id, record.tokenId(), false);
        }
        Optional<Secret> stored = state.value(id);
        if (stored.isPresent()) {
            values.put(id, stored.get());
            return new AppliedChange(kind, id, record.tokenId(), false);
        }
        Secret value = cloudflare.tokens(desired.owner()).roll(record.tokenId());
        state.put(record, value);
        values.put(id, value);
        output.line("  " + id + ": rolled token " + record.tokenId() + " to hand its value back, because "
                + (state.storesValues()
                        ? "the state holds no value for it"
                        : "values are kept only when " + FileStateStore.PASSPHRASE_VARIABLE + " is set")
                + "; the previous value no longer works");
        if (!state.storesValues()) {
            // Logged whatever the output: without a passphrase every restart rolls, which breaks any other
            // holder of the old value, and an operator must be able to see why.
            LOGGER.log(
                    System.Logger.Level.WARNING,
                    "cftokens rolled the token of " + id + " (" + record.tokenId()
                            + ") to hand its value back, because no value can be kept without a passphrase; the previous"
                            + " value no longer works. Set " + FileStateStore.PASSPHRASE_VARIABLE
                            + " to keep values encrypted in the state and stop rolling at every start.");
        }
        return new AppliedChange(kind, id, record.tokenId(), true);
    }

    static TokenRecord recordFor(DesiredToken desired, String tokenId) {
        return new TokenRecord(
                desired.declarationId(),
                tokenId,
                desired.owner(),
                desired.accountId(),
                desired.spec().name(),
                desired.specHash());
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
