package dev.cftokens.runtime.internal.provision;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.provision.ProvisioningOutput;
import dev.cftokens.runtime.state.StateStore;

/**
 * What {@link dev.cftokens.runtime.Provisioning} configures for a run; it checks the values.
 *
 * @param stateStore where the state is kept
 * @param output where plans, progress and warnings go
 * @param parallelism how many changes run at once
 * @param adoption what a run does with tokens it did not create
 */
public record EngineSettings(StateStore stateStore, ProvisioningOutput output, int parallelism, Adoption adoption) {
    /**
     * Checks the components.
     *
     * @param stateStore where the state is kept
     * @param output where plans, progress and warnings go
     * @param parallelism how many changes run at once
     * @param adoption what a run does with tokens it did not create
     * @throws NullPointerException when {@code stateStore}, {@code output} or {@code adoption} is null
     */
    public EngineSettings {
        requireNonNull(stateStore, "stateStore");
        requireNonNull(output, "output");
        requireNonNull(adoption, "adoption");
    }
}
