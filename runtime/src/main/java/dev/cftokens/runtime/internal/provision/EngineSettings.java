package dev.cftokens.runtime.internal.provision;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.provision.ProvisioningOutput;
import dev.cftokens.runtime.state.StateStore;

/**
 * What {@link dev.cftokens.runtime.Provisioning} configures for a run; it checks the values.
 *
 * @param concurrency how many changes run at once
 * @param adoption what a run does with tokens it did not create
 */
public record EngineSettings(
        StateStore stateStore, ProvisioningOutput output, Concurrency concurrency, Adoption adoption) {
    public EngineSettings {
        requireNonNull(concurrency, "concurrency");
        requireNonNull(stateStore, "stateStore");
        requireNonNull(output, "output");
        requireNonNull(adoption, "adoption");
    }
}
