package dev.cftokens.runtime.internal.provision;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.provision.ProvisioningOutput;
import dev.cftokens.runtime.state.StateStore;

/**
 * What {@link dev.cftokens.runtime.Provisioning} configures for a run; it checks the values.
 *
 * @param parallelism how many changes run at once
 * @param adoptUnrecorded adopt a token with a declaration's owner, account, name and grants that no
 *     state records, instead of leaving it alone and creating another
 */
public record EngineSettings(
        StateStore stateStore, ProvisioningOutput output, int parallelism, boolean adoptUnrecorded) {
    public EngineSettings {
        requireNonNull(stateStore, "stateStore");
        requireNonNull(output, "output");
    }
}
