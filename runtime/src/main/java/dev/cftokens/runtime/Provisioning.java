package dev.cftokens.runtime;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.provision.ApplyResult;
import dev.cftokens.runtime.provision.Plan;
import dev.cftokens.runtime.provision.ProvisioningEngine;
import dev.cftokens.runtime.provision.ProvisioningOutput;
import dev.cftokens.runtime.state.FileStateStore;
import dev.cftokens.runtime.state.StateStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Provisions declared tokens through one {@link Cloudflare}: the engine behind every generated
 * provisioner's {@code provision(cloudflare)} and behind the command line. Immutable: each setting
 * returns a new instance.
 *
 * <pre>{@code
 * ProvisionedToken<ReadonlyToken> token = Provisioning.with(cloudflare)
 *     .stateStore(FileStateStore.builder().path(Path.of("/var/lib/app/cftokens.json")).build())
 *     .provision(ReadonlyTokenProvisioner.create());
 * }</pre>
 *
 * <p>By default the state is {@code .cftokens/state.json} under the working directory (values kept
 * only encrypted, with {@code CFTOKENS_PASSPHRASE}; without it a value handed back is obtained by
 * rolling the token, which is logged at WARNING), output goes to {@link System.Logger} {@code
 * dev.cftokens.provisioning}, up to 8 changes run at once, and a declaration with no recorded token
 * adopts an unrecorded token with its exact name and grants ({@link #adoptUnrecorded(boolean)}).
 * Instances are cheap: every one in a JVM shares the default store of one state file, so a generated
 * {@code provision(cloudflare)}, which makes a new instance per call, derives the passphrase's key
 * once per JVM, not once per call.
 */
public final class Provisioning {
    /** Changes carried out at once unless configured otherwise. */
    public static final int DEFAULT_PARALLELISM = 8;

    private final Cloudflare cloudflare;
    private final StateStore stateStore;
    private final ProvisioningOutput output;
    private final int parallelism;
    private final boolean adoptUnrecorded;
    /**
     * The default stores, one per state file (by canonical path), shared by every instance in the JVM
     * so a store's derived key (PBKDF2, hundreds of milliseconds) serves every run through that file.
     */
    private static final ConcurrentMap<Path, FileStateStore> DEFAULT_STORES = new ConcurrentHashMap<>();

    private Provisioning(
            Cloudflare cloudflare,
            StateStore stateStore,
            ProvisioningOutput output,
            int parallelism,
            boolean adoptUnrecorded) {
        this.cloudflare = requireNonNull(cloudflare, "cloudflare");
        this.stateStore = stateStore;
        this.output = output;
        this.parallelism = parallelism;
        this.adoptUnrecorded = adoptUnrecorded;
    }

    public static Provisioning with(Cloudflare cloudflare) {
        return new Provisioning(cloudflare, null, ProvisioningOutput.logger(), DEFAULT_PARALLELISM, true);
    }

    /** Where the state is kept; default {@link FileStateStore#inWorkingDirectory()}. */
    public Provisioning stateStore(StateStore stateStore) {
        return new Provisioning(
                cloudflare, requireNonNull(stateStore, "stateStore"), output, parallelism, adoptUnrecorded);
    }

    /** Where plans and progress are printed. */
    public Provisioning output(ProvisioningOutput output) {
        return new Provisioning(cloudflare, stateStore, requireNonNull(output, "output"), parallelism, adoptUnrecorded);
    }

    /** Prints plans and progress to {@code stream}. */
    public Provisioning output(PrintStream stream) {
        return output(ProvisioningOutput.to(stream));
    }

    /** How many changes run at once (the client's rate limiter paces their requests); default 8. */
    public Provisioning parallelism(int parallelism) {
        if (parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("parallelism must be between 1 and 64, not " + parallelism);
        }
        return new Provisioning(cloudflare, stateStore, output, parallelism, adoptUnrecorded);
    }

    /**
     * Whether a declaration the state has no token for adopts an unrecorded token with exactly its owner,
     * account, name and grants (the oldest, when several match); default true. That is what a service
     * provisioning at every start from a fresh working directory (a container, a CI runner) needs:
     * otherwise each start leaves one more live token behind. An adopted token whose value is needed and
     * not stored is rolled, which is logged at WARNING; keeping the state on persistent storage with
     * {@code CFTOKENS_PASSPHRASE} avoids that. Off, such a token is named in a plan warning and left
     * alone, and a new one is created (only a create this state started and never recorded is adopted):
     * for when several states deliberately declare tokens of the same name and grants.
     */
    public Provisioning adoptUnrecorded(boolean adoptUnrecorded) {
        return new Provisioning(cloudflare, stateStore, output, parallelism, adoptUnrecorded);
    }

    /**
     * Creates or updates one token so it matches its declaration and returns it with its value: from
     * the encrypted state, fresh from a create, or by rolling the token (which is said in the output).
     * Never deletes any other token.
     */
    public <T> ProvisionedToken<T> provision(TokenProvisioner<T> provisioner) {
        return engine().provision(provisioner);
    }

    /**
     * The plan for the application's full set of declarations, without changing anything: recorded
     * tokens absent from {@code provisioners} are planned for deletion.
     */
    public Plan plan(TokenProvisioner<?>... provisioners) {
        return plan(Arrays.asList(provisioners));
    }

    /** See {@link #plan(TokenProvisioner...)}. */
    public Plan plan(Collection<? extends TokenProvisioner<?>> provisioners) {
        return engine().plan(List.copyOf(provisioners), true);
    }

    /**
     * Makes Cloudflare match the application's full set of declarations: creates, updates, repairs
     * drift, and deletes recorded tokens absent from {@code provisioners}. Values are not handed back;
     * use {@link #provision} for that.
     */
    public ApplyResult apply(TokenProvisioner<?>... provisioners) {
        return apply(Arrays.asList(provisioners));
    }

    /** See {@link #apply(TokenProvisioner...)}. */
    public ApplyResult apply(Collection<? extends TokenProvisioner<?>> provisioners) {
        return engine().apply(List.copyOf(provisioners), true);
    }

    /**
     * Deletes every token in the state, tolerating ones already gone, and the token an unrecorded create
     * of an earlier run left, if any. Returns the declaration ids (a leftover's as {@code
     * <id>~unrecorded-<token id>}).
     */
    public List<String> destroy() {
        return engine().destroy(List.of());
    }

    /** Deletes the tokens of the named declarations, tolerating ones already gone. */
    public List<String> destroy(String... declarationIds) {
        if (declarationIds.length == 0) {
            throw new IllegalArgumentException("name at least one declaration id, or call destroy() for all");
        }
        return engine().destroy(List.of(declarationIds));
    }

    private ProvisioningEngine engine() {
        return new ProvisioningEngine(cloudflare, effectiveStateStore(), output, parallelism, adoptUnrecorded);
    }

    /** The configured store, or the JVM's default store of {@link FileStateStore#DEFAULT_PATH}. */
    StateStore effectiveStateStore() {
        return stateStore != null ? stateStore : defaultStore(FileStateStore.DEFAULT_PATH);
    }

    /**
     * The one default store of the file at {@code path} (with the passphrase from the environment,
     * which is fixed for the JVM's life), whatever spelling of the path is given.
     */
    static FileStateStore defaultStore(Path path) {
        Path canonical;
        try {
            // Works for a file not created yet, and resolves the links of the part that exists.
            canonical = path.toFile().getCanonicalFile().toPath();
        } catch (IOException e) {
            canonical = path.toAbsolutePath().normalize();
        }
        return DEFAULT_STORES.computeIfAbsent(
                canonical, file -> FileStateStore.builder().path(file).build());
    }
}
