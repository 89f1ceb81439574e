package dev.cftokens.runtime.internal.provision;

import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.provision.AppliedChange;
import dev.cftokens.runtime.provision.ChangeKind;
import dev.cftokens.runtime.provision.DeclarationScope;
import dev.cftokens.runtime.provision.Plan;
import dev.cftokens.runtime.provision.PlannedChange;
import dev.cftokens.runtime.provision.ProvisioningException;
import dev.cftokens.runtime.state.PendingCreate;
import dev.cftokens.runtime.state.StateSession;
import dev.cftokens.runtime.state.TokenRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One destroy run in a locked state: deletes the recorded tokens of the named declarations, or of all,
 * tolerating tokens already gone; destroying all also deletes what earlier runs' unrecorded creates left.
 */
record Destruction(Cloudflare cloudflare, EngineSettings settings, StateSession state) {
    /** Destroys and returns what was deleted: declaration ids, and leftovers' labels. */
    List<String> destroy(List<String> declarationIds) {
        long start = System.nanoTime();
        List<TokenRecord> records = declarationIds.isEmpty() ? List.copyOf(state.records()) : named(declarationIds);
        Plan plan = new Plan(deletes(records));
        plan.changes().forEach(change -> settings.output().line(change.describe()));
        Execution execution = new PlanExecutor(
                        cloudflare,
                        state,
                        settings.output(),
                        ExecutionOptions.withoutListing(settings.concurrency(), settings.clock()))
                .execute(plan);
        execution.failIfAny();
        List<String> destroyed = new ArrayList<>();
        execution.applied().forEach(change -> destroyed.add(change.declarationId()));
        if (declarationIds.isEmpty()) {
            destroyed.addAll(destroyLeftovers());
        }
        settings.output()
                .line(String.format(
                        Locale.ROOT,
                        "Destroy complete: %d deleted in %.1f s.",
                        destroyed.size(),
                        (System.nanoTime() - start) / 1e9));
        return destroyed;
    }

    /** The records of the named declarations; a mistyped id must not pass for done. */
    private List<TokenRecord> named(List<String> declarationIds) {
        List<TokenRecord> records = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String id : declarationIds) {
            state.record(id).ifPresentOrElse(records::add, () -> unknown.add(id));
        }
        if (!unknown.isEmpty()) {
            // A token merely gone from Cloudflare is in the state, and its delete is tolerated.
            List<String> recorded = state.records().stream()
                    .filter(record -> !RetiredRecords.isRetired(record))
                    .map(TokenRecord::declarationId)
                    .sorted()
                    .collect(Collectors.toList());
            throw new ProvisioningException(
                    "not in the state " + settings.stateStore().describe() + ": "
                            + String.join(", ", unknown) + "; nothing was destroyed. The state records "
                            + (recorded.isEmpty() ? "no tokens" : String.join(", ", recorded)) + ".");
        }
        return records;
    }

    /** A delete per record, except for records of another account, which these credentials cannot delete. */
    private List<PlannedChange> deletes(List<TokenRecord> records) {
        String accountId =
                records.stream().anyMatch(r -> r.owner() == TokenOwner.ACCOUNT) ? cloudflare.accountId() : null;
        List<PlannedChange> changes = new ArrayList<>();
        for (TokenRecord record : records) {
            if (record.owner() == TokenOwner.ACCOUNT
                    && record.accountId() != null
                    && !record.accountId().equals(accountId)) {
                settings.output()
                        .line("  " + record.declarationId() + ": recorded in account " + record.accountId() + ", not "
                                + accountId + "; left alone");
                continue;
            }
            changes.add(
                    PlannedChange.builder(ChangeKind.DELETE).recorded(record).build());
        }
        return changes;
    }

    /**
     * Deletes the tokens that earlier runs' unrecorded creates left (exactly as a full apply of no
     * declarations would), and forgets those pending creates.
     */
    private List<String> destroyLeftovers() {
        Collection<PendingCreate> pending = state.pendingCreates();
        if (pending.isEmpty()) {
            return List.of();
        }
        Set<TokenOwner> owners = EnumSet.noneOf(TokenOwner.class);
        pending.forEach(create -> owners.add(create.owner()));
        String accountId = owners.contains(TokenOwner.ACCOUNT) ? cloudflare.accountId() : null;
        Listing listing = Listing.of(cloudflare, owners);
        Plan plan = new Planner(
                        new Observed(List.of(), pending, listing),
                        new PlanContext(accountId, false, settings.clock().instant()))
                .plan(List.of(), DeclarationScope.COMPLETE);
        plan.changes().forEach(change -> settings.output().line(change.describe()));
        plan.warnings().forEach(settings.output()::warning);
        Execution execution = new PlanExecutor(
                        cloudflare,
                        state,
                        settings.output(),
                        ExecutionOptions.afterListing(settings.concurrency(), settings.clock(), listing, pending))
                .execute(plan);
        execution.failIfAny();
        Engine.forgetSettled(state, pending, create -> Planner.sees(create, listing.owners(), accountId), execution);
        return execution.applied().stream().map(AppliedChange::declarationId).collect(Collectors.toList());
    }
}
