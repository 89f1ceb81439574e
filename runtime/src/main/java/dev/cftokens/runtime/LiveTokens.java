package dev.cftokens.runtime;

import dev.cftokens.runtime.provision.ProvisioningOutput;
import dev.cftokens.runtime.state.StateSession;
import dev.cftokens.runtime.state.StateStore;
import dev.cftokens.runtime.state.TokenRecord;
import java.lang.ref.WeakReference;
import java.time.Duration;
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
 */
final class LiveTokens {
    private static final ScheduledExecutorService REFRESHES = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "cftokens-refresh");
        thread.setDaemon(true);
        return thread;
    });

    private LiveTokens() {}

    /**
     * Refreshes {@code token} from {@code store} every {@code interval} while the application holds it,
     * reporting to {@code output} when the state cannot be read.
     */
    static void follow(ProvisionedToken<?> token, StateStore store, Duration interval, ProvisioningOutput output) {
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
                    if (!refresh(live, store)) {
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
     * Reads the declaration's token from the state once, and moves the handle to it when it is another.
     *
     * @return false when the state keeps no values, so there is nothing to follow
     */
    static boolean refresh(ProvisionedToken<?> token, StateStore store) {
        String id = token.declarationId();
        try (StateSession state = store.openForReading(Set.of(id))) {
            if (!state.storesValues()) {
                return false;
            }
            Optional<TokenRecord> record = state.record(id);
            if (record.isPresent() && !record.get().tokenId().equals(token.id())) {
                Optional<Secret> value = state.value(id);
                if (value.isPresent()) {
                    token.moveTo(record.get().tokenId(), record.get().name(), value.get());
                }
            }
            return true;
        }
    }
}
