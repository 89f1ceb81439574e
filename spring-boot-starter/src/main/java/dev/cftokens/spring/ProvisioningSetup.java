package dev.cftokens.spring;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.TokenProvisioner;
import dev.cftokens.runtime.state.FileStateStore;
import dev.cftokens.runtime.state.StateException;
import dev.cftokens.runtime.state.StateKey;
import dev.cftokens.runtime.state.StateStore;
import dev.cftokens.runtime.state.StateStoreSettings;
import dev.cftokens.runtime.state.StateStores;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.core.env.Environment;

/**
 * The one place the starter configures the runtime: the state store named by {@code cftokens.state} and
 * its key, a {@link Provisioning} with the {@code cftokens.*} settings, and the startup run.
 */
final class ProvisioningSetup {
    /** The value of {@code cftokens.state} that means the application's own DataSource. */
    static final String DATASOURCE = "datasource";

    private final CftokensProperties properties;
    private final Environment environment;

    ProvisioningSetup(CftokensProperties properties, Environment environment) {
        this.properties = requireNonNull(properties, "properties");
        this.environment = requireNonNull(environment, "environment");
    }

    /**
     * The store {@code cftokens.state} (or {@code CFTOKENS_STATE}) names, default the working directory's
     * file, with the key of {@code cftokens.key} or {@code cftokens.passphrase} (or their variables).
     */
    StateStore stateStore() {
        String location = VariableDefaults.resolve(properties.getState(), environment, StateStores.STATE_VARIABLE);
        String origin = properties.getState() != null && !properties.getState().isBlank()
                ? "cftokens.state"
                : StateStores.STATE_VARIABLE;
        if (location == null) {
            location = FileStateStore.DEFAULT_PATH.toString();
            origin = "the default state file";
        }
        if (location.equalsIgnoreCase(DATASOURCE)) {
            throw new StateException("cftokens.state=datasource uses the application's DataSource with the"
                    + " PostgreSQL state store: add dev.cftokens:cftokens-state-postgres and a DataSource (such as"
                    + " spring-boot-starter-jdbc with spring.datasource.url)");
        }
        StateStoreSettings settings = StateStoreSettings.of(location, origin)
                .withKey(key().orElse(null))
                .withLockWait(properties.getWaitTimeout());
        return StateStores.create(StateStores.withEnvironment(settings));
    }

    /** The key of {@code cftokens.key} or {@code cftokens.passphrase}, else of their variables, if any. */
    Optional<StateKey> key() {
        String key = VariableDefaults.resolve(properties.getKey(), environment, StateKey.KEY_VARIABLE);
        String passphrase = properties.getPassphrase();
        if (key != null && passphrase != null && !passphrase.isEmpty()) {
            throw new StateException("both cftokens.key and cftokens.passphrase are set; set only one of them");
        }
        if (key != null) {
            try {
                return Optional.of(StateKey.ofBase64(key));
            } catch (IllegalArgumentException e) {
                throw new StateException("cftokens.key (" + StateKey.KEY_VARIABLE + "): " + e.getMessage(), e);
            }
        }
        if (passphrase == null || passphrase.isEmpty()) {
            passphrase = environment.getProperty(StateKey.PASSPHRASE_VARIABLE);
        }
        return passphrase == null || passphrase.isEmpty()
                ? Optional.empty()
                : Optional.of(StateKey.ofPassphrase(passphrase.toCharArray()));
    }

    /** A {@link Provisioning} through {@code cloudflare} and {@code store} with the {@code cftokens.*} settings. */
    Provisioning provisioning(Cloudflare cloudflare, StateStore store) {
        Provisioning provisioning = Provisioning.with(cloudflare)
                .stateStore(store)
                .adoptUnrecorded(properties.isAdopt())
                .rollAdopted(properties.isRollAdopted());
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
        // One run for every declaration, never a complete apply: a starting instance must not delete the
        // tokens that instances of the previous version, still running during a rolling deploy, declare and
        // use; deletions belong to the command line and the build.
        List<ProvisionedToken<?>> tokens = provisioning.provisionAll(provisioners);
        ProvisioningRun run = new ProvisioningRun(start, Duration.between(start, Instant.now()), output.lines());
        return new ProvisionedTokens(tokens, provisioners, run);
    }
}
