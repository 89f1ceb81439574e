package dev.cftokens.runtime;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.internal.provision.Adoption;
import dev.cftokens.runtime.internal.provision.Concurrency;
import dev.cftokens.runtime.internal.provision.Declared;
import dev.cftokens.runtime.internal.provision.Engine;
import dev.cftokens.runtime.internal.provision.EngineSettings;
import dev.cftokens.runtime.internal.provision.Generations;
import dev.cftokens.runtime.internal.provision.ProvisionedValue;
import dev.cftokens.runtime.provision.ApplyResult;
import dev.cftokens.runtime.provision.DeclarationScope;
import dev.cftokens.runtime.provision.Plan;
import dev.cftokens.runtime.provision.ProvisioningException;
import dev.cftokens.runtime.provision.ProvisioningMode;
import dev.cftokens.runtime.provision.ProvisioningOutput;
import dev.cftokens.runtime.provision.RotationRequest;
import dev.cftokens.runtime.provision.TokenGenerations;
import dev.cftokens.runtime.state.StateSession;
import dev.cftokens.runtime.state.StateStore;
import dev.cftokens.runtime.state.StateStoreSettings;
import dev.cftokens.runtime.state.StateStores;
import dev.cftokens.runtime.state.TokenRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Provisions declared tokens through one {@link Cloudflare}: the one entry to provisioning, behind every
 * generated provisioner's {@code provision(cloudflare)}, the command line and every integration.
 * Immutable: each setting returns a new instance.
 *
 * <pre>{@code
 * ProvisionedToken<ReadonlyToken> token = Provisioning.with(cloudflare)
 *     .stateStore(FileStateStore.builder().path(Path.of("/var/lib/app/cftokens.json")).build())
 *     .provision(ReadonlyTokenProvisioner.create());
 * }</pre>
 *
 * <p>By default the state is {@code .cftokens/state.json} under the working directory (values kept
 * only encrypted, with {@code CFTOKENS_PASSPHRASE}; without it a value handed back is obtained by
 * rolling the token, which is reported as a warning), plans, progress and warnings are logged through
 * {@link System.Logger} {@code dev.cftokens.provisioning} and nowhere else (a command line prints them
 * instead: {@link #output(PrintStream)}), as many changes run at once as the client's rate limit and round
 * trip keep busy, and a declaration with no recorded token
 * adopts an unrecorded token with its exact name and grants ({@link #adoptUnrecorded(boolean)}).
 * Instances are cheap: every one in a JVM shares the default store of one state file, so a generated
 * {@code provision(cloudflare)}, which makes a new instance per call, derives the passphrase's key
 * once per JVM, not once per call.
 */
public final class Provisioning {
    /**
     * Changes carried out at once when not configured, until the client has timed a request: from then on as
     * many as its rate limit (at most Cloudflare's 200 requests per second) times the measured round trip
     * keeps busy, from {@value #MIN_AUTOMATIC_PARALLELISM} to {@value #MAX_PARALLELISM}.
     */
    public static final int DEFAULT_PARALLELISM = 8;

    /** The fewest changes an unconfigured run carries out at once. */
    static final int MIN_AUTOMATIC_PARALLELISM = 4;

    /** The most changes {@link #parallelism(int)} lets run at once. */
    public static final int MAX_PARALLELISM = 64;

    /**
     * The default stores, one per state file (by canonical path), shared by every instance in the JVM
     * so a store's derived key (PBKDF2, hundreds of milliseconds) serves every run through that file.
     */
    private static final ConcurrentMap<String, StateStore> DEFAULT_STORES = new ConcurrentHashMap<>();

    private final Cloudflare cloudflare;
    /** Null for the JVM's default store, which is opened only when a run needs it. */
    private final StateStore stateStore;

    private final Settings settings;

    private Provisioning(Cloudflare cloudflare, StateStore stateStore, Settings settings) {
        this.cloudflare = requireNonNull(cloudflare, "cloudflare");
        this.stateStore = stateStore;
        this.settings = settings;
    }

    /**
     * The settings besides the client and the store.
     *
     * @param parallelism as configured; empty to follow the client's rate limit and round trip
     * @param refreshInterval how often live handles read the state; null for the environment's
     * @param clock the time expiry and rotation are judged by
     * @param rotateInProcess whether live handles of rotating tokens rotate them when due
     * @param mode as set; null to follow the credentials
     */
    private record Settings(
            ProvisioningOutput output,
            OptionalInt parallelism,
            Adoption adoption,
            Duration refreshInterval,
            Clock clock,
            boolean rotateInProcess,
            ProvisioningMode mode) {
        static final Settings DEFAULT = new Settings(
                ProvisioningOutput.logger(),
                OptionalInt.empty(),
                Adoption.DEFAULT,
                null,
                Clock.systemUTC(),
                true,
                null);

        Settings withOutput(ProvisioningOutput output) {
            return new Settings(output, parallelism, adoption, refreshInterval, clock, rotateInProcess, mode);
        }

        Settings withParallelism(OptionalInt parallelism) {
            return new Settings(output, parallelism, adoption, refreshInterval, clock, rotateInProcess, mode);
        }

        Settings withAdoption(Adoption adoption) {
            return new Settings(output, parallelism, adoption, refreshInterval, clock, rotateInProcess, mode);
        }

        Settings withRefreshInterval(Duration refreshInterval) {
            return new Settings(output, parallelism, adoption, refreshInterval, clock, rotateInProcess, mode);
        }

        Settings withClock(Clock clock) {
            return new Settings(output, parallelism, adoption, refreshInterval, clock, rotateInProcess, mode);
        }

        Settings withRotateInProcess(boolean rotateInProcess) {
            return new Settings(output, parallelism, adoption, refreshInterval, clock, rotateInProcess, mode);
        }

        Settings withMode(ProvisioningMode mode) {
            return new Settings(output, parallelism, adoption, refreshInterval, clock, rotateInProcess, mode);
        }
    }

    /**
     * Provisioning through {@code cloudflare}, with every default.
     *
     * @param cloudflare the client to provision through
     * @return the provisioning; each setting returns a changed copy
     */
    public static Provisioning with(Cloudflare cloudflare) {
        return new Provisioning(cloudflare, null, Settings.DEFAULT);
    }

    /**
     * Where the state is kept; default the store {@value StateStores#STATE_VARIABLE} names, or {@code
     * .cftokens/state.json} under the working directory.
     *
     * @param stateStore the store
     * @return a copy of this provisioning with that store
     */
    public Provisioning stateStore(StateStore stateStore) {
        return new Provisioning(cloudflare, requireNonNull(stateStore, "stateStore"), settings);
    }

    /**
     * Keeps the state at {@code location}: a file path, or a URL such as {@code
     * jdbc:postgresql://db:5432/app} served by a store on the class path ({@code cftokens-state-postgres}),
     * with the key and database credentials of the environment ({@link StateStores}).
     *
     * @param location a file path or a store URL
     * @return a copy of this provisioning with that store
     * @throws dev.cftokens.runtime.state.StateException when no store on the class path serves the URL
     */
    public Provisioning stateStore(String location) {
        requireNonNull(location, "location");
        return stateStore(
                defaultStore(StateStores.withEnvironment(StateStoreSettings.of(location, "the state location"))));
    }

    /**
     * Where plans, progress and warnings go, and only there; default {@link ProvisioningOutput#logger()}.
     *
     * @param output where to report
     * @return a copy of this provisioning with that output
     */
    public Provisioning output(ProvisioningOutput output) {
        return new Provisioning(cloudflare, stateStore, settings.withOutput(requireNonNull(output, "output")));
    }

    /**
     * Prints plans, progress and warnings to {@code stream}, and logs none of them.
     *
     * @param stream where to print, such as {@code System.out}
     * @return a copy of this provisioning with that output
     */
    public Provisioning output(PrintStream stream) {
        return output(ProvisioningOutput.to(stream));
    }

    /**
     * How many changes run at once (the client's rate limiter paces their requests), from 1 to {@value
     * #MAX_PARALLELISM}; by default as many as the client's rate limit and measured round trip keep busy
     * ({@link #DEFAULT_PARALLELISM} until a round trip is timed).
     *
     * @param parallelism the number of changes in flight
     * @return a copy of this provisioning with that parallelism
     * @throws IllegalArgumentException when {@code parallelism} is outside 1 to {@value #MAX_PARALLELISM}
     */
    public Provisioning parallelism(int parallelism) {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException(
                    "parallelism must be between 1 and " + MAX_PARALLELISM + ", not " + parallelism);
        }
        return new Provisioning(cloudflare, stateStore, settings.withParallelism(OptionalInt.of(parallelism)));
    }

    /**
     * Whether a declaration the state has no token for adopts an unrecorded token with exactly its owner,
     * account, name and grants (the oldest, when several match); default true. That is what a service
     * provisioning at every start from a fresh working directory (a container, a CI runner) needs:
     * otherwise each start leaves one more live token behind. An adopted token whose value is needed and
     * not stored is rolled, which is reported as a warning; keeping the state on persistent storage with
     * {@code CFTOKENS_PASSPHRASE} avoids that. Off, such a token is named in a plan warning and left
     * alone, and a new one is created (only a create this state started and never recorded is adopted):
     * for when several states deliberately declare tokens of the same name and grants.
     *
     * @param adoptUnrecorded true to adopt such tokens
     * @return a copy of this provisioning with that choice
     */
    public Provisioning adoptUnrecorded(boolean adoptUnrecorded) {
        return new Provisioning(
                cloudflare,
                stateStore,
                settings.withAdoption(settings.adoption().withAdoptUnrecorded(adoptUnrecorded)));
    }

    /**
     * Whether a token this state did not create, adopted by name and grants, may be rolled when its value
     * must be handed back; default false. Rolling breaks every other holder of the current value, which
     * is what several instances of a service with separate states would do to each other: by default such
     * a {@link #provision} fails instead, saying to share the state ({@code CFTOKENS_STATE}). A token this
     * state created is rolled to recover a value it does not hold whatever this says, and the output says so.
     *
     * @param rollAdopted true to allow rolling adopted tokens
     * @return a copy of this provisioning with that choice
     */
    public Provisioning rollAdopted(boolean rollAdopted) {
        return new Provisioning(
                cloudflare,
                stateStore,
                settings.withAdoption(settings.adoption().withRollAdopted(rollAdopted)));
    }

    /**
     * How often the tokens {@link #provision} hands back read the state to follow a rotation; default {@code
     * CFTOKENS_REFRESH_INTERVAL} (an ISO-8601 duration), or 30 seconds. Each refresh is one read of the
     * state under a shared lock and no request to Cloudflare.
     *
     * @param interval the time between two reads of the state
     * @return a copy of this provisioning with that interval
     * @throws IllegalArgumentException when {@code interval} is not positive
     */
    public Provisioning refreshInterval(Duration interval) {
        RefreshInterval.check(requireNonNull(interval, "interval"), "the refresh interval");
        return new Provisioning(cloudflare, stateStore, settings.withRefreshInterval(interval));
    }

    /**
     * Judges expiry and rotation by {@code clock}, and records generations with it; for tests that move
     * time, together with the emulator's clock.
     *
     * @param clock the clock
     * @return a copy of this provisioning with that clock
     */
    public Provisioning clock(Clock clock) {
        return new Provisioning(cloudflare, stateStore, settings.withClock(requireNonNull(clock, "clock")));
    }

    /**
     * Whether the live handles this provisioning hands out rotate their token when its generation is due
     * (on by default): the process holds the minting credential and the refresh thread runs the rotation
     * under the state's locks, so across a fleet one instance does it and the others follow. Off, rotation
     * is left to {@code cftokens-cli rotate} or {@code mvn cftokens:rotate} (cron, CI).
     *
     * @param enabled false to leave rotation to the command line or the build
     * @return a copy of this provisioning with that setting
     */
    public Provisioning rotateInProcess(boolean enabled) {
        return new Provisioning(cloudflare, stateStore, settings.withRotateInProcess(enabled));
    }

    /**
     * Sets whether this process writes tokens or only serves them from the shared state. By default a client
     * with credentials provisions and one without ({@code CLOUDFLARE_ACCOUNT_ID} only) consumes; {@link
     * ProvisioningMode#CONSUME} with credentials never uses them to write.
     *
     * @param mode the mode
     * @return a copy of this provisioning in that mode
     */
    public Provisioning mode(ProvisioningMode mode) {
        return new Provisioning(cloudflare, stateStore, settings.withMode(requireNonNull(mode, "mode")));
    }

    /** {@return the mode runs take: as set, else {@code PROVISION} with credentials and {@code CONSUME} without} */
    public ProvisioningMode mode() {
        if (settings.mode() != null) {
            return settings.mode();
        }
        return cloudflare.hasCredentials() ? ProvisioningMode.PROVISION : ProvisioningMode.CONSUME;
    }

    /**
     * Creates or updates one token so it matches its declaration and returns it with its value: from
     * the encrypted state, fresh from a create, or by rolling the token (which is said in the output).
     * Never deletes any other token.
     *
     * @param <T> the declaring interface
     * @param provisioner the declaration's generated provisioner
     * @return the token with its value
     * @throws ProvisioningException when the token cannot be made to match its declaration
     */
    public <T> ProvisionedToken<T> provision(TokenProvisioner<T> provisioner) {
        requireNonNull(provisioner, "provisioner");
        Duration interval = refreshInterval();
        ProvisionedValue provisioned = engine().provision(List.of(provisioner))
                .get(provisioner.declaration().id());
        return live(token(provisioner, provisioned), interval, upkeep(provisioner));
    }

    /**
     * {@link #provision} for several declarations in one run (one listing, changes in parallel), as an
     * application does at startup. Never deletes any other token.
     *
     * @param provisioners the declarations' provisioners
     * @return their tokens with their values, in the order given
     * @throws ProvisioningException when a token cannot be provisioned or its value obtained
     */
    public List<ProvisionedToken<?>> provisionAll(Collection<? extends TokenProvisioner<?>> provisioners) {
        List<TokenProvisioner<?>> all = List.copyOf(provisioners);
        Duration interval = refreshInterval();
        Map<String, ProvisionedValue> provisioned = all.isEmpty() ? Map.of() : engine().provision(all);
        List<ProvisionedToken<?>> tokens = new ArrayList<>();
        for (TokenProvisioner<?> provisioner : all) {
            tokens.add(live(
                    token(provisioner, provisioned.get(provisioner.declaration().id())),
                    interval,
                    upkeep(provisioner)));
        }
        return List.copyOf(tokens);
    }

    /** The interval set, or the environment's; read before a run, so a wrong one changes nothing. */
    private Duration refreshInterval() {
        return settings.refreshInterval() != null ? settings.refreshInterval() : RefreshInterval.from(System::getenv);
    }

    /**
     * Makes {@code token} follow the state every {@code interval}, rotating it when due unless that is left
     * to the command line.
     */
    private <T> ProvisionedToken<T> live(
            ProvisionedToken<T> token, Duration interval, Optional<LiveTokens.Upkeep> upkeep) {
        LiveTokens.follow(token, effectiveStateStore(), interval, settings.output(), upkeep);
        return token;
    }

    /** What a live handle of {@code provisioner}'s token runs when its generation needs it, if anything. */
    private Optional<LiveTokens.Upkeep> upkeep(TokenProvisioner<?> provisioner) {
        return provisioner
                .declaration()
                .rotation()
                .filter(policy -> settings.rotateInProcess() && mode() == ProvisioningMode.PROVISION)
                .map(policy -> new LiveTokens.Upkeep(
                        policy,
                        settings.clock(),
                        () -> engine().apply(List.of(provisioner), DeclarationScope.PARTIAL)));
    }

    private static <T> ProvisionedToken<T> token(TokenProvisioner<T> provisioner, ProvisionedValue provisioned) {
        return new ProvisionedToken<>(
                provisioner.tokenType(),
                provisioner.declaration().id(),
                provisioned.tokenId(),
                provisioned.name(),
                provisioned.status(),
                provisioned.value());
    }

    /**
     * The plan for the application's full set of declarations, without changing anything: recorded
     * tokens absent from {@code provisioners} are planned for deletion.
     *
     * @param provisioners every declaration of the application
     * @return the plan
     */
    public Plan plan(TokenProvisioner<?>... provisioners) {
        return plan(Arrays.asList(provisioners));
    }

    /**
     * See {@link #plan(TokenProvisioner...)}.
     *
     * @param provisioners every declaration of the application
     * @return the plan
     */
    public Plan plan(Collection<? extends TokenProvisioner<?>> provisioners) {
        return plan(provisioners, DeclarationScope.COMPLETE);
    }

    /**
     * The plan for {@code provisioners}, without changing anything; only for {@link
     * DeclarationScope#COMPLETE} are recorded tokens absent from them planned for deletion.
     *
     * @param provisioners the declarations to plan for
     * @param scope whether they are every declaration of the application
     * @return the plan
     */
    public Plan plan(Collection<? extends TokenProvisioner<?>> provisioners, DeclarationScope scope) {
        return engine().plan(List.copyOf(provisioners), requireNonNull(scope, "scope"));
    }

    /**
     * The plan for the declarations {@code declarations} loads, without changing anything, as {@link
     * #plan(Collection, DeclarationScope)} with the {@linkplain Declarations.Found#scope() scope} they were found
     * with. They are loaded on the calling thread once the state is locked, while the tokens it records are
     * listed: a command line or a build that loads many declarations from a class path overlaps the two. The
     * state is locked whole, as for the complete set.
     *
     * <pre>{@code
     * provisioning.plan(() -> Declarations.on(loader, classPath).load(inputs));
     * }</pre>
     *
     * @param declarations loads the declarations; what it throws ends the run, with nothing changed
     * @return the plan
     */
    public Plan plan(Supplier<Declarations.Found> declarations) {
        requireNonNull(declarations, "declarations");
        return engine().plan(() -> declared(declarations.get()));
    }

    /**
     * Makes Cloudflare match the application's full set of declarations: creates, updates, repairs
     * drift, and deletes recorded tokens absent from {@code provisioners}. Values are not handed back;
     * use {@link #provision} for that.
     *
     * @param provisioners every declaration of the application
     * @return what the apply did
     * @throws ProvisioningException when a change fails; what was done before is recorded
     */
    public ApplyResult apply(TokenProvisioner<?>... provisioners) {
        return apply(Arrays.asList(provisioners));
    }

    /**
     * See {@link #apply(TokenProvisioner...)}.
     *
     * @param provisioners every declaration of the application
     * @return what the apply did
     */
    public ApplyResult apply(Collection<? extends TokenProvisioner<?>> provisioners) {
        return apply(provisioners, DeclarationScope.COMPLETE);
    }

    /**
     * Makes Cloudflare match {@code provisioners}; only for {@link DeclarationScope#COMPLETE} are recorded
     * tokens absent from them deleted.
     *
     * @param provisioners the declarations to apply
     * @param scope whether they are every declaration of the application
     * @return what the apply did
     * @throws ProvisioningException when a change fails; what was done before is recorded
     */
    public ApplyResult apply(Collection<? extends TokenProvisioner<?>> provisioners, DeclarationScope scope) {
        return engine().apply(List.copyOf(provisioners), requireNonNull(scope, "scope"));
    }

    /**
     * Makes Cloudflare match the declarations {@code declarations} loads, as {@link #apply(Collection,
     * DeclarationScope)} with the {@linkplain Declarations.Found#scope() scope} they were found with; loaded as
     * for {@link #plan(Supplier)}, overlapping the listing of the recorded tokens.
     *
     * @param declarations loads the declarations; what it throws ends the run, with nothing changed
     * @return what the apply did
     * @throws ProvisioningException when a change fails; what was done before is recorded
     */
    public ApplyResult apply(Supplier<Declarations.Found> declarations) {
        requireNonNull(declarations, "declarations");
        return engine().apply(() -> declared(declarations.get()));
    }

    /**
     * Rotates the due tokens among the declarations {@code declarations} loads, and those {@code request}
     * names whatever their schedule: successor first, the previous generation valid for the overlap (or,
     * revoked, deleted at once); ends previous generations whose overlap is over. Declarations without
     * {@code @Rotation} are left alone.
     *
     * @param declarations loads the declarations; what it throws ends the run, with nothing changed
     * @param request the rotations asked for besides the due ones; {@link RotationRequest#DUE} for none
     * @return what the run did
     * @throws ProvisioningException when a rotation fails, or a requested id is not a rotating declaration
     */
    public ApplyResult rotate(Supplier<Declarations.Found> declarations, RotationRequest request) {
        requireNonNull(declarations, "declarations");
        requireNonNull(request, "request");
        return engine().rotate(() -> declared(declarations.get()), request);
    }

    /**
     * Each recorded token's generations, with the schedules of the declarations {@code declarations} loads,
     * read under a shared lock; nothing is sent to Cloudflare.
     *
     * @param declarations loads the declarations whose schedules to show; what it throws ends the read
     * @return one entry per recorded declaration, by declaration id
     */
    public List<TokenGenerations> status(Supplier<Declarations.Found> declarations) {
        requireNonNull(declarations, "declarations");
        Map<String, TokenProvisioner<?>> byId = new HashMap<>();
        declarations
                .get()
                .provisioners()
                .forEach(provisioner -> byId.put(provisioner.declaration().id(), provisioner));
        List<TokenGenerations> generations = new ArrayList<>();
        try (StateSession state = effectiveStateStore().openForReading(Set.of())) {
            state.records().stream()
                    .sorted(Comparator.comparing(TokenRecord::declarationId))
                    .forEach(record -> {
                        TokenProvisioner<?> provisioner = byId.get(record.declarationId());
                        generations.add(new TokenGenerations(
                                record,
                                provisioner == null
                                        ? Optional.empty()
                                        : provisioner.declaration().rotation(),
                                provisioner != null,
                                Generations.live(state.holdings(record.declarationId()))));
                    });
        }
        return List.copyOf(generations);
    }

    /**
     * {@link #status(Supplier)} with the schedules of {@code provisioners}, already created.
     *
     * @param provisioners the declarations whose schedules to show; none for the records alone
     * @return one entry per recorded declaration, by declaration id
     */
    public List<TokenGenerations> status(Collection<? extends TokenProvisioner<?>> provisioners) {
        List<TokenProvisioner<?>> given = List.copyOf(provisioners);
        return status(() -> new Declarations.Found(given, List.of(), Map.of()));
    }

    /**
     * {@link #rotate(Supplier, RotationRequest)} over {@code provisioners}, already created.
     *
     * @param provisioners the declarations, of which the rotating ones are considered
     * @param request the rotations asked for besides the due ones
     * @return what the run did
     */
    public ApplyResult rotate(Collection<? extends TokenProvisioner<?>> provisioners, RotationRequest request) {
        List<TokenProvisioner<?>> given = List.copyOf(provisioners);
        return rotate(() -> new Declarations.Found(given, List.of(), Map.of()), request);
    }

    /** {@return the time this provisioning judges expiry and rotation by} */
    public Instant now() {
        return settings.clock().instant();
    }

    private static Declared declared(Declarations.Found found) {
        requireNonNull(found, "the declarations found");
        return new Declared(found.provisioners(), found.scope());
    }

    /**
     * Deletes every token in the state, tolerating ones already gone, and the token an unrecorded create
     * of an earlier run left, if any. Returns the declaration ids (a leftover's as {@code
     * <id>~unrecorded-<token id>}).
     *
     * @return the ids of the deleted tokens' declarations
     */
    public List<String> destroy() {
        return engine().destroy(List.of());
    }

    /**
     * Deletes the tokens of the named declarations, tolerating ones already gone.
     *
     * @param declarationIds the declarations whose tokens to delete
     * @return the ids of the deleted tokens' declarations
     */
    public List<String> destroy(String... declarationIds) {
        return destroy(List.of(declarationIds));
    }

    /**
     * Deletes the tokens of the named declarations, tolerating ones already gone.
     *
     * @param declarationIds the declarations whose tokens to delete
     * @return the ids of the deleted tokens' declarations
     * @throws IllegalArgumentException when no id is named (call {@link #destroy()} for all)
     * @throws ProvisioningException naming the ids the state does not record; nothing is deleted then
     */
    public List<String> destroy(Collection<String> declarationIds) {
        if (declarationIds.isEmpty()) {
            throw new IllegalArgumentException("name at least one declaration id, or call destroy() for all");
        }
        return engine().destroy(List.copyOf(declarationIds));
    }

    private Engine engine() {
        return new Engine(
                cloudflare,
                new EngineSettings(
                        effectiveStateStore(),
                        settings.output(),
                        concurrency(),
                        settings.adoption(),
                        settings.clock(),
                        mode(),
                        settings.mode() == null));
    }

    private Concurrency concurrency() {
        if (settings.parallelism().isPresent()) {
            return Concurrency.fixed(settings.parallelism().getAsInt());
        }
        return Concurrency.following(
                () -> cloudflare.concurrency(DEFAULT_PARALLELISM, MIN_AUTOMATIC_PARALLELISM, MAX_PARALLELISM));
    }

    /** The configured store, or the JVM's store of the environment's {@value StateStores#STATE_VARIABLE}. */
    StateStore effectiveStateStore() {
        return stateStore != null ? stateStore : defaultStore(StateStores.settingsFromEnvironment());
    }

    /**
     * The one store of a location (the environment is fixed for the JVM's life), shared by every instance
     * so a passphrase's key is derived and a database's tables are checked once. Files are known by their
     * canonical path, whatever the spelling.
     */
    static StateStore defaultStore(StateStoreSettings settings) {
        return DEFAULT_STORES.computeIfAbsent(
                storeKey(settings.location()), key -> StateStores.create(settings.withLocation(key)));
    }

    private static String storeKey(String location) {
        if (location.regionMatches(true, 0, "jdbc:", 0, 5)) {
            return location;
        }
        try {
            // Works for a file not created yet, and resolves the links of the part that exists.
            return Path.of(location).toFile().getCanonicalPath();
        } catch (IOException | InvalidPathException e) {
            return location;
        }
    }
}
