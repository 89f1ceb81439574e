package dev.cftokens.runtime.internal.provision;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.provision.ProvisioningOutput;
import dev.cftokens.runtime.state.StateStore;

/**
 * What {@link dev.cftokens.runtime.Provisioning} configures for a run; it checks the values.
 *
 * @param stateStore where the state is kept
 * @param output where plans, progress and warnings go
 * @param concurrency how many changes run at once
 * @param adoption what a run does with tokens it did not create
 * @param beforeWrites run when an apply is about to write (a declaration its state has no record of, or a
 *     plan that writes), before the work that precedes its first write, so that the client gets its write path
 *     ready meanwhile (OkHttp's classes take a cold JVM 0.15 s); may run more than once
 */
public record EngineSettings(
        StateStore stateStore,
        ProvisioningOutput output,
        Concurrency concurrency,
        Adoption adoption,
        Runnable beforeWrites) {
    /**
     * Checks the components.
     *
     * @param stateStore where the state is kept
     * @param output where plans, progress and warnings go
     * @param concurrency how many changes run at once
     * @param adoption what a run does with tokens it did not create
     * @param beforeWrites run when an apply is about to write, before the work that precedes its first write
     * @throws NullPointerException when a component is null
     */
    public EngineSettings {
        requireNonNull(beforeWrites, "beforeWrites");
        requireNonNull(concurrency, "concurrency");
        requireNonNull(stateStore, "stateStore");
        requireNonNull(output, "output");
        requireNonNull(adoption, "adoption");
    }
}
