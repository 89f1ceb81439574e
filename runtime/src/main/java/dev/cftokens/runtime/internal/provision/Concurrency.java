package dev.cftokens.runtime.internal.provision;

import static java.util.Objects.requireNonNull;

import java.util.function.IntSupplier;

/**
 * How many changes a run carries out at once: a number the user fixed, or one that follows the client's
 * pace (its rate limit and measured round trip), read again as the run goes so a run that started before any
 * round trip was measured (a destroy sends nothing before its deletes) grows to it.
 *
 * @param target the number of changes to run at once now, at least 1
 * @param adapts whether {@code target} may change during a run
 */
public record Concurrency(IntSupplier target, boolean adapts) {
    /**
     * Checks the components.
     *
     * @param target the number of changes to run at once now, at least 1
     * @param adapts whether {@code target} may change during a run
     */
    public Concurrency {
        requireNonNull(target, "target");
    }

    /**
     * Always {@code parallelism}.
     *
     * @param parallelism the number of changes at once, at least 1
     * @return the fixed concurrency
     */
    public static Concurrency fixed(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
        return new Concurrency(() -> parallelism, false);
    }

    /**
     * Whatever {@code target} says at the time.
     *
     * @param target read each time a run decides how many changes to start
     * @return the adapting concurrency
     */
    public static Concurrency following(IntSupplier target) {
        return new Concurrency(target, true);
    }

    /** The number of changes to run at once now, never below 1. */
    int now() {
        return Math.max(1, target.getAsInt());
    }
}
