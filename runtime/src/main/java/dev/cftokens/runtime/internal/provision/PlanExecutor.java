package dev.cftokens.runtime.internal.provision;

import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.provision.AppliedChange;
import dev.cftokens.runtime.provision.ChangeKind;
import dev.cftokens.runtime.provision.Plan;
import dev.cftokens.runtime.provision.PlannedChange;
import dev.cftokens.runtime.provision.ProvisioningException;
import dev.cftokens.runtime.provision.ProvisioningOutput;
import dev.cftokens.runtime.state.StateSession;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Carries out a {@link Plan}: its {@link ChangeGroups} run on a bounded pool, as many at once as the run's
 * {@link Concurrency} says (the client's rate limiter paces the requests), each group's changes one after
 * another, and {@link TokenWrites} records each token the moment it exists. A failed change fails the run once every other change is done; a leftover that
 * could not be deleted keeps its pending create for the next run instead.
 */
final class PlanExecutor {
    private final StateSession state;
    private final ProvisioningOutput output;
    private final ExecutionOptions options;
    private final TokenWrites writes;
    private final ConcurrentLinkedQueue<AppliedChange> applied = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final Set<String> pendingKept = ConcurrentHashMap.newKeySet();

    PlanExecutor(Cloudflare cloudflare, StateSession state, ProvisioningOutput output, ExecutionOptions options) {
        this.state = state;
        this.output = output;
        this.options = options;
        this.writes = new TokenWrites(cloudflare, state, output, options);
    }

    /** Carries {@code plan} out; an executor carries out one plan. */
    Execution execute(Plan plan) {
        writes.claimPlanned(plan.changes());
        Collection<List<PlannedChange>> groups = ChangeGroups.of(plan);
        Progress progress = new Progress(output, ChangeGroups.work(plan));
        runAll(groups, progress);
        restorePendingCreates();
        return new Execution(inPlanOrder(plan), writes.values(), List.copyOf(failures), Set.copyOf(pendingKept));
    }

    private void runAll(Collection<List<PlannedChange>> groups, Progress progress) {
        if (offline(groups)) {
            // Nothing to send: no pool of threads for changes that only read the state.
            groups.forEach(group -> group.forEach(change -> run(change, progress)));
            return;
        }
        AtomicInteger threadNumber = new AtomicInteger();
        int most = Math.max(1, groups.size());
        int threads = Math.min(options.concurrency().now(), most);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "cftokens-apply-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (List<PlannedChange> group : groups) {
                futures.add(pool.submit(() -> {
                    group.forEach(change -> run(change, progress));
                    if (options.concurrency().adapts()) {
                        grow(pool, Math.min(options.concurrency().now(), most));
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
    }

    /** Whether every change only keeps its token, and no value is to be handed back: then none sends a request. */
    private boolean offline(Collection<List<PlannedChange>> groups) {
        return options.valuesNeeded().isEmpty()
                && groups.stream()
                        .allMatch(group -> group.stream().allMatch(change -> change.kind() == ChangeKind.UNCHANGED));
    }

    /**
     * Adds threads up to {@code target} once the client's measured round trip asks for more than the run
     * started with (never fewer: a thread idles out when the queue is empty anyway). New threads take
     * queued groups at once.
     */
    private static void grow(ThreadPoolExecutor pool, int target) {
        synchronized (pool) {
            if (target > pool.getMaximumPoolSize()) {
                pool.setMaximumPoolSize(target);
                pool.setCorePoolSize(target);
            }
        }
    }

    private void run(PlannedChange change, Progress progress) {
        if (change.kind().creates() && pendingKept.contains(change.declarationId())) {
            failures.add(change.declarationId()
                    + ": not created, because the unrecorded token of its earlier"
                    + " create could not be deleted (see above); the next run tries both again");
            progress.finished();
            return;
        }
        try {
            applied.add(writes.apply(change));
        } catch (RuntimeException e) {
            change.leftover()
                    .ifPresentOrElse(
                            leftover -> {
                                pendingKept.add(leftover.declarationId());
                                output.line("! could not delete unrecorded token " + leftover.tokenId() + " ("
                                        + e.getMessage() + "); the next run tries again");
                            },
                            () -> failures.add(change.declarationId() + ": " + e.getMessage()));
        }
        if (change.kind() != ChangeKind.UNCHANGED) {
            progress.finished();
        }
    }

    /**
     * Puts back, once every change is done, the pending creates whose leftover could not be deleted:
     * recording the declaration's own token (a keep, a roll) drops its pending create, which must outlive
     * this run while its token is still there. A pending create this run wrote since is newer and stays.
     */
    private void restorePendingCreates() {
        for (String id : pendingKept) {
            boolean newer = state.pendingCreates().stream()
                    .anyMatch(create -> create.declarationId().equals(id));
            if (!newer) {
                options.pendingAtPlanning().stream()
                        .filter(create -> create.declarationId().equals(id))
                        .findFirst()
                        .ifPresent(state::putPendingCreate);
            }
        }
    }

    private List<AppliedChange> inPlanOrder(Plan plan) {
        Map<String, AppliedChange> byDeclaration = new LinkedHashMap<>();
        applied.forEach(change -> byDeclaration.put(change.declarationId(), change));
        List<AppliedChange> ordered = new ArrayList<>();
        for (PlannedChange change : plan.changes()) {
            AppliedChange done = byDeclaration.get(change.declarationId());
            if (done != null) {
                ordered.add(done);
            }
        }
        return ordered;
    }
}
