package dev.cftokens.spring;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.TokenProvisioner;
import dev.cftokens.runtime.state.FileStateStore;
import dev.cftokens.runtime.state.StateException;
import dev.cftokens.runtime.state.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.env.Environment;

/**
 * The one place the starter configures the runtime: the state store named by {@code cftokens.state}, and
 * a {@link Provisioning} with the {@code cftokens.*} settings. Everything here follows the runtime's
 * public API as it moves (a state store found from its location, a provisioning of many declarations in
 * one run); the rest of the starter does not touch it.
 */
final class ProvisioningSetup {
    static final String STATE_VARIABLE = "CFTOKENS_STATE";
    static final String KEY_VARIABLE = "CFTOKENS_KEY";
    static final String PASSPHRASE_VARIABLE = FileStateStore.PASSPHRASE_VARIABLE;

    private final CftokensProperties properties;
    private final Environment environment;

    ProvisioningSetup(CftokensProperties properties, Environment environment) {
        this.properties = requireNonNull(properties, "properties");
        this.environment = requireNonNull(environment, "environment");
    }

    /** The store {@code cftokens.state} (or {@code CFTOKENS_STATE}) names, default the working directory's file. */
    StateStore stateStore() {
        String location = VariableDefaults.resolve(properties.getState(), environment, STATE_VARIABLE);
        if (VariableDefaults.resolve(properties.getKey(), environment, KEY_VARIABLE) != null) {
            throw new StateException("cftokens.key (CFTOKENS_KEY) is not supported by this cftokens-runtime;"
                    + " set cftokens.passphrase (CFTOKENS_PASSPHRASE) instead");
        }
        if (location != null && (location.startsWith("jdbc:") || location.equalsIgnoreCase("datasource"))) {
            throw new StateException("cftokens.state names a database, which needs the PostgreSQL state"
                    + " store (dev.cftokens:cftokens-state-postgres) on the class path");
        }
        FileStateStore.Builder store = FileStateStore.builder().lockWait(properties.getWaitTimeout());
        if (location != null) {
            store.path(Path.of(location));
        }
        String passphrase = properties.getPassphrase();
        if (passphrase != null && !passphrase.isEmpty()) {
            store.passphrase(passphrase.toCharArray());
        }
        return store.build();
    }

    /** A {@link Provisioning} through {@code cloudflare} and {@code store} with the {@code cftokens.*} settings. */
    Provisioning provisioning(Cloudflare cloudflare, StateStore store) {
        Provisioning provisioning =
                Provisioning.with(cloudflare).stateStore(store).adoptUnrecorded(properties.isAdopt());
        try {
            return provisioning.parallelism(properties.getParallelism());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cftokens.parallelism: " + e.getMessage(), e);
        }
    }

    /** Provisions every one of {@code provisioners} and hands each token back with its value. */
    static ProvisionedTokens provision(Provisioning configured, List<TokenProvisioner<?>> provisioners) {
        RecordingOutput output = new RecordingOutput();
        Provisioning provisioning = configured.output(output);
        Instant start = Instant.now();
        List<ProvisionedToken<?>> tokens = new ArrayList<>();
        // One run per declaration until the runtime provisions many with their values in one run. Never a
        // full apply: a starting instance must not delete the tokens that instances of the previous version,
        // still running during a rolling deploy, declare and use; deletions belong to the CLI and the build.
        for (TokenProvisioner<?> provisioner : provisioners) {
            tokens.add(provisioning.provision(provisioner));
        }
        ProvisioningRun run = new ProvisioningRun(start, Duration.between(start, Instant.now()), output.lines());
        return new ProvisionedTokens(tokens, provisioners, run);
    }
}
