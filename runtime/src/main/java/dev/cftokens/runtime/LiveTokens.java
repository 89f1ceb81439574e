package dev.cftokens.runtime;

import dev.cftokens.core.model.RotationPolicy;
import dev.cftokens.runtime.internal.provision.Generations;
import dev.cftokens.runtime.provision.ProvisioningOutput;
import dev.cftokens.runtime.state.StateSession;
import dev.cftokens.runtime.state.StateStore;
import dev.cftokens.runtime.state.TokenRecord;
import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps {@link ProvisionedToken}s current: every refresh interval each reads its declaration's record and
 * value from the state (under a shared lock, one read, no request to Cloudflare) and moves to the recorded
 * token when it is another one. One daemon thread for the JVM serves every handle; a handle the
 * application dropped stops being refreshed.
 *
 * <p>A handle of a rotating token in a process that may rotate also runs the rotation when the recorded
 * generation is due or its previous generation's overlap is over: a provision under the state's locks,
 * so across a fleet the first instance to get there rotates and the others find the successor recorded.
 */
final class LiveTokens {
    private static final ScheduledExecutorService REFRESHES = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "cftokens-refresh");
        thread.setDaemon(true);
        return thread;
    });

    private LiveTokens() {}

    /**
     * What a handle of a rotating token does besides reading: {@code provision} (the declaration's
     * provision under the state's locks) when the recorded generation needs it by {@code clock}.
     */
    record Upkeep(RotationPolicy policy, Clock clock, Runnable provision) {
        boolean needed(TokenRecord record) {
            Instant now = clock.instant();
            return Generations.due(policy, record, null, now)
                    || record.previousGeneration()
                            .map(previous -> previous.retiringAt(now))
                            .orElse(false);
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
        AtomicReference<ScheduledFuture<?>> scheduled = new AtomicReference<>();
        Runnable refresh = new Runnable() {
            private boolean failing;

            @Override
            public void run() {
                ProvisionedToken<?> live = held.get();
                if (live == null) {
                    scheduled.get().cancel(false);
                    return;
                }
                try {
                    if (!refresh(live, store, upkeep)) {
                        scheduled.get().cancel(false);
                        return;
                    }
                    if (failing) {
                        output.line(live.declarationId() + ": " + store.describe() + " can be read again");
                        failing = false;
                    }
                } catch (RuntimeException e) {
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
        long nanos = interval.toNanos();
        scheduled.set(REFRESHES.scheduleWithFixedDelay(refresh, nanos, nanos, TimeUnit.NANOSECONDS));
    }

    /**
     * Reads the declaration's token from the state once, and moves the handle to it when it is another;
     * with {@code upkeep}, first rotates when the recorded generation needs it.
     *
     * @return false when the state keeps no values, so there is nothing to follow
     */
    static boolean refresh(ProvisionedToken<?> token, StateStore store, Optional<Upkeep> upkeep) {
        Optional<Optional<TokenRecord>> read = read(token, store);
        if (read.isEmpty()) {
            return false;
        }
        Optional<TokenRecord> record = read.get();
        if (upkeep.isPresent() && record.isPresent() && upkeep.get().needed(record.get())) {
            upkeep.get().provision().run();
            read(token, store);
        }
        return true;
    }

    /** One read under a shared lock: the record, after moving the handle to it; empty when no values are kept. */
    private static Optional<Optional<TokenRecord>> read(ProvisionedToken<?> token, StateStore store) {
        String id = token.declarationId();
        try (StateSession state = store.openForReading(Set.of(id))) {
            if (!state.storesValues()) {
                return Optional.empty();
            }
            Optional<TokenRecord> record = state.record(id);
            if (record.isPresent() && !record.get().tokenId().equals(token.id())) {
                Optional<Secret> value = state.value(id);
                if (value.isPresent()) {
                    token.moveTo(record.get().tokenId(), record.get().name(), value.get());
                }
            }
            return Optional.of(record);
        }
    }
}
