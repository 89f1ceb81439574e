package dev.cftokens.emulator;

import com.sun.net.httpserver.HttpServer;
import dev.cftokens.core.catalog.PermissionGroupCatalog;
import dev.cftokens.emulator.access.Authenticator;
import dev.cftokens.emulator.access.Permissions;
import dev.cftokens.emulator.access.RequestThrottle;
import dev.cftokens.emulator.http.Router;
import dev.cftokens.emulator.state.StateFile;
import dev.cftokens.emulator.tokens.TokenStore;
import dev.cftokens.emulator.tokens.TokenValues;
import dev.cftokens.emulator.workers.WorkerBinding;
import dev.cftokens.emulator.workers.WorkerScriptStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Cloudflare's token API on a loopback port: account- and user-owned tokens, permission groups, accounts,
 * the user and Worker script uploads, in Cloudflare's envelope and with its checks. Issued token values are
 * real credentials for it. Start one with {@link #start()} or {@link #start(EmulatorOptions)}; close it
 * when done.
 */
public final class CloudflareEmulator implements AutoCloseable {
    /** IPv4 loopback by its literal (no lookup), whatever the JVM's IPv6 preference. */
    private static final String LOOPBACK = "127.0.0.1";

    static {
        // The JDK server writes headers and body in two packets; with Nagle's algorithm on, the body waits for
        // the client's delayed ACK, 40 ms per answer. The property is read once, when the server first starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String adminToken;
    private final String adminTokenId;
    private final String globalApiKey;
    private final Identity identity;
    private final PermissionGroupCatalog catalog;
    private final TokenStore tokens;
    private final WorkerScriptStore scripts;
    private final StateFile stateFile;
    private final EmulatorClock clock;
    private final FaultInjector faults;
    private final RequestCounters counters = new RequestCounters();
    private final Object saveLock = new Object();
    private volatile boolean closed;

    private CloudflareEmulator(EmulatorOptions options) throws IOException {
        this.adminToken = options.adminToken().orElseGet(TokenValues::newValue);
        this.adminTokenId = TokenValues.newId();
        // Cloudflare's global API keys are 37 lower-case hex characters.
        this.globalApiKey = options.globalApiKey()
                .orElseGet(() -> TokenValues.newId() + TokenValues.newId().substring(0, 5));
        this.catalog = options.catalog();
        this.clock = new EmulatorClock(options.clock(), options.clockOffset());
        this.tokens = new TokenStore(clock);
        this.scripts = new WorkerScriptStore(clock);
        this.faults = new FaultInjector(options.seed(), options.faults());
        this.stateFile = options.statePath().map(StateFile::new).orElse(null);
        StateFile.State saved = stateFile != null && stateFile.exists() ? stateFile.load() : null;
        this.identity = new Identity(
                chooseId("account id", options.accountId().orElse(null), saved == null ? null : saved.accountId()),
                "Emulated account",
                chooseId("user id", options.userId().orElse(null), saved == null ? null : saved.userId()),
                options.userEmail());
        if (saved != null) {
            tokens.restore(saved.tokens());
            scripts.restore(saved.scripts());
        }
        if (stateFile != null) {
            tokens.onChange(this::saveState);
            scripts.onChange(this::saveState);
            saveState();
        }

        Permissions permissions = new Permissions(catalog);
        Router<Endpoint> router = new Router<>();
        new TokenEndpoints(identity, catalog, tokens, permissions).register(router);
        new AccountEndpoints(identity, permissions, tokens.now()).register(router);
        new WorkerEndpoints(identity, permissions, scripts).register(router);

        Authenticator authenticator = new Authenticator(
                tokens,
                TokenValues.hash(adminToken),
                adminTokenId,
                identity.userEmail(),
                TokenValues.hash(globalApiKey));
        RequestThrottle rateLimiter =
                options.rateLimit().map(limit -> limiter(limit, clock)).orElse(null);
        RequestThrottle addressRateLimiter =
                options.addressRateLimit().map(limit -> limiter(limit, clock)).orElse(null);

        this.server = HttpServer.create(new InetSocketAddress(LOOPBACK, options.port()), 128);
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(options.threads(), runnable -> {
            Thread thread = new Thread(runnable, "cloudflare-emulator-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        List<ExchangeListener> listeners = new ArrayList<>(options.exchangeListeners());
        ServiceLoader.load(ExchangeListener.class).forEach(listeners::add);
        server.createContext(
                "/",
                new ApiHandler(
                        router,
                        authenticator,
                        rateLimiter,
                        addressRateLimiter,
                        faults,
                        counters,
                        new ExchangeRecording(listeners)));
        server.createContext(ClockEndpoint.PATH, new ClockEndpoint(clock, authenticator, tokens::now));
        server.start();
    }

    private static RequestThrottle limiter(EmulatedRateLimit limit, Clock clock) {
        return new RequestThrottle(
                limit.limit(), limit.window().toMillis(), limit.block().toMillis(), clock);
    }

    /**
     * Starts an emulator with the defaults: a free port, random credentials, no faults, no rate limit.
     *
     * @return the running emulator; close it to stop
     */
    public static CloudflareEmulator start() {
        return start(EmulatorOptions.defaults());
    }

    /**
     * Starts an emulator with these options.
     *
     * @param options the options
     * @return the running emulator; close it to stop
     * @throws UncheckedIOException when it cannot listen on the port
     */
    public static CloudflareEmulator start(EmulatorOptions options) {
        try {
            return new CloudflareEmulator(options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Cloudflare emulator on port " + options.port(), e);
        }
    }

    /** {@return {@code http://127.0.0.1:<port>/client/v4}, what a client takes as its base URL} */
    public String baseUrl() {
        return "http://" + LOOPBACK + ":" + port() + ApiHandler.API_PREFIX;
    }

    /** {@return the loopback port it listens on} */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@return the bootstrap token: a Bearer credential with every right} */
    public String adminToken() {
        return adminToken;
    }

    /** {@return the id verify reports for the admin token} */
    public String adminTokenId() {
        return adminTokenId;
    }

    /** {@return the one account, 32 hex characters} */
    public String accountId() {
        return identity.accountId();
    }

    /** {@return the user's id, the tag of {@code com.cloudflare.api.user.<id>}} */
    public String userId() {
        return identity.userId();
    }

    /** {@return the user's e-mail, sent as X-Auth-Email with {@link #globalApiKey()}} */
    public String userEmail() {
        return identity.userEmail();
    }

    /** {@return the user's global API key, sent as X-Auth-Key} */
    public String globalApiKey() {
        return globalApiKey;
    }

    /**
     * {@return the emulator's time, in whole seconds as Cloudflare's timestamps are: the options' clock plus
     * the offset}
     */
    public Instant now() {
        return tokens.now();
    }

    /**
     * Moves the emulator's clock forward, as if {@code by} had passed: tokens whose {@code expires_on} it
     * passes are expired from now on (refused as credentials, listed only with {@code include_expired}), and
     * every later issued_on, modified_on and last_used_on is that much later. Out of process, {@code POST
     * /__emulator/clock} does the same.
     *
     * @param by how far, zero or more
     * @return the new time, as {@link #now()} gives it
     * @throws IllegalArgumentException when {@code by} is negative: the clock never goes back
     */
    public Instant advanceClock(Duration by) {
        clock.advance(by);
        return now();
    }

    /**
     * {@return the emulator's clock, which follows {@link #advanceClock}: for the runtime under test
     * ({@code Provisioning.clock}), so both sides judge expiry and rotation by the same time}
     */
    public Clock clock() {
        return clock;
    }

    /** {@return how far ahead of the options' clock the emulator's clock is: the start offset plus every advance} */
    public Duration clockOffset() {
        return clock.offset();
    }

    /** {@return the permission groups it offers} */
    public PermissionGroupCatalog catalog() {
        return catalog;
    }

    /** {@return every stored token, oldest first; values are never kept, so never shown} */
    public List<EmulatedToken> tokens() {
        return tokens.all().stream().map(t -> EmulatedToken.of(t, tokens.now())).collect(Collectors.toList());
    }

    /**
     * {@return the Worker script of this name, with its bindings' names and types, if it was uploaded}
     *
     * @param name the script's name
     */
    public Optional<DeployedScript> workerScript(String name) {
        return scripts.get(name).map(DeployedScript::of);
    }

    /**
     * Test hook: the text of a script's {@code secret_text} binding, which no HTTP answer ever shows, so a
     * test can check that the right token value was bound. Empty when there is no such secret (also after
     * a restart from a state file, which never holds secret texts).
     *
     * @param scriptName the script's name
     * @param bindingName the binding's name, such as {@code API_TOKEN}
     * @return the text, or empty
     */
    public Optional<String> workerSecretText(String scriptName, String bindingName) {
        return scripts.get(scriptName)
                .flatMap(script -> script.binding(bindingName))
                .filter(WorkerBinding::isSecret)
                .map(WorkerBinding::text);
    }

    /**
     * Starts a fault now, in addition to those already active.
     *
     * @param fault the fault
     */
    public void injectFault(Fault fault) {
        faults.add(fault);
    }

    /** Ends every fault, including the latency of the options. */
    public void clearFaults() {
        faults.clear();
    }

    /**
     * Requests received since start (or the last reset), whatever became of them.
     *
     * @return the count
     */
    public long requestCount() {
        return counters.total();
    }

    /**
     * {@return the requests of one kind received since start (or the last reset)}
     *
     * @param kind the kind, such as {@link RequestKind#CREATE_TOKEN}
     */
    public long requestCount(RequestKind kind) {
        return counters.byKind(kind);
    }

    /**
     * {@return the requests with one HTTP method received since start (or the last reset)}
     *
     * @param method the method, such as {@code POST}
     */
    public long requestCount(String method) {
        return counters.byMethod(method);
    }

    /** Sets every request count back to zero. */
    public void resetRequestCounts() {
        counters.reset();
    }

    /** Stops serving at once; safe to call twice. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        // Interrupts handlers sleeping for a latency fault; their connections are closed already.
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stateFile != null) {
            saveState(); // last_used_on changes are not saved on their own
        }
    }

    /**
     * Snapshot and write under one lock. Taken outside it, a snapshot could wait for the lock while a newer
     * one is written, then overwrite it: the file would lack a token whose create had already answered, and a
     * kill -9 at that moment would lose it. Under the lock each write holds everything done before it.
     */
    private void saveState() {
        synchronized (saveLock) {
            stateFile.save(new StateFile.State(identity.accountId(), identity.userId(), tokens.all(), scripts.all()));
        }
    }

    /** An id given in the options, else the saved one, else a new one; given and saved must agree. */
    private static String chooseId(String what, String given, String saved) {
        if (given != null && saved != null && !given.equals(saved)) {
            throw new IllegalStateException("the state file holds " + what + " " + saved + ", but " + given
                    + " was given; give the same one, or start with another state file");
        }
        return given != null ? given : saved != null ? saved : TokenValues.newId();
    }

    @Override
    public String toString() {
        return "CloudflareEmulator{" + baseUrl() + ", account " + accountId() + "}";
    }
}
