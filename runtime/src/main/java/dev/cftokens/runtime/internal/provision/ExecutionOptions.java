package dev.cftokens.runtime.internal.provision;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.state.PendingCreate;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a {@link PlanExecutor} carries a plan out.
 *
 * @param concurrency how many groups of changes run at once
 * @param clock the time pending creates and generations are recorded with
 * @param valuesNeeded declaration ids whose values the caller needs handed back
 * @param listedTokenIds the ids of every token the listing the plan came from showed; empty for a plan
 *     made without listing (destroy), in which case every delete is sent
 * @param pendingAtPlanning the pending creates the plan was made with
 */
record ExecutionOptions(
        Concurrency concurrency,
        Clock clock,
        Set<String> valuesNeeded,
        Optional<Set<String>> listedTokenIds,
        Collection<PendingCreate> pendingAtPlanning) {
    ExecutionOptions {
        requireNonNull(clock, "clock");
        valuesNeeded = Set.copyOf(valuesNeeded);
        listedTokenIds = listedTokenIds.map(Set::copyOf);
        pendingAtPlanning = List.copyOf(pendingAtPlanning);
    }

    /** For a plan made from {@code listing}, with the state's {@code pending} creates at the time. */
    static ExecutionOptions afterListing(
            Concurrency concurrency, Clock clock, Listing listing, Collection<PendingCreate> pending) {
        return new ExecutionOptions(concurrency, clock, Set.of(), Optional.of(listing.ids()), pending);
    }

    /** For deletes planned from the state alone. */
    static ExecutionOptions withoutListing(Concurrency concurrency, Clock clock) {
        return new ExecutionOptions(concurrency, clock, Set.of(), Optional.empty(), List.of());
    }

    /** These options, handing back the value of {@code declarationIds}' tokens. */
    ExecutionOptions handingBack(Set<String> declarationIds) {
        return new ExecutionOptions(concurrency, clock, declarationIds, listedTokenIds, pendingAtPlanning);
    }

    /** Whether the plan's listing showed the token {@code id}; false for any token without a listing. */
    boolean listed(String id) {
        return listedTokenIds.map(ids -> ids.contains(id)).orElse(false);
    }
}
