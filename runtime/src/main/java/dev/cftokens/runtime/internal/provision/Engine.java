package dev.cftokens.runtime.internal.provision;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.core.model.TokenStatus;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.CloudflareApiException;
import dev.cftokens.runtime.Secret;
import dev.cftokens.runtime.TokenProvisioner;
import dev.cftokens.runtime.provision.AppliedChange;
import dev.cftokens.runtime.provision.ApplyResult;
import dev.cftokens.runtime.provision.ChangeKind;
import dev.cftokens.runtime.provision.DeclarationScope;
import dev.cftokens.runtime.provision.DesiredToken;
import dev.cftokens.runtime.provision.ExistingToken;
import dev.cftokens.runtime.provision.Plan;
import dev.cftokens.runtime.provision.PlannedChange;
import dev.cftokens.runtime.provision.ProvisioningException;
import dev.cftokens.runtime.provision.ProvisioningMode;
import dev.cftokens.runtime.provision.RotationRequest;
import dev.cftokens.runtime.state.PendingCreate;
import dev.cftokens.runtime.state.StateSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Plan, apply and provision for any number of declarations: what {@link dev.cftokens.runtime.Provisioning}
 * runs. Each call takes the state's lock for its whole run. Internal: use {@code Provisioning}.
 *
 * <p>A run reads the state, lists each owner's tokens (one request per 50 tokens), plans, checks the
 * compiled permission groups against the account's live list before its first write, and carries the
 * plan out. A run with nothing to change sends no write request.
 */
public final class Engine {
    private final Cloudflare cloudflare;
    private final EngineSettings settings;

    /**
     * An engine; each call is one run.
     *
     * @param cloudflare the client every request goes through
     * @param settings the state store, output, parallelism and adoption of every run
     */
    public Engine(Cloudflare cloudflare, EngineSettings settings) {
        this.cloudflare = requireNonNull(cloudflare, "cloudflare");
        this.settings = requireNonNull(settings, "settings");
    }

    /**
     * Plans without changing anything and prints the plan.
     *
     * @param provisioners the declarations to plan for
     * @param scope whether they are every declaration of the application
     * @return the plan
     */
    public Plan plan(Collection<? extends TokenProvisioner<?>> provisioners, DeclarationScope scope) {
        checkProvisions("plan");
        return readAndPlan(new Declared(provisioners, scope));
    }

    /**
     * A plan writes nothing, so it reads beside other readers (a health check, a fleet's starts, another
     * plan) instead of taking locks from a run that applies; it waits only for runs that change the whole
     * state or its declarations. An apply plans again under its own locks.
     */
    private Plan readAndPlan(Declared declared) {
        try (StateSession state = settings.stateStore().openForReading(declared.ids())) {
            return shown(plan(state, declared, RotationRequest.DUE, true).plan());
        }
    }

    /**
     * Plans for the declarations that {@code declarations} loads, read as {@link #plan(Collection,
     * DeclarationScope)} reads, and prints the plan.
     *
     * @param declarations loads the declarations on the calling thread; what it throws ends the run
     * @return the plan
     */
    public Plan plan(Supplier<Declared> declarations) {
        checkProvisions("plan");
        return readAndPlan(loaded(declarations));
    }

    /** Refuses a run that writes (or lists) in a process without the minting credential. */
    private void checkProvisions(String what) {
        if (settings.mode() == ProvisioningMode.CONSUME) {
            throw new ProvisioningException(what + " needs the minting credential, and this process runs in consume"
                    + " mode (" + (cloudflare.hasCredentials() ? "as set" : "no " + Cloudflare.ENV_API_TOKEN + " set")
                    + "): run it where " + Cloudflare.ENV_API_TOKEN + " is set (CI, cftokens-cli, mvn cftokens:"
                    + what + "). Nothing was changed.");
        }
    }

    private Plan shown(Plan plan) {
        print(plan);
        return plan;
    }

    /**
     * Plans, prints the plan, and carries it out.
     *
     * @param provisioners the declarations to apply
     * @param scope whether they are every declaration of the application
     * @return what the apply did
     */
    public ApplyResult apply(Collection<? extends TokenProvisioner<?>> provisioners, DeclarationScope scope) {
        checkProvisions("apply");
        Declared declared = new Declared(provisioners, scope);
        try (StateSession state = open(declared)) {
            return apply(state, declared, Set.of(), RotationRequest.DUE, true).result();
        }
    }

    /**
     * Rotates the tokens of the rotating declarations among {@code declarations} (loaded once the state is
     * locked whole) whose generation is due, and those {@code request} names whatever their schedule; ends
     * the previous generations whose overlap is over. Declarations without {@code @Rotation} are left alone.
     *
     * @param declarations loads the declarations on the calling thread
     * @param request the rotations asked for besides the due ones
     * @return what the run did
     * @throws ProvisioningException naming a requested id that is not a rotating declaration, before
     *     anything is changed
     */
    public ApplyResult rotate(Supplier<Declared> declarations, RotationRequest request) {
        checkProvisions("rotate");
        try (StateSession state = settings.stateStore().open()) {
            Declared loaded = loaded(declarations);
            List<TokenProvisioner<?>> rotating = loaded.provisioners().stream()
                    .filter(provisioner -> provisioner.declaration().rotation().isPresent())
                    .collect(Collectors.toList());
            Set<String> rotatingIds = new Declared(rotating, DeclarationScope.PARTIAL).ids();
            List<String> unknown = request.now().stream()
                    .filter(id -> !rotatingIds.contains(id))
                    .sorted()
                    .collect(Collectors.toList());
            if (!unknown.isEmpty()) {
                throw new ProvisioningException("cannot rotate " + String.join(", ", unknown) + ": "
                        + (unknown.size() == 1 ? "it is" : "they are") + " not a declaration with @Rotation"
                        + " among those found; the rotating declarations are "
                        + (rotatingIds.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(rotatingIds)))
                        + ". Nothing was changed.");
            }
            return apply(state, new Declared(rotating, DeclarationScope.PARTIAL), Set.of(), request, true)
                    .result();
        }
    }

    /**
     * Applies the declarations that {@code declarations} loads once the state is locked (whole), so what a
     * command line or a build finds on a class path is planned against the state as the lock found it.
     *
     * @param declarations loads the declarations on the calling thread; what it throws ends the run, with
     *     nothing changed
     * @return what the apply did
     */
    public ApplyResult apply(Supplier<Declared> declarations) {
        checkProvisions("apply");
        try (StateSession state = settings.stateStore().open()) {
            return apply(state, loaded(declarations), Set.of(), RotationRequest.DUE, true)
                    .result();
        }
    }

    /**
     * Makes these declarations' tokens exist as declared and hands each back with its value, by
     * declaration id in the order given. Tokens that are recorded, unchanged and have their value kept are
     * read under a shared lock, so instances starting together all read at once after the first create;
     * anything else takes these declarations' locks and is applied.
     *
     * @param provisioners the declarations' provisioners
     * @return each token's id, name, status and value, by declaration id
     * @throws ProvisioningException when a value could not be obtained
     */
    public Map<String, ProvisionedValue> provision(Collection<? extends TokenProvisioner<?>> provisioners) {
        if (settings.mode() == ProvisioningMode.CONSUME) {
            return new Consumption(cloudflare, settings).serve(provisioners);
        }
        settings.output()
                .line("Mode: provision (with the minting credential): tokens are created, updated and"
                        + " rotated as declared, in " + settings.stateStore().describe());
        try {
            return provisionWithCredential(provisioners);
        } catch (CloudflareApiException e) {
            if (!settings.modeFollowsCredentials() || !mayNotUseTokens(e)) {
                throw e;
            }
            // Refused before anything was written (the listing comes first): the credential is no minting one.
            settings.output()
                    .line("The credential may not list tokens (" + e.getMessage() + "); serving the tokens from"
                            + " the state instead, as without one.");
            return new Consumption(cloudflare, settings).serve(provisioners);
        }
    }

    /**
     * Whether {@code e} says the credential has no permission on tokens, refusing the listing every
     * provision starts with: a credential for something else, given to a service that only reads its tokens.
     */
    private static boolean mayNotUseTokens(CloudflareApiException e) {
        return e.status() == 403 && "GET".equals(e.method()) && e.path().endsWith("/tokens");
    }

    private Map<String, ProvisionedValue> provisionWithCredential(
            Collection<? extends TokenProvisioner<?>> provisioners) {
        Set<String> ids = new LinkedHashSet<>();
        provisioners.forEach(provisioner -> ids.add(provisioner.declaration().id()));
        Read read = readUnchanged(provisioners, ids);
        if (read.values().isPresent()) {
            return read.values().get();
        }
        if (!read.recorded()) {
            Optional<StateSession> free = settings.stateStore().tryOpen(ids);
            if (free.isPresent()) {
                try (StateSession state = free.get()) {
                    return provisioned(apply(state, provisioners, ids), ids);
                }
            }
            // Another instance is creating them: wait for it as a reader, with the other readers.
            read = readUnchanged(provisioners, ids);
            if (read.values().isPresent()) {
                return read.values().get();
            }
        }
        try (StateSession state = settings.stateStore().open(ids)) {
            return provisioned(apply(state, provisioners, ids), ids);
        }
    }

    private static Map<String, ProvisionedValue> provisioned(Applied applied, Set<String> ids) {
        Map<String, ProvisionedValue> values = new LinkedHashMap<>();
        for (String id : ids) {
            values.put(id, provisioned(applied, id));
        }
        return values;
    }

    /**
     * Reads the tokens under shared locks: their values when every one is recorded, unchanged and its value
     * kept; none when anything must be written (a create, an update, a roll, a leftover, a record to refresh).
     * Nothing is listed before the state shows every token recorded: instances starting together before the
     * first has created the token spend no request here.
     */
    private Read readUnchanged(Collection<? extends TokenProvisioner<?>> provisioners, Set<String> ids) {
        try (StateSession state = settings.stateStore().openForReading(ids)) {
            if (!state.storesValues()
                    || !ids.stream().allMatch(id -> state.record(id).isPresent())) {
                return Read.NOT_RECORDED; // something must be created or rolled: no request spent here
            }
            Plan plan = plan(state, new Declared(provisioners, DeclarationScope.PARTIAL), RotationRequest.DUE, false)
                    .plan();
            Map<String, Secret> kept = new LinkedHashMap<>();
            for (String id : ids) {
                Optional<Secret> value = state.value(id);
                if (value.isEmpty()) {
                    return Read.NOT_RECORDED; // a value kept under another token, or none: it must be rolled
                }
                kept.put(id, value.get());
            }
            Map<String, ProvisionedValue> values = new LinkedHashMap<>();
            for (PlannedChange change : plan.changes()) {
                if (!Unchanged.servedAsIs(change)) {
                    return Read.CHANGED;
                }
                ExistingToken existing = change.existing();
                values.put(
                        change.declarationId(),
                        new ProvisionedValue(
                                existing.id(),
                                change.desired().spec().name(),
                                existing.status(),
                                kept.get(change.declarationId())));
            }
            if (!values.keySet().equals(ids)) {
                return Read.CHANGED;
            }
            print(plan);
            return new Read(Optional.of(values), true);
        }
    }

    /**
     * What a read under shared locks found: the values when every token is recorded and unchanged, and
     * whether the state recorded them all with values at all.
     */
    private record Read(Optional<Map<String, ProvisionedValue>> values, boolean recorded) {
        static final Read NOT_RECORDED = new Read(Optional.empty(), false);
        static final Read CHANGED = new Read(Optional.empty(), true);
    }

    private static ProvisionedValue provisioned(Applied applied, String id) {
        Secret value = applied.values().get(id);
        if (value == null) {
            throw new ProvisioningException("token " + id + " was provisioned but its value could not be obtained");
        }
        AppliedChange change = applied.result().change(id).orElseThrow();
        PlannedChange planned = applied.result().plan().changes().stream()
                .filter(candidate -> candidate.declarationId().equals(id))
                .findFirst()
                .orElseThrow();
        TokenStatus status = planned.kind() == ChangeKind.UNCHANGED
                        || planned.kind() == ChangeKind.ADOPT
                        || planned.kind() == ChangeKind.RETIRE
                ? planned.existing().status()
                : TokenStatus.ACTIVE;
        return new ProvisionedValue(change.tokenId(), planned.desired().spec().name(), status, value);
    }

    /**
     * Deletes the recorded tokens of the named declarations, or of all when none are named, tolerating
     * tokens already gone, and forgets them. Destroying all also deletes what earlier runs' unrecorded
     * creates left.
     *
     * @param declarationIds the declarations whose tokens to delete; empty for all
     * @return the declaration ids whose tokens were deleted, a leftover's as its {@link
     *     dev.cftokens.runtime.provision.Leftover#label()}
     */
    public List<String> destroy(Collection<String> declarationIds) {
        checkProvisions("destroy");
        try (StateSession state = settings.stateStore().open()) {
            return new Destruction(cloudflare, settings, state).destroy(List.copyOf(declarationIds));
        }
    }

    /**
     * The state, locked whole for a run over the complete set of declarations (which may delete any
     * record), or only for the declarations at hand, so instances provisioning other declarations through
     * a shared store go on at once.
     */
    private StateSession open(Declared declared) {
        if (declared.scope() == DeclarationScope.COMPLETE) {
            return settings.stateStore().open();
        }
        return settings.stateStore().open(declared.ids());
    }

    private record Applied(ApplyResult result, Map<String, Secret> values) {}

    /** Applies {@code provisioners} alone, handing back the values of {@code valuesNeeded}. */
    private Applied apply(
            StateSession state, Collection<? extends TokenProvisioner<?>> provisioners, Set<String> valuesNeeded) {
        return apply(
                state, new Declared(provisioners, DeclarationScope.PARTIAL), valuesNeeded, RotationRequest.DUE, false);
    }

    private Applied apply(
            StateSession state,
            Declared declared,
            Set<String> valuesNeeded,
            RotationRequest rotations,
            boolean upkeep) {
        long start = System.nanoTime();
        Planned planned = plan(state, declared, rotations, upkeep);
        Plan plan = planned.plan();
        print(plan, ValueRolls.of(plan, state, valuesNeeded));
        refuseRollsOfAdopted(plan, valuesNeeded);
        if (plan.changes().stream().anyMatch(change -> change.kind().writes())) {
            checkLivePermissions(plan);
        }
        ExecutionOptions options = ExecutionOptions.afterListing(
                        settings.concurrency(),
                        settings.clock(),
                        planned.observed().listing(),
                        planned.observed().pending())
                .handingBack(valuesNeeded);
        Execution execution = new PlanExecutor(cloudflare, state, settings.output(), options).execute(plan);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        execution.failIfAny();
        forgetSettled(state, planned.pendingPlannedFor(), planned::sees, execution);
        if (plan.hasChanges()) {
            settings.output().line(complete(execution.applied(), elapsed));
        }
        return new Applied(new ApplyResult(plan, execution.applied(), elapsed), execution.values());
    }

    /**
     * Refuses, before anything is written, to adopt a token this state did not create when its value must
     * be handed back: the value is in no state this run can read, and rolling it would break every other
     * holder (typically another instance of the same service with a state of its own).
     */
    private void refuseRollsOfAdopted(Plan plan, Set<String> valuesNeeded) {
        if (settings.adoption().rollAdopted()) {
            return;
        }
        for (PlannedChange change : plan.changes()) {
            String id = change.declarationId();
            if (change.adoptsFromElsewhere() && valuesNeeded.contains(id)) {
                throw new ProvisioningException(id + ": Cloudflare already has token "
                        + change.existing().id()
                        + " with this declaration's name and grants, but "
                        + settings.stateStore().describe()
                        + " did not create it and holds no value for it. Rolling it to get a value would break"
                        + " whoever holds the current one (another instance of this service with its own state?)."
                        + " Share one state between all instances (CFTOKENS_STATE=jdbc:postgresql://...), or allow"
                        + " the roll with Provisioning.rollAdopted(true) (cftokens.roll-adopted=true in Spring Boot)."
                        + " Nothing was changed.");
            }
        }
    }

    /**
     * Reports the plan as {@link Plan#render()} shows it: the changes, each warning as a warning (what a user
     * must see even when only warnings are logged), and the summary.
     */
    private void print(Plan plan) {
        print(plan, ValueRolls.NONE);
    }

    /** As {@link #print(Plan)}, with the lines of the tokens the run rolls for want of a kept value. */
    private void print(Plan plan, ValueRolls rolls) {
        if (!plan.changes().isEmpty()) {
            settings.output().line(plan.changes().stream().map(rolls::describe).collect(Collectors.joining("\n")));
        }
        plan.warnings().forEach(settings.output()::warning);
        rolls.warnings().forEach(settings.output()::warning);
        settings.output().line(rolls.summary(plan));
    }

    /** One request per owner and Cloudflare instance (cached), made only when something will be written. */
    private void checkLivePermissions(Plan plan) {
        List<DesiredToken> written = plan.changes().stream()
                .filter(change -> change.desired() != null && change.kind().writes())
                .map(PlannedChange::desired)
                .collect(Collectors.toList());
        for (TokenOwner owner : TokenOwner.values()) {
            List<DesiredToken> owned =
                    written.stream().filter(token -> token.owner() == owner).collect(Collectors.toList());
            if (!owned.isEmpty()) {
                LivePermissionCheck.verify(owned, cloudflare.livePermissionGroups(owner));
            }
        }
    }

    /**
     * After a successful run, forgets the pending creates it planned for whose tokens it could see: each
     * was adopted, or its token deleted or never made. Those whose leftover could not be deleted stay, and
     * so does one a create of this run wrote since (another record).
     */
    static void forgetSettled(
            StateSession state, Collection<PendingCreate> planned, Predicate<PendingCreate> seen, Execution execution) {
        for (PendingCreate create : planned) {
            if (seen.test(create)
                    && !execution.pendingKept().contains(create.declarationId())
                    && state.pendingCreates().contains(create)) {
                state.removePendingCreate(create.declarationId());
            }
        }
    }

    /**
     * A plan, what it was made from, the declarations it was made for, and the account it provisions
     * (null when no account's).
     */
    private record Planned(Plan plan, Observed observed, Declared declared, String accountId) {
        boolean sees(PendingCreate create) {
            return Planner.sees(create, observed.listing().owners(), accountId);
        }

        /** Without the full set, only the pending creates of the declarations at hand were planned for. */
        List<PendingCreate> pendingPlannedFor() {
            return observed.pending().stream()
                    .filter(create -> declared.considers(create.declarationId()))
                    .collect(Collectors.toList());
        }
    }

    /** The declarations {@code declarations} loads, on the calling thread. */
    private static Declared loaded(Supplier<Declared> declarations) {
        return requireNonNull(declarations.get(), "declarations");
    }

    private Planned plan(StateSession state, Declared declared, RotationRequest rotations, boolean upkeep) {
        // One copy of the records for the whole plan: nothing is written to the state while it is made.
        StateSnapshot snapshot = StateSnapshot.of(state);
        Set<TokenOwner> owners = snapshot.owners(declared);
        String accountId = owners.contains(TokenOwner.ACCOUNT) ? cloudflare.accountId() : null;
        List<DesiredToken> desired = new ArrayList<>();
        for (TokenProvisioner<?> provisioner : declared.provisioners()) {
            desired.add(DesiredToken.resolve(provisioner, cloudflare::accountId));
        }
        Observed observed = new Observed(
                snapshot.records(), snapshot.pending(), snapshot.list(cloudflare, owners), snapshot.previousHeldBy());
        Plan plan = new Planner(
                        observed,
                        new PlanContext(
                                accountId,
                                settings.adoption().adoptUnrecorded(),
                                settings.clock().instant(),
                                rotations,
                                upkeep))
                .plan(desired, declared.scope());
        return new Planned(plan, observed, declared, accountId);
    }

    /** {@code Apply complete: 3 created, 1 repaired, 1 rolled in 2.1 s.} */
    private static String complete(List<AppliedChange> applied, Duration elapsed) {
        return String.format(Locale.ROOT, "Apply complete: %s in %.1f s.", done(applied), elapsed.toNanos() / 1e9);
    }

    /** Such as {@code 3 created, 1 repaired, 1 rolled}. */
    private static String done(List<AppliedChange> applied) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ChangeKind kind : ChangeKind.values()) {
            for (AppliedChange change : applied) {
                if (change.kind() == kind && kind != ChangeKind.UNCHANGED) {
                    counts.merge(kind.pastTense(), 1L, Long::sum);
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
