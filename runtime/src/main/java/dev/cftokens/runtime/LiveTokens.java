package dev.cftokens.runtime;

import dev.cftokens.core.model.RotationPolicy;
import dev.cftokens.runtime.internal.provision.Generations;
import dev.cftokens.runtime.provision.ProvisioningOutput;
import dev.cftokens.runtime.state.Holding;
import dev.cftokens.runtime.state.PreviousGeneration;
import dev.cftokens.runtime.state.StateSession;
import dev.cftokens.runtime.state.StateStore;
import dev.cftokens.runtime.state.TokenRecord;
import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps {@link ProvisionedToken}s current: every refresh interval each reads its declaration's record and
 * value from the state (under a shared lock, one read, no request to Cloudflare) and moves to the recorded
 * token when it is another one. One daemon thread for the JVM schedules every handle's refresh, which runs
 * on a daemon worker, so a handle waiting for its store holds up no other; a handle the application dropped
 * stops being refreshed.
 *
 * <p>A handle of a rotating token in a process that may rotate also runs the rotation when the recorded
 * generation is due or its previous generation's overlap is over: an apply of the declaration under the state's locks,
 * so across a fleet the first instance to get there rotates and the others find the successor recorded.
 */
final class LiveTokens {
    /** Says when each handle's refresh is due; the refreshes themselves run on {@link #WORKERS}. */
    private static final ScheduledExecutorService REFRESHES = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "cftokens-refresh");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Runs the refreshes: one handle waiting for a store (a lock held elsewhere, a database restarting) or
     * rotating its token never holds up the others.
     */
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "cftokens-refresh-worker");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * This process in holders' names: its pid and host (what an operator looks for) and a random part, since
     * every container's first process has pid 1.
     */
    private static final String PROCESS = ProcessHandle.current().pid() + "@"
            + Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost") + " ("
            + java.util.UUID.randomUUID().toString().substring(0, 8) + ")";

    /** How soon after a start a handle refreshes first, at the latest. */
    private static final Duration FIRST_REFRESH = Duration.ofSeconds(1);

    private static final java.util.concurrent.atomic.AtomicLong HANDLES = new java.util.concurrent.atomic.AtomicLong();

    private LiveTokens() {}

    /**
     * What a handle of a rotating token does besides reading: {@code provision} (an apply of the declaration
     * under the state's locks, which rotates the due generation and retires the previous one) when the
     * recorded generation needs it by {@code clock}.
     */
    record Upkeep(RotationPolicy policy, Clock clock, Runnable provision) {
        /** Due, or a previous generation the planner would retire now. */
        boolean needed(TokenRecord record, Collection<Holding> holdings) {
            Instant now = clock.instant();
            if (Generations.due(policy, record, null, now)) {
                return true;
            }
            PreviousGeneration previous = record.previous();
            return previous != null
                    && Generations.retirable(
                            previous,
                            Generations.holdersOf(Generations.live(holdings), previous.tokenId()),
                            now,
                            Optional.of(policy));
        }
    }

    /**
     * Refreshes {@code token} from {@code store} every {@code interval} while the application holds it,
     * reporting to {@code output} when the state cannot be read.
     */
    static void follow(
            ProvisionedToken<?> token,
            StateStore store,
            Duration interval,
            ProvisioningOutput output,
            Optional<Upkeep> upkeep) {
        WeakReference<ProvisionedToken<?>> held = new WeakReference<>(token);
        Holder holder = new Holder(PROCESS + "#" + HANDLES.incrementAndGet(), lapse(interval), output);
        AtomicReference<ScheduledFuture<?>> scheduled = new AtomicReference<>();
        // The first refresh may finish before the schedule's future is known: it then stops the schedule.
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            stopped.set(true);
            ScheduledFuture<?> future = scheduled.get();
            if (future != null) {
                future.cancel(false);
            }
        };
        Runnable refresh = new Runnable() {
            private boolean failing;

            @Override
            public void run() {
                ProvisionedToken<?> live = held.get();
                if (live == null) {
                    stop.run();
                    return;
                }
                try {
                    if (!refresh(live, store, upkeep, holder)) {
                        stop.run();
                        return;
                    }
                    if (failing) {
                        output.line(live.declarationId() + ": " + store.describe() + " can be read again");
                        failing = false;
                    }
                } catch (RuntimeException e) {
                    live.refreshFailed(e);
                    // The value held stays in use; said once per spell of failures, not at every interval.
                    if (!failing) {
                        output.warning(live.declarationId() + ": cannot read " + store.describe()
                                + " to follow rotations (" + e.getMessage() + "); keeping token " + live.id()
                                + " until it can");
                        failing = true;
                    }
                }
            }
        };
        // A caller refused by Cloudflare reads now, on its own thread; no rotation is run from there.
        token.rereadWith(() -> {
            ProvisionedToken<?> live = held.get();
            if (live != null) {
                read(live, store, holder);
            }
        });
        long nanos = interval.toNanos();
        // The first refresh soon after the start (it notes the holding that keeps a previous generation alive
        // for this handle), not in the start itself, whose run has just read the state.
        AtomicBoolean running = new AtomicBoolean();
        Runnable dispatch = () -> {
            // A refresh still running when the next is due is not doubled; the next tick tries again.
            if (!stopped.get() && running.compareAndSet(false, true)) {
                WORKERS.execute(() -> {
                    try {
                        refresh.run();
                    } finally {
                        running.set(false);
                    }
                });
            }
        };
        long first = Math.min(nanos, FIRST_REFRESH.toNanos());
        scheduled.set(REFRESHES.scheduleWithFixedDelay(dispatch, first, nanos, TimeUnit.NANOSECONDS));
        if (stopped.get()) {
            scheduled.get().cancel(false);
        }
    }

    /**
     * Reads the declaration's token from the state once, and moves the handle to it when it is another;
     * with {@code upkeep}, first rotates when the recorded generation needs it.
     *
     * @return false when the state keeps no values, so there is nothing to follow
     */
    static boolean refresh(ProvisionedToken<?> token, StateStore store, Optional<Upkeep> upkeep, Holder holder) {
        Optional<Read> read = read(token, store, holder);
        if (read.isEmpty()) {
            return false;
        }
        Optional<TokenRecord> record = read.get().record();
        if (upkeep.isPresent()
                && record.isPresent()
                && upkeep.get().needed(record.get(), read.get().holdings())) {
            upkeep.get().provision().run();
            read(token, store, holder);
        }
        return true;
    }

    /** Who a handle is in the state's holdings, and how long a holding of it lasts without a refresh. */
    record Holder(String name, Duration lapse, ProvisioningOutput output, AtomicBoolean warned, Object reading) {
        Holder(String name, Duration lapse, ProvisioningOutput output) {
            this(name, lapse, output, new AtomicBoolean(), new Object());
        }
    }

    /** What one refresh read: the record, and who holds the declaration's tokens. */
    private record Read(Optional<TokenRecord> record, Collection<Holding> holdings) {}

    /** Three refreshes missed, and never less than a minute: a slow read is not a dead process. */
    private static Duration lapse(Duration interval) {
        Duration three = interval.multipliedBy(3);
        return three.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : three;
    }

    /**
     * One read under a shared lock: the record, after noting the token the handle holds; then, the lock
     * let go, the handle moved to the record's token, so no listener runs while the state is locked. A
     * handle's reads (its refreshes, a caller's after a rejection) take turns, so none moves it back.
     * Empty when no values are kept.
     */
    private static Optional<Read> read(ProvisionedToken<?> token, StateStore store, Holder holder) {
        synchronized (holder.reading()) {
            Optional<Read> read;
            Optional<Secret> moveTo = Optional.empty();
            String id = token.declarationId();
            try (StateSession state = store.openForReading(Set.of(id))) {
                if (!state.storesValues()) {
                    return Optional.empty();
                }
                Optional<TokenRecord> record = state.record(id);
                if (record.isPresent() && !record.get().tokenId().equals(token.id())) {
                    moveTo = state.value(id);
                }
                // The token about to be held, when it moves; a holding of the old one would keep it alive.
                String holds = moveTo.isPresent() ? record.get().tokenId() : token.id();
                hold(state, store, holder, id, holds);
                read = Optional.of(new Read(record, state.holdings(id)));
            }
            if (moveTo.isPresent()) {
                TokenRecord record = read.get().record().orElseThrow();
                token.moveTo(record.tokenId(), record.name(), moveTo.get());
            }
            return read;
        }
    }

    /** Notes that the handle holds {@code tokenId}; a failure is said once and does not stop following. */
    private static void hold(StateSession state, StateStore store, Holder holder, String id, String tokenId) {
        try {
            state.hold(new Holding(id, holder.name(), tokenId, Instant.now().plus(holder.lapse())));
        } catch (RuntimeException e) {
            // Only the previous generation's wait for this handle is lost.
            if (!holder.warned().getAndSet(true)) {
                holder.output()
                        .warning(id + ": cannot note in " + store.describe() + " that " + holder.name()
                                + " holds token " + tokenId + " (" + e.getMessage() + "); a previous"
                                + " generation may be deleted before this handle moves");
            }
        }
    }
}
