package dev.cftokens.runtime.provision;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.core.model.TokenStatus;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Secret;
import dev.cftokens.runtime.Token;
import dev.cftokens.runtime.TokenProvisioner;
import dev.cftokens.runtime.state.PendingCreate;
import dev.cftokens.runtime.state.StateSession;
import dev.cftokens.runtime.state.StateStore;
import dev.cftokens.runtime.state.TokenRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Plan, apply and destroy for any number of declarations, one engine for a single generated
 * provisioner and for the command line. Each call takes the state's lock for its whole run.
 *
 * <p>A run reads the state, lists each owner's tokens (one request per 50 tokens), plans, checks the
 * compiled permission groups against the account's live list before its first write, and carries the
 * plan out. A run with nothing to change sends no write request.
 */
public final class ProvisioningEngine {
    /** The {@link System.Logger} warnings go to whatever the output: rolls, expired tokens. */
    public static final String LOGGER_NAME = "dev.cftokens.provisioning";

    private static final System.Logger LOGGER = System.getLogger(LOGGER_NAME);

    private final Cloudflare cloudflare;
    private final StateStore stateStore;
    private final ProvisioningOutput output;
    private final int parallelism;
    private final boolean adoptUnrecorded;

    /** An engine that adopts unrecorded tokens, as {@link dev.cftokens.runtime.Provisioning} does by default. */
    public ProvisioningEngine(
            Cloudflare cloudflare, StateStore stateStore, ProvisioningOutput output, int parallelism) {
        this(cloudflare, stateStore, output, parallelism, true);
    }

    /**
     * @param adoptUnrecorded adopt a token with a declaration's owner, account, name and grants that no
     *     state records, instead of leaving it alone and creating another; what a service whose state did
     *     not survive its restart needs
     */
    public ProvisioningEngine(
            Cloudflare cloudflare,
            StateStore stateStore,
            ProvisioningOutput output,
            int parallelism,
            boolean adoptUnrecorded) {
        this.adoptUnrecorded = adoptUnrecorded;
        this.cloudflare = requireNonNull(cloudflare, "cloudflare");
        this.stateStore = requireNonNull(stateStore, "stateStore");
        this.output = requireNonNull(output, "output");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
        this.parallelism = parallelism;
    }

    /**
     * Plans without changing anything and prints the plan.
     *
     * @param complete true when {@code provisioners} is the application's full set, so recorded tokens
     *     no longer declared are planned for deletion
     */
    public Plan plan(Collection<? extends TokenProvisioner<?>> provisioners, boolean complete) {
        try (StateSession state = stateStore.open()) {
            Plan plan = plan(state, provisioners, complete).plan();
            output.line(plan.render());
            return plan;
        }
    }

    /** Plans, prints the plan, and carries it out. See {@link #plan} for {@code complete}. */
    public ApplyResult apply(Collection<? extends TokenProvisioner<?>> provisioners, boolean complete) {
        try (StateSession state = stateStore.open()) {
            return apply(state, provisioners, complete, Set.of()).result();
        }
    }

    /** Makes one declaration's token exist as declared and hands it back with its value. */
    public <T> ProvisionedToken<T> provision(TokenProvisioner<T> provisioner) {
        requireNonNull(provisioner, "provisioner");
        String id = provisioner.declaration().id();
        try (StateSession state = stateStore.open()) {
            Applied applied = apply(state, List.of(provisioner), false, Set.of(id));
            // Handed back all the same (the caller may only need its id), but never silently.
            applied.result().plan().warnings().forEach(warning -> LOGGER.log(System.Logger.Level.WARNING, warning));
            Secret value = applied.values().get(id);
            if (value == null) {
                throw new ProvisioningException("token " + id + " was provisioned but its value could not be obtained");
            }
            AppliedChange change = applied.result().change(id).orElseThrow();
            PlannedChange planned = applied.result().plan().changes().get(0);
            TokenStatus status = planned.kind() == ChangeKind.UNCHANGED || planned.kind() == ChangeKind.ADOPT
                    ? planned.existing().status()
                    : TokenStatus.ACTIVE;
            return new ProvisionedToken<>(
                    provisioner.tokenType(),
                    id,
                    change.tokenId(),
                    planned.desired().spec().name(),
                    status,
                    value);
        }
    }

    /**
     * Deletes the recorded tokens of the named declarations, or of all when none are named, tolerating
     * tokens already gone, and forgets them. Destroying all also deletes what earlier runs' unrecorded
     * creates left.
     *
     * @return the declaration ids whose tokens were deleted, a leftover's as {@code <id>~unrecorded-<token>}
     */
    public List<String> destroy(Collection<String> declarationIds) {
        long start = System.nanoTime();
        try (StateSession state = stateStore.open()) {
            List<TokenRecord> records = new ArrayList<>();
            if (declarationIds.isEmpty()) {
                records.addAll(state.records());
            } else {
                List<String> unknown = new ArrayList<>();
                for (String id : declarationIds) {
                    state.record(id).ifPresentOrElse(records::add, () -> unknown.add(id));
                }
                if (!unknown.isEmpty()) {
                    // A mistyped id must not pass for done; a token merely gone from Cloudflare is in the state
                    // and tolerated below.
                    List<String> recorded = state.records().stream()
                            .map(TokenRecord::declarationId)
                            .filter(id -> !id.contains(PlanExecutor.RETIRED_MARK))
                            .sorted()
                            .collect(Collectors.toList());
                    throw new ProvisioningException("not in the state " + stateStore.describe() + ": "
                            + String.join(", ", unknown) + "; nothing was destroyed. The state records "
                            + (recorded.isEmpty() ? "no tokens" : String.join(", ", recorded)) + ".");
                }
            }
            String accountId =
                    records.stream().anyMatch(r -> r.owner() == TokenOwner.ACCOUNT) ? cloudflare.accountId() : null;
            List<PlannedChange> changes = new ArrayList<>();
            for (TokenRecord record : records) {
                if (record.owner() == TokenOwner.ACCOUNT
                        && record.accountId() != null
                        && !record.accountId().equals(accountId)) {
                    output.line("  " + record.declarationId() + ": recorded in account " + record.accountId() + ", not "
                            + accountId + "; left alone");
                    continue;
                }
                changes.add(new PlannedChange(
                        ChangeKind.DELETE, record.declarationId(), null, record, null, List.of(), ""));
            }
            Plan plan = new Plan(changes);
            changes.forEach(change -> output.line(change.describe()));
            PlanExecutor.Execution execution = new PlanExecutor(
                            cloudflare, state, output, parallelism, Set.of(), false, Set.of(), List.of())
                    .execute(plan);
            failIfAny(execution);
            List<String> destroyed = new ArrayList<>();
            execution.applied().forEach(change -> destroyed.add(change.declarationId()));
            if (declarationIds.isEmpty()) {
                destroyed.addAll(destroyLeftovers(state));
            }
            output.line(String.format(
                    Locale.ROOT,
                    "Destroy complete: %d deleted in %.1f s.",
                    destroyed.size(),
                    (System.nanoTime() - start) / 1e9));
            return destroyed;
        }
    }

    /**
     * For a destroy of everything: deletes the tokens that earlier runs' unrecorded creates left (exactly
     * as a full apply of no declarations would), and forgets those pending creates.
     */
    private List<String> destroyLeftovers(StateSession state) {
        Collection<PendingCreate> pending = state.pendingCreates();
        if (pending.isEmpty()) {
            return List.of();
        }
        Set<TokenOwner> owners = EnumSet.noneOf(TokenOwner.class);
        pending.forEach(create -> owners.add(create.owner()));
        String accountId = owners.contains(TokenOwner.ACCOUNT) ? cloudflare.accountId() : null;
        Map<TokenOwner, List<ExistingToken>> listed = list(owners);
        Plan plan = Planner.plan(List.of(), List.of(), pending, listed, true, accountId, false, Instant.now());
        plan.changes().forEach(change -> output.line(change.describe()));
        plan.warnings().forEach(output::line);
        PlanExecutor.Execution execution = new PlanExecutor(
                        cloudflare, state, output, parallelism, Set.of(), true, idsOf(listed), pending)
                .execute(plan);
        failIfAny(execution);
        forgetPendingCreates(state, pending, listed.keySet(), accountId, execution);
        return execution.applied().stream().map(AppliedChange::declarationId).collect(Collectors.toList());
    }

    /**
     * After a successful run, forgets the pending creates it planned for whose tokens it could see: each
     * was adopted, or its token deleted or never made. Those whose leftover could not be deleted stay, and
     * so does one a create of this run wrote since (another record).
     */
    private static void forgetPendingCreates(
            StateSession state,
            Collection<PendingCreate> planned,
            Set<TokenOwner> listedOwners,
            String accountId,
            PlanExecutor.Execution execution) {
        for (PendingCreate create : planned) {
            if (Planner.sees(create, listedOwners, accountId)
                    && !execution.pendingKept().contains(create.declarationId())
                    && state.pendingCreates().contains(create)) {
                state.removePendingCreate(create.declarationId());
            }
        }
    }

    /** The ids of every listed token. */
    private static Set<String> idsOf(Map<TokenOwner, List<ExistingToken>> listed) {
        Set<String> ids = new HashSet<>();
        listed.values().forEach(tokens -> tokens.forEach(token -> ids.add(token.id())));
        return ids;
    }

    /** Every token of each owner, as the plan compares them. */
    private Map<TokenOwner, List<ExistingToken>> list(Set<TokenOwner> owners) {
        Map<TokenOwner, List<ExistingToken>> listed = new EnumMap<>(TokenOwner.class);
        for (TokenOwner owner : owners) {
            try (Stream<Token> tokens = cloudflare.tokens(owner).list(true)) {
                listed.put(
                        owner,
                        tokens.map(token -> new ExistingToken(
                                        token.id(), owner, token.spec(), token.status(), token.issuedOn()))
                                .collect(Collectors.toList()));
            }
        }
        return listed;
    }

    private record Applied(ApplyResult result, Map<String, Secret> values) {}

    private Applied apply(
            StateSession state,
            Collection<? extends TokenProvisioner<?>> provisioners,
            boolean complete,
            Set<String> valuesNeeded) {
        long start = System.nanoTime();
        Planned planned = plan(state, provisioners, complete);
        Plan plan = planned.plan();
        output.line(plan.render());
        List<DesiredToken> written = plan.changes().stream()
                .filter(change -> change.desired() != null && change.kind().writes())
                .map(PlannedChange::desired)
                .collect(Collectors.toList());
        for (TokenOwner owner : TokenOwner.values()) {
            List<DesiredToken> owned =
                    written.stream().filter(token -> token.owner() == owner).collect(Collectors.toList());
            if (!owned.isEmpty()) {
                // One request per owner and Cloudflare instance (cached), made only when something will be written.
                LivePermissionCheck.verify(owned, cloudflare.livePermissionGroups(owner));
            }
        }
        PlanExecutor.Execution execution = new PlanExecutor(
                        cloudflare,
                        state,
                        output,
                        parallelism,
                        valuesNeeded,
                        true,
                        planned.listedIds(),
                        planned.pending())
                .execute(plan);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        failIfAny(execution);
        // Without the full set, only the pending creates of the declarations at hand were planned for.
        forgetPendingCreates(
                state,
                planned.pending().stream()
                        .filter(create -> complete || planned.declared().contains(create.declarationId()))
                        .collect(Collectors.toList()),
                planned.listedOwners(),
                planned.accountId(),
                execution);
        if (plan.hasChanges()) {
            output.line(String.format(
                    Locale.ROOT, "Apply complete: %s in %.1f s.", done(execution.applied()), elapsed.toNanos() / 1e9));
        }
        return new Applied(new ApplyResult(plan, execution.applied(), elapsed), execution.values());
    }

    /**
     * A plan, the ids of every token its listing showed, the declarations it was made for, the pending
     * creates it saw, whose tokens it listed, and in which account (null when no account's).
     */
    private record Planned(
            Plan plan,
            Set<String> listedIds,
            Set<String> declared,
            Collection<PendingCreate> pending,
            Set<TokenOwner> listedOwners,
            String accountId) {}

    private Planned plan(StateSession state, Collection<? extends TokenProvisioner<?>> provisioners, boolean complete) {
        Supplier<String> account = cloudflare::accountId;
        List<DesiredToken> desired = new ArrayList<>();
        for (TokenProvisioner<?> provisioner : provisioners) {
            desired.add(DesiredToken.resolve(requireNonNull(provisioner, "provisioner"), account));
        }
        Set<String> ids = desired.stream().map(DesiredToken::declarationId).collect(Collectors.toSet());
        Collection<TokenRecord> records = state.records();
        Set<TokenOwner> owners = EnumSet.noneOf(TokenOwner.class);
        desired.forEach(token -> owners.add(token.owner()));
        for (TokenRecord record : records) {
            if (complete || ids.contains(record.declarationId())) {
                owners.add(record.owner());
            }
        }
        for (PendingCreate create : state.pendingCreates()) {
            // Tokens that earlier runs' unrecorded creates left behind are looked for among their owner's tokens
            // (a create for this run would replace the pending create, and with it the trace).
            if (complete || ids.contains(create.declarationId())) {
                owners.add(create.owner());
            }
        }
        String accountId = owners.contains(TokenOwner.ACCOUNT) ? cloudflare.accountId() : null;
        Map<TokenOwner, List<ExistingToken>> listed = list(owners);
        Collection<PendingCreate> pending = state.pendingCreates();
        return new Planned(
                Planner.plan(desired, records, pending, listed, complete, accountId, adoptUnrecorded, Instant.now()),
                idsOf(listed),
                ids,
                pending,
                Set.copyOf(listed.keySet()),
                accountId);
    }

    private static void failIfAny(PlanExecutor.Execution execution) {
        if (!execution.failures().isEmpty()) {
            throw new ProvisioningException(execution.failures().size() + " change(s) failed; every finished"
                    + " change is recorded, so running again continues from here:\n  "
                    + String.join("\n  ", execution.failures()));
        }
    }

    private static String pastTense(ChangeKind kind) {
        switch (kind) {
            case DRIFTED_CHANGED:
            case DRIFTED_DELETED:
                return "repaired";
            default:
                return kind.verb().endsWith("e") ? kind.verb() + "d" : kind.verb() + "ed";
        }
    }

    private static String done(List<AppliedChange> applied) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (ChangeKind kind : ChangeKind.values()) {
            for (AppliedChange change : applied) {
                if (change.kind() == kind && kind != ChangeKind.UNCHANGED) {
                    counts.merge(pastTense(kind), 1L, Long::sum);
                }
            }
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((verb, count) -> parts.add(count + " " + verb));
        long rolled = applied.stream().filter(AppliedChange::rolled).count();
        if (rolled > 0) {
            parts.add(rolled + " rolled");
        }
        return parts.isEmpty() ? "nothing to do" : String.join(", ", parts);
    }
}
