package dev.cftokens.spring;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.TokenProvisioner;
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
    private final SettingLookup settings;

    ProvisioningSetup(CftokensProperties properties, Environment environment) {
        this.properties = requireNonNull(properties, "properties");
        this.settings = new SettingLookup(environment);
    }

    /**
     * The store {@code cftokens.state} (or {@code CFTOKENS_STATE}) names, default the working directory's
     * file, with the key of {@code cftokens.key} or {@code cftokens.passphrase} (or their variables).
     */
    StateStore stateStore() {
        String location = settings.apply(StateStores.STATE_VARIABLE);
        if (location != null && location.strip().equalsIgnoreCase(DATASOURCE)) {
            throw new StateException("cftokens.state=datasource uses the application's DataSource with the"
                    + " PostgreSQL state store: add dev.cftokens:cftokens-state-postgres and a DataSource (such as"
                    + " spring-boot-starter-jdbc with spring.datasource.url)");
        }
        try {
            StateStoreSettings read = StateStores.settingsFrom(
                    settings, blank(properties.getState()) ? StateStores.STATE_VARIABLE : "cftokens.state");
            return StateStores.create(read.withLockWait(properties.getWaitTimeout()));
        } catch (IllegalArgumentException e) {
            throw keyProblem(e);
        }
    }

    /** The key of {@code cftokens.key} or {@code cftokens.passphrase}, else of their variables, if any. */
    Optional<StateKey> key() {
        try {
            return StateKey.fromLookup(settings);
        } catch (IllegalArgumentException e) {
            throw keyProblem(e);
        }
    }

    private static StateException keyProblem(IllegalArgumentException e) {
        return new StateException(
                "cftokens.key / cftokens.passphrase (" + StateKey.KEY_VARIABLE + " / " + StateKey.PASSPHRASE_VARIABLE
                        + "): " + e.getMessage(),
                e);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** A {@link Provisioning} through {@code cloudflare} and {@code store} with the {@code cftokens.*} settings. */
    Provisioning provisioning(Cloudflare cloudflare, StateStore store) {
        Provisioning provisioning = Provisioning.with(cloudflare)
                .stateStore(store)
                .adoptUnrecorded(properties.isAdopt())
                .rollAdopted(properties.isRollAdopted())
                .rotateInProcess(properties.getRotation().isEnabled());
        if (properties.getMode() != null) {
            provisioning = provisioning.mode(properties.getMode());
        }
        if (properties.getRefreshInterval() != null) {
            try {
                provisioning = provisioning.refreshInterval(properties.getRefreshInterval());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cftokens.refresh-interval: " + e.getMessage(), e);
            }
        }
        if (properties.getParallelism() == null) {
            return provisioning; // the runtime's automatic parallelism
        }
        try {
            return provisioning.parallelism(properties.getParallelism());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cftokens.parallelism: " + e.getMessage(), e);
        }
    }

    /**
     * Provisions every one of {@code provisioners} and hands each token back with its value, with the lines
     * {@code output} recorded meanwhile (none when the provisioning reports elsewhere).
     */
    static ProvisionedTokens provision(
            Provisioning provisioning, RecordingOutput output, List<TokenProvisioner<?>> provisioners) {
        Instant start = Instant.now();
        // One run for every declaration, never a complete apply: a starting instance must not delete the
        // tokens that instances of the previous version, still running during a rolling deploy, declare and
        // use; deletions belong to the command line and the build.
        List<ProvisionedToken<?>> tokens = provisioning.provisionAll(provisioners);
        ProvisioningRun run = new ProvisioningRun(start, Duration.between(start, Instant.now()), output.endRecording());
        return new ProvisionedTokens(tokens, provisioners, run, provisioning.mode());
    }
}
