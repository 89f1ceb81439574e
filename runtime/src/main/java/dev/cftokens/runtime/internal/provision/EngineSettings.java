package dev.cftokens.runtime.internal.provision;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.provision.ProvisioningMode;
import dev.cftokens.runtime.provision.ProvisioningOutput;
import dev.cftokens.runtime.state.StateStore;
import java.time.Clock;

/**
 * What {@link dev.cftokens.runtime.Provisioning} configures for a run; it checks the values.
 *
 * @param stateStore where the state is kept
 * @param output where plans, progress and warnings go
 * @param concurrency how many changes run at once
 * @param adoption what a run does with tokens it did not create
 * @param clock the time expiry and rotation are judged by and generations are recorded with
 * @param mode whether runs write tokens or only serve them from the state
 * @param modeFollowsCredentials true when no mode was set: then a credential that turns out to have no
 *     token permissions serves as none
 */
public record EngineSettings(
        StateStore stateStore,
        ProvisioningOutput output,
        Concurrency concurrency,
        Adoption adoption,
        Clock clock,
        ProvisioningMode mode,
        boolean modeFollowsCredentials) {
    /**
     * Checks the components.
     *
     * @param stateStore where the state is kept
     * @param output where plans, progress and warnings go
     * @param concurrency how many changes run at once
     * @param adoption what a run does with tokens it did not create
     * @param clock the time expiry and rotation are judged by
     * @param mode whether runs write tokens or only serve them
     * @param modeFollowsCredentials true when no mode was set
     * @throws NullPointerException when a component is null
     */
    public EngineSettings {
        requireNonNull(concurrency, "concurrency");
        requireNonNull(stateStore, "stateStore");
        requireNonNull(output, "output");
        requireNonNull(adoption, "adoption");
        requireNonNull(clock, "clock");
        requireNonNull(mode, "mode");
    }
}
